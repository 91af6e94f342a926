import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { createVouch, streamIdOf, type Principal } from '@vouch/application';

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
  await run('RegisterAccount', 'c-acct', {
    accountId: 'acme',
    name: 'Acme',
    industry: 'Retail',
    segment: 'ENTERPRISE',
    region: 'EMEA',
    products: ['Planner'],
    ownerId: 'olga',
  });
  await run('EnrolAdvocate', 'c-enrol', {
    advocateId: 'ines',
    accountId: 'acme',
    name: 'Ines',
    email: 'ines@acme.example',
    title: 'CFO',
    seniority: 'C_LEVEL',
    products: ['Planner'],
    useCases: ['planning'],
    languages: ['en'],
  });
  const attributes = {
    seniority: 'C_LEVEL',
    products: ['Planner'],
    useCases: ['planning'],
    languages: ['en'],
  };
  await run('UpdateAdvocateAttributes', 'c-update-0', { ...attributes, topics: ['t-0'] }, 'ines');
  const stream = streamIdOf('Advocate', 'ines');
  const template = (await setupStore.readStream('long', stream)).at(-1)!;
  for (let done = 2; done < events;) {
    const batch = Array.from({ length: Math.min(500, events - done) }, (_, i) => ({
      eventId: `clone-${done + i}`,
      type: template.type,
      schemaVersion: template.schemaVersion,
      data: template.data,
      metadata: { ...template.metadata, commandId: `clone-${done + i}` },
    }));
    await setupStore.append('long', stream, batch, { expectedVersion: 'any' });
    done += batch.length;
  }
  await setupVouch.stop();
  await setupStore.close();
  return stream;
}
