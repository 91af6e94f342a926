import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { createVouch, streamIdOf, type Principal } from '@vouch/application';
import {
  acmeAccount,
  appendClonesOfLastEvent,
  inesAttributes,
  inesEnrolment,
} from '../../../packages/application/test/support/long-advocate-stream';

/**
 * One advocate (`ines` of tenant `long`) whose stream holds `events` events (clones of one real
 * attribute update), built by a store and facade that are closed
 * again, so nothing the build allocated stays referenced while the calls are measured.
 */
export async function buildAsOfStream(filename: string, events: number): Promise<string> {
  const setupStore = SqliteEventStore.open({
    filename,
    masterKey: Buffer.alloc(32, 7),
    durability: 'NORMAL',
  });
  const setupVouch = createVouch({ store: setupStore, dueWorkIntervalMs: 0 });
  const pm: Principal = { tenantId: 'long', userId: 'pat', roles: ['PROGRAM_MANAGER', 'AUDITOR'] };
  const run = (type: string, commandId: string, data: object, aggregateId?: string) =>
    setupVouch.execute(pm, { type, commandId, data, ...(aggregateId ? { aggregateId } : {}) } as never);
  await run('RegisterAccount', 'c-acct', acmeAccount);
  await run('EnrolAdvocate', 'c-enrol', inesEnrolment('Ines'));
  await run('UpdateAdvocateAttributes', 'c-update-0', { ...inesAttributes, topics: ['t-0'] }, 'ines');
  const stream = streamIdOf('Advocate', 'ines');
  await appendClonesOfLastEvent(setupStore, 'long', stream, events);
  await setupVouch.stop();
  await setupStore.close();
  return stream;
}
