import fc from 'fast-check';
import type { EventEnvelope } from '@vouch/domain';
import { CorruptEventError } from '@vouch/event-store';
import { replayedFields } from '@vouch/event-store/testing';
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

// Metadata a caller shapes: its own instants, and command ids that look like the member read in place.
const variation = fc.record({
  effectiveAt: fc
    .date({
      min: new Date('2000-01-01T00:00:00.000Z'),
      max: new Date('2099-12-31T00:00:00.000Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  commandId: fc.constantFrom(
    'c-1',
    '","effectiveAt":"1999-01-01T00:00:00.000Z',
    '{"effectiveAt":"x"}',
    'back\\slash"',
  ),
});

describe('SQLite store: the replay read (metadata left as text) gives what readStream gives', () => {
  it('same events, order, data (decrypted, erased, upcast) and instants, forwards and backwards (property)', async () => {
    let compared = 0;
    let inPlace = 0; // events whose metadata was not parsed
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 25 }),
        fc.array(variation, { minLength: 25, maxLength: 25 }),
        fc.array(
          fc.record({
            from: fc.integer({ min: 0, max: 30 }),
            limit: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
            backwards: fc.boolean(),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        async (history, variations, reads) => {
          const pair = openPair(nextFile());
          try {
            await appendSteps(pair.columns, history, (event: EventEnvelope, i) => ({
              ...event,
              metadata: { ...event.metadata, ...variations[i]! },
            }));
            for (const read of reads) {
              for (const stream of ['s-1', 's-2', ...subjects]) {
                const options = {
                  direction: read.backwards ? ('backwards' as const) : ('forwards' as const),
                  ...(read.from > 0 ? { fromVersion: read.from } : {}),
                  ...(read.limit !== undefined ? { limit: read.limit } : {}),
                };
                const replay = await pair.columns.readStreamForReplay(tenant, stream, options);
                const reference = await pair.objects.readStream(tenant, stream, options);
                expect(replayedFields(replay)).toStrictEqual(replayedFields(reference));
                // Without the engine's replay columns the store replays readStream's own events.
                expect(await pair.objects.readStreamForReplay(tenant, stream, options)).toStrictEqual(
                  reference,
                );
                compared += replay.length;
                inPlace += replay.filter((e) => !('eventId' in e)).length;
              }
            }
          } finally {
            await pair.close();
          }
        },
      ),
      { numRuns: 80 },
    );
    // The property did reach both paths. Six runs compared 315–402 events, 82–131 of them in place; the old
    // floor of 300 failed about one run in twenty. These floors sit four or more deviations below the mean.
    expect(compared).toBeGreaterThan(150);
    expect(inPlace).toBeGreaterThan(20);
    expect(compared - inPlace).toBeGreaterThan(50); // personal and upcast events, decoded whole
  }, 120_000);

  it('a metadata text it cannot read effectiveAt from fails as readStream fails, naming the event', async () => {
    const { fast, reference } = await failuresOnDamagedRow(
      nextFile(),
      (store) => store.readStreamForReplay(tenant, 's-1'),
      (store) => store.readStream(tenant, 's-1'),
    );
    expect(fast).toBeInstanceOf(CorruptEventError);
    expect((fast as Error).message).toBe((reference as Error).message);
  });
});
