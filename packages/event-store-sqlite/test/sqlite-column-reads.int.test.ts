import fc from 'fast-check';
import type { EngineEventStore } from '@vouch/event-store';
import { CorruptEventError, checkpointOf, type RecordedEvent } from '@vouch/event-store';
import { contactRecorded, contractEvent } from '@vouch/event-store/testing';
import {
  appendSteps,
  failuresOnDamagedRow,
  openPair,
  step,
  subjects,
  tenant,
} from './support/column-read-histories';
import { useTempDirectory } from './support/temp-files';

const nextFile = useTempDirectory();

describe('SQLite store: reads through column arrays equal reads through event objects', () => {
  it('readStream and readAll answer the same events, decrypted, erased and upcast alike (property)', async () => {
    let compared = 0;
    const seen = { present: 0, erased: 0, upcast: 0 };
    const count = (events: readonly RecordedEvent[]) => {
      compared += events.length;
      for (const e of events) {
        if (e.personalData.status === 'present') seen.present += 1;
        if (e.personalData.status === 'erased') seen.erased += 1;
        if (e.schemaVersion !== e.storedSchemaVersion) seen.upcast += 1;
      }
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 25 }),
        fc.array(
          fc.record({
            from: fc.integer({ min: 0, max: 30 }),
            limit: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
            backwards: fc.boolean(),
            types: fc.option(fc.subarray(['Activated', 'Renamed', 'ContactRecorded', 'NoteTaken']), {
              nil: undefined,
            }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (history, reads) => {
          const pair = openPair(nextFile());
          try {
            await appendSteps(pair.columns, history);
            for (const read of reads) {
              for (const stream of ['s-1', 's-2', ...subjects]) {
                const options = {
                  direction: read.backwards ? ('backwards' as const) : ('forwards' as const),
                  ...(read.from > 0 ? { fromVersion: read.from } : {}),
                  ...(read.limit !== undefined ? { limit: read.limit } : {}),
                };
                const fast = await pair.columns.readStream(tenant, stream, options);
                expect(fast).toStrictEqual(await pair.objects.readStream(tenant, stream, options));
                count(fast);
              }
              const logOptions = {
                after: checkpointOf(read.from),
                ...(read.limit !== undefined ? { limit: read.limit } : {}),
                ...(read.types !== undefined ? { types: read.types } : {}),
              };
              const fast = await pair.columns.readAll(tenant, logOptions);
              expect(fast).toStrictEqual(await pair.objects.readAll(tenant, logOptions));
              count(fast);
            }
          } finally {
            await pair.close();
          }
        },
      ),
      { numRuns: 100 },
    );
    // The property compared real events, personal, erased and upcast ones among them. The floors
    // sit well under what random histories give (one run of 80 gave 390 against a floor of 400).
    expect(compared).toBeGreaterThan(300);
    expect(Math.min(seen.present, seen.erased, seen.upcast)).toBeGreaterThan(20);
  }, 120_000);

  it('a personal field read back is decrypted, and erased after its subject is forgotten', async () => {
    const pair = openPair(nextFile());
    try {
      await pair.columns.append(
        tenant,
        'adv-1',
        [contactRecorded(tenant, 'adv-1', 'Ada', 'ada@example.com')],
        {
          expectedVersion: 'no_stream',
        },
      );
      await pair.columns.append(tenant, 's-1', [contractEvent(tenant, 'Renamed', { name: 'Old' })], {
        expectedVersion: 'no_stream',
      });
      const [contact, renamed] = await pair.columns.readAll(tenant);
      expect(contact!.data).toEqual({
        advocateId: 'adv-1',
        profile: { name: 'Ada', email: 'ada@example.com' },
        seniority: 'VP',
      });
      expect(contact!.personalData).toEqual({ status: 'present', subjectId: 'adv-1' });
      expect(renamed!.data).toEqual({ fullName: 'Old', source: 'upcast' });
      expect([renamed!.schemaVersion, renamed!.storedSchemaVersion]).toEqual([3, 1]);
      await pair.columns.forgetSubject(tenant, 'adv-1');
      const [after] = await pair.columns.readStream(tenant, 'adv-1');
      expect(after!.personalData.status).toBe('erased');
      expect(JSON.stringify(after!.data)).not.toContain('Ada');
    } finally {
      await pair.close();
    }
  });

  it('a damaged row fails both paths alike, naming the event', async () => {
    for (const read of [
      (store: EngineEventStore) => store.readAll(tenant),
      (store: EngineEventStore) => store.readStream(tenant, 's-1'),
    ]) {
      const { fast, reference } = await failuresOnDamagedRow(nextFile(), read);
      expect(fast).toBeInstanceOf(CorruptEventError);
      expect((fast as Error).message).toBe((reference as Error).message);
    }
  });
});
