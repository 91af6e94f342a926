import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { createVouch, streamIdOf, type Principal } from '@vouch/application';
import {
  acmeAccount,
  inesAttributes,
  inesEnrolment,
} from '../../../packages/application/test/support/long-advocate-stream';

/** Where the stream's history starts; one event a minute from here (10k events: about a week). */
const HISTORY_STARTS = Date.parse('2026-01-05T08:00:00.000Z');
const MINUTE = 60_000;

/**
 * One advocate (`ines` of tenant `long`) whose stream holds `events` events (clones of one real
 * attribute update), built by a store and facade that are closed again, so nothing the build
 * allocated stays referenced while the calls are measured. The stream has a history, as a real
 * one does: each event is appended on its own, a minute after the one before, by a clock the
 * build moves, and happened a second before it was recorded — so an instant in the middle of
 * the stream (`asOfStreamMiddle`) splits it as an audit of an old date would.
 */
export async function buildAsOfStream(filename: string, events: number): Promise<string> {
  let now = HISTORY_STARTS;
  const clock = () => new Date(now).toISOString();
  const setupStore = SqliteEventStore.open({
    filename,
    masterKey: Buffer.alloc(32, 7),
    durability: 'NORMAL',
    clock,
  });
  const setupVouch = createVouch({ store: setupStore, dueWorkIntervalMs: 0, clock });
  const pm: Principal = { tenantId: 'long', userId: 'pat', roles: ['PROGRAM_MANAGER', 'AUDITOR'] };
  const run = (type: string, commandId: string, data: object, aggregateId?: string) =>
    setupVouch.execute(pm, { type, commandId, data, ...(aggregateId ? { aggregateId } : {}) } as never);
  await run('RegisterAccount', 'c-acct', acmeAccount);
  now += MINUTE;
  await run('EnrolAdvocate', 'c-enrol', inesEnrolment('Ines'));
  now += MINUTE;
  await run('UpdateAdvocateAttributes', 'c-update-0', { ...inesAttributes, topics: ['t-0'] }, 'ines');
  await setupVouch.stop();
  const stream = streamIdOf('Advocate', 'ines');
  // One append per event, each at its own minute (appendClonesOfLastEvent appends 500 at one instant).
  const template = (await setupStore.readStream('long', stream)).at(-1)!;
  for (let version = 3; version <= events; version += 1) {
    now += MINUTE;
    await setupStore.append(
      'long',
      stream,
      [
        {
          eventId: `clone-${version}`,
          type: template.type,
          schemaVersion: template.schemaVersion,
          data: template.data,
          metadata: {
            ...template.metadata,
            commandId: `clone-${version}`,
            effectiveAt: new Date(now - 1000).toISOString(),
          },
        },
      ],
      { expectedVersion: version - 1 },
    );
  }
  await setupStore.close();
  return stream;
}

/** An instant in the middle of a stream built by `buildAsOfStream`: half its events recorded by then. */
export function asOfStreamMiddle(events: number): string {
  return new Date(HISTORY_STARTS + Math.floor(events / 2) * MINUTE + MINUTE / 2).toISOString();
}
