import type { CommandResult } from '@vouch/application';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** The outcome of a mutation: which aggregate it changed, to which version, with which events. */
@ObjectType({
  description:
    "What a mutation did. Repeating a mutation with the same `commandId` changes nothing and returns the first result with `duplicate: true`. A refused mutation's payload is null, with its typed error; the other mutations of the same document keep theirs.",
})
export class CommandPayload {
  @Field(() => ID, {
    description: 'The id of the aggregate (account, advocate, request, …) the command changed.',
  })
  aggregateId!: string;

  @Field(() => String, { description: 'The event stream of that aggregate.' })
  streamId!: string;

  @Field(() => Int, { description: "The stream's version after the command." })
  version!: number;

  @Field(() => [String], {
    description: 'The types of the events the command recorded, in order (empty when it changed nothing).',
  })
  eventTypes!: string[];

  @Field(() => Boolean, {
    description: 'True when this `commandId` had been handled before: nothing new was written.',
  })
  duplicate!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'Opaque log position of the last event; read models that have passed it reflect this write. Null when nothing was written.',
  })
  checkpoint?: string | null;

  static of(result: CommandResult): CommandPayload {
    const payload = new CommandPayload();
    payload.aggregateId = result.aggregateId;
    payload.streamId = result.streamId;
    payload.version = result.version;
    payload.eventTypes = result.events.map((event) => event.type);
    payload.duplicate = result.duplicate;
    payload.checkpoint = result.checkpoint ?? null;
    return payload;
  }
}
