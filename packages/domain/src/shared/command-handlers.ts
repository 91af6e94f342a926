import type { Command, DomainEvent } from './domain-event';

/** The command of union `C` whose type is `K`. */
export type CommandOf<C extends Command, K extends C['type']> = Extract<C, { readonly type: K }>;

/** One payload parser per command type: raw `data` in, checked input out (or a VALIDATION error). */
export type CommandParsers<C extends Command, Ctx> = {
  readonly [K in C['type']]: (data: CommandOf<C, K>['data'], context: Ctx) => unknown;
};

/** What each parser of `P` returns, by command type. */
export type ParsedInputs<P> = {
  readonly [K in keyof P]: P[K] extends (...args: never[]) => infer R ? R : never;
};

/** A command whose payload has been parsed: its type and its checked input. */
export type ParsedCommand<P> = {
  [K in keyof P]: { readonly type: K; readonly input: ParsedInputs<P>[K] };
}[keyof P];

/** One named rule per command type, over its parsed input; the compiler checks none is missing. */
export type CommandHandlers<P, S, E extends DomainEvent, Ctx> = {
  readonly [K in keyof P]: (input: ParsedInputs<P>[K], state: S, context: Ctx) => E[];
};

/** Parses a command's payload with the parser of its type. */
export function parseWith<C extends Command, Ctx, P extends CommandParsers<C, Ctx>>(
  parsers: P,
  command: C,
  context: Ctx,
): ParsedCommand<P> {
  const type = command.type as C['type'] & keyof P;
  const parse = parsers[type] as (data: C['data'], context: Ctx) => unknown;
  return { type, input: parse(command.data, context) } as ParsedCommand<P>;
}

/** Runs the named rule of a parsed command's type. */
export function handleWith<P, S, E extends DomainEvent, Ctx, K extends keyof P>(
  handlers: CommandHandlers<P, S, E, Ctx>,
  command: { readonly type: K; readonly input: ParsedInputs<P>[K] },
  state: S,
  context: Ctx,
): E[] {
  return handlers[command.type](command.input, state, context);
}
