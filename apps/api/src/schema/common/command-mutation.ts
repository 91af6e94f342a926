import { Mutation } from 'type-graphql';
import { CommandPayload } from './command-payload';

/**
 * A mutation that runs one command. Its payload is nullable on purpose: in a document with
 * several mutations, one that is refused is null with its own error while the results of
 * those that ran (and wrote their events) stay in `data` — a non-null payload would null the
 * whole `data` and hide writes that happened.
 */
export function CommandMutation(options: { description: string; name?: string }): MethodDecorator {
  return Mutation(() => CommandPayload, { nullable: true, ...options });
}

/** The description of every command mutation's `input` argument. */
export const COMMAND_INPUT = {
  description:
    "The command's data and its client-chosen `commandId`. Objects are named by their domain ids (`advocateId`, `requestId`, …), not by global ids.",
} as const;
