import { randomBytes } from 'node:crypto';
import type { RecordedEvent } from '@vouch/event-store';
import { PostgresEventStore } from '@vouch/event-store-postgres';
import { usePostgresTestServer } from '@vouch/event-store-postgres/testing';
import { createVouch, streamIdOf, type VouchCommand } from '../src';
import { readWholeStream } from '../src/commands/read-whole-stream';
import { StreamCache } from '../src/commands/stream-cache';
import { withheld } from '../src/commands/withheld-personal-data';
import { NOW, pm, populateWorld, TENANT, world } from './support/relationship-world';

// Issue 15, twelfth pass: the command path reads its own stream and the streams its decision
// consults in one batched read (`readStreamTails`). On a real PostgreSQL server with a second
// store on the same schema (another process's connections) appending and erasing behind it.

const server = usePostgresTestServer();

const advocateStream = streamIdOf('Advocate', world.advocate.otto);
const accountStream = streamIdOf('Account', world.account.otto);
const PROGRAM = 'program';
let ids = 0;
const command = (type: string, data: object, aggregateId?: string): VouchCommand =>
  ({ type, commandId: `batched-${++ids}`, ...(aggregateId ? { aggregateId } : {}), data }) as VouchCommand;
const attributes = (topic: string) =>
  command(
    'UpdateAdvocateAttributes',
    { seniority: 'VP', products: [], useCases: [], languages: ['en'], topics: [topic] },
    world.advocate.otto,
  );
const fatigue = (maxPerWindow: number) =>
  command('SetFatiguePolicy', { windowDays: 90, maxPerWindow, maxPerKindPerWindow: {}, minRestDays: 0 });

/** Two stores on one schema: ours (the one under test) and theirs (another process's connections). */
async function twoStores(schema: string) {
  const masterKey = randomBytes(32);
  const open = () =>
    PostgresEventStore.open({ connectionString: server.url, schema, masterKey, clock: () => NOW });
  const theirs = await open();
  const ours = await open();
  return { ours, theirs };
}

/** Which statements a store sends during `work`, by what they do (`read stream tails`, `find data keys`, …). */
async function statementsDuring(store: PostgresEventStore, work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const original = store.database.query.bind(store.database);
  const spy = jest.spyOn(store.database, 'query').mockImplementation(((
    ...args: Parameters<typeof original>
  ) => {
    sent.push(args[0]);
    return original(...args);
  }) as never);
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return sent;
}

/** A statement that reads a stream's events (one alone, or several at once). */
const readsEvents = (what: string): boolean => what === 'read stream' || what === 'read stream tails';

/** A stream as a whole read returns it, in the form the command path holds it (personal values withheld). */
async function wholeWithheld(store: PostgresEventStore, streamId: string): Promise<RecordedEvent[]> {
  return (await readWholeStream(store, TENANT, streamId)).map((event) => withheld(event)!);
}

describe('the command path on PostgreSQL: a command’s streams in one read', () => {
  it('a command reads its own stream and the program it consults in one statement, and decides over what another process just appended', async () => {
    const { ours, theirs } = await twoStores(`batched_cmd_${process.pid}`);
    try {
      const other = createVouch({ store: theirs, clock: () => NOW, dueWorkIntervalMs: 0 });
      const vouch = createVouch({ store: ours, clock: () => NOW, dueWorkIntervalMs: 0 });
      await populateWorld(other);
      await vouch.execute(pm, attributes('first')); // holds the advocate and the program
      // Another process changes both streams the next command consults.
      await other.execute(pm, fatigue(7));
      const theirCommand = attributes('theirs');
      await other.execute(pm, theirCommand);
      const mine = attributes('second');
      const sent = await statementsDuring(ours, () => vouch.execute(pm, mine));
      const reads = sent.filter(readsEvents);
      expect(reads).toEqual(['read stream tails']);
      // The held advocate's erasure state came with it: no key look-up of its own.
      expect(sent).not.toContain('find data keys');
      // Decided over their event: appended after it, not over the stale hold (no conflict, no retry).
      const stored = await ours.readStream(TENANT, advocateStream);
      expect(stored.slice(-2).map((e) => e.metadata.commandId)).toEqual([
        theirCommand.commandId,
        mine.commandId,
      ]);
    } finally {
      await ours.close();
      await theirs.close();
    }
  });

  it('views of several streams equal their whole reads after another process appends and after it erases, one statement each time once the subjects are held', async () => {
    const { ours, theirs } = await twoStores(`batched_views_${process.pid}`);
    try {
      const other = createVouch({ store: theirs, clock: () => NOW, dueWorkIntervalMs: 0 });
      await populateWorld(other);
      const cache = new StreamCache(ours);
      const streams = [advocateStream, PROGRAM, accountStream, 'advocate-nobody'];
      // `alone`: the read's one statement also brought the held subjects' keys (their erasure state).
      const expectCurrent = async (alone: boolean) => {
        let views: Awaited<ReturnType<StreamCache['views']>> = [];
        const sent = await statementsDuring(ours, async () => (views = await cache.views(TENANT, streams)));
        for (const [i, streamId] of streams.entries()) {
          expect({ streamId, events: views[i]!.events }).toEqual({
            streamId,
            events: await wholeWithheld(ours, streamId),
          });
        }
        expect(alone ? sent : sent.filter(readsEvents)).toEqual(['read stream tails']);
        return views;
      };

      await expectCurrent(false); // the first read of a personal event looks its key up apart
      const theirs1 = attributes('theirs');
      const theirs2 = fatigue(9);
      await other.execute(pm, theirs1);
      await other.execute(pm, theirs2);
      const appended = await expectCurrent(true);
      expect(appended[0]!.events.at(-1)!.metadata.commandId).toBe(theirs1.commandId);
      expect(appended[1]!.events.at(-1)!.metadata.commandId).toBe(theirs2.commandId);

      // Erased by the other process: the held advocate shows the erased form at once.
      await theirs.forgetSubject(TENANT, world.advocate.otto);
      const erased = await expectCurrent(true);
      expect(erased[0]!.events.some((e) => e.personalData.status === 'erased')).toBe(true);
      expect(erased[0]!.events.every((e) => e.personalData.status !== 'present')).toBe(true);
    } finally {
      await ours.close();
      await theirs.close();
    }
  });
});
