import { randomBytes } from 'node:crypto';
import {
  EMPTY_STREAM,
  InMemoryWrappedKeyRepository,
  MasterKeyVault,
  canonicalJson,
  planAppend,
  prepareAppend,
  type PlannedEvent,
} from '@vouch/event-store';
import { contractEvent, contractPersonalData } from '@vouch/event-store/testing';
import { eventColumns } from '../src/appends/event-columns';

// The insert's columns come from the plan's events and their canonical texts, by type: no
// class check at run time, so a copy of a planned event (a spread drops its accessors) is a
// compile error, never a silently re-encoded row.

const DATA_COLUMN = 4;
const METADATA_COLUMN = 6;

async function plannedEvents(data: Record<string, unknown>): Promise<readonly PlannedEvent[]> {
  const vault = new MasterKeyVault(randomBytes(32), new InMemoryWrappedKeyRepository());
  const event = contractEvent('tenant-a', 'TextsStored', data);
  const prepared = await prepareAppend('tenant-a', 'texts-1', [event], 'any', {
    personalData: contractPersonalData,
    vault,
    now: () => '2026-01-02T03:04:05.678Z',
  });
  const plan = planAppend(prepared, EMPTY_STREAM, () => undefined, '2026-01-02T03:04:05.678Z');
  if (plan.kind !== 'write') throw new Error('expected a write');
  return plan.events;
}

describe('the PostgreSQL insert columns', () => {
  it('carry the canonical texts each planned event was hashed from, key order included', async () => {
    // Integer-like keys: a parsed object's order ("2" before "10") differs from the canonical one.
    const data = { '2': 'two', '10': 'ten', nested: { z: 1, a: 'Zoë' } };
    const events = await plannedEvents(data);
    const columns = eventColumns(events);
    expect(columns[DATA_COLUMN]).toEqual([canonicalJson(data)]);
    expect(columns[DATA_COLUMN]).toEqual([events[0]!.dataText]);
    expect(columns[METADATA_COLUMN]).toEqual([events[0]!.metadataText]);
    expect(JSON.stringify(data)).not.toBe(canonicalJson(data));
  });

  it('take planned events only: a copy of one does not type-check', async () => {
    const events = await plannedEvents({ n: 1 });
    const copies = events.map((event) => ({ ...event }));
    // @ts-expect-error a spread copy has no dataText/metadataText (nor data/metadata): refused by the type
    const columns = (): unknown[] => eventColumns(copies);
    expect(typeof columns).toBe('function');
  });
});
