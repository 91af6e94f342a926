import { COMMAND_PERMISSIONS, whoMay } from '@vouch/application';
import { COMMAND_CATALOGUE, COMMAND_TYPES, type CommandData, type CommandType } from '@vouch/domain';
import { Arg, type ClassType, Ctx, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { COMMAND_INPUT, CommandMutation } from '../common/command-mutation';
import type { CommandPayload } from '../common/command-payload';
import { executeCommand, plainData } from '../common/execute-command';
import { commandInputLayout } from './command-input-layout';
import { inputTypeOf } from './payload-input-types';

/** A command's mutation name: its type in lower camel case (`SubmitReferenceRequest` → `submitReferenceRequest`). */
export function mutationNameOf(type: CommandType): string {
  return type.charAt(0).toLowerCase() + type.slice(1);
}

/** The mutation's description: what the command does, then who may run it. */
export function mutationDescriptionOf(type: CommandType): string {
  return `${COMMAND_CATALOGUE[type].description} ${whoMay(COMMAND_PERMISSIONS[type])}`;
}

type Handler = (input: object, context: ApiContext) => Promise<CommandPayload>;

/** Adds one command's mutation to the resolver class. */
function defineMutation(resolver: ClassType, type: CommandType): void {
  const layout = commandInputLayout(type);
  const inputType = inputTypeOf(layout.shape);
  const name = mutationNameOf(type);
  const handler: Handler = (input, context) => {
    const plain = plainData(input) as Readonly<Record<string, unknown>>;
    const aggregateId = layout.target === undefined ? undefined : String(plain[layout.target]);
    const data = layout.dataOf(plain) as CommandData<typeof type>;
    return executeCommand(context, type, String(plain.commandId), data, aggregateId);
  };
  const prototype = resolver.prototype as Record<string, Handler>;
  prototype[name] = handler;
  Arg('input', () => inputType, COMMAND_INPUT)(prototype, name, 0);
  Ctx()(prototype, name, 1);
  const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
  CommandMutation({ description: mutationDescriptionOf(type) })(prototype, name, descriptor!);
}

/**
 * One mutation per command of the catalogue, each taking one `input` (the command's payload,
 * its `commandId` and the id of its aggregate) and returning a `CommandPayload`. Generated
 * from `COMMAND_CATALOGUE`, `COMMAND_PERMISSIONS` and the API rows: nothing here is per command.
 */
@Resolver()
export class CommandMutations {}

for (const type of COMMAND_TYPES) defineMutation(CommandMutations, type);
