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

/** The named rule of command type `K`, over the input its parser `P[K]` returns. */
export type RuleOf<P, K extends keyof P, S, E extends DomainEvent, Ctx> = (
  input: ParsedInputs<P>[K],
  state: S,
  context: Ctx,
) => E[];

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

/** A decider's parse step and its decide, built from parsers and named rules. */
export interface CommandRules<C extends Command, S, E extends DomainEvent, Ctx, P> {
  /** Checks a command's payload (VALIDATION errors) before any rule runs. */
  parse(command: C, context: Ctx): ParsedCommand<P>;
  /** Runs `precondition`, then the parse step, then the named rule of the command's type. */
  decide(command: C, state: S, context: Ctx): E[];
}

/**
 * Builds a decider's parse step and decide from one parser and one named rule per command
 * type; the compiler checks both maps cover every command. `precondition` runs first (e.g.
 * "the aggregate exists", "a program manager acts"), so a command on a missing aggregate is refused before its payload is read.
 */
export function commandRules<C extends Command, S, E extends DomainEvent, Ctx>() {
  return <P extends CommandParsers<C, Ctx>>(
    parsers: P,
    rules: CommandHandlers<P, S, E, Ctx>,
    precondition: (command: C, state: S, context: Ctx) => void = () => undefined,
  ): CommandRules<C, S, E, Ctx, P> => ({
    parse: (command, context) => parseWith(parsers, command, context),
    decide(command, state, context) {
      precondition(command, state, context);
      return handleWith(rules, parseWith(parsers, command, context), state, context);
    },
  });
}
