import type { Checkpoint, CheckpointStore } from '@vouch/event-store';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { BACKWARDS, END, StreamNotFoundError, jsonEvent } from '@eventstore/db-client';
import { whileReachable } from './error-mapping';
import type { StreamNames } from './stream-names';

/**
 * Projection checkpoints as events of a `<namespace>-checkpoint:<projection>` stream
 * (outside the event streams' prefix, so subscriptions never see them) whose `$maxCount` of 1 lets the
 * server scavenge older ones. Saving writes with the revision it read, so two runners
 * cannot interleave unnoticed.
 */
export class EventStoreDbCheckpointStore implements CheckpointStore {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly names: StreamNames,
  ) {}

  async load(projection: string): Promise<Checkpoint | undefined> {
    return (await this.current(projection))?.checkpoint;
  }

  async save(projection: string, checkpoint: Checkpoint): Promise<void> {
    const name = this.streamOf(projection);
    const current = await this.current(projection);
    if (current && checkpoint < current.checkpoint) {
      throw new RangeError(
        `Projection ${projection} is at ${current.checkpoint}; it cannot move back to ${checkpoint}.`,
      );
    }
    await whileReachable('save checkpoint', async () => {
      if (!current) await this.client.setStreamMetadata(name, { maxCount: 1 });
      await this.client.appendToStream(name, jsonEvent({ type: 'CheckpointSaved', data: { checkpoint } }), {
        expectedRevision: current ? current.revision : 'no_stream',
      });
    });
  }

  private streamOf(projection: string): string {
    return this.names.checkpointStreamOf(projection);
  }

  private async current(
    projection: string,
  ): Promise<{ checkpoint: Checkpoint; revision: bigint } | undefined> {
    return whileReachable('load checkpoint', async () => {
      try {
        for await (const resolved of this.client.readStream(this.streamOf(projection), {
          direction: BACKWARDS,
          fromRevision: END,
          maxCount: 1,
        })) {
          const event = resolved.event;
          if (event?.isJson) {
            return {
              checkpoint: (event.data as { checkpoint: Checkpoint }).checkpoint,
              revision: event.revision,
            };
          }
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return undefined;
        throw error;
      }
      return undefined;
    });
  }
}
