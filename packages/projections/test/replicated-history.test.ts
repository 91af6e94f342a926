import { InMemoryEventStore, START } from '@vouch/event-store';
import { TenantReadModels } from '../src';
import { appendHistory, programHistory } from './support/program-history';
import { replicaOf } from './support/replicated-history';
import { TENANT } from './support/story-world';

const base = programHistory({ advocates: 30, requests: 12 });
const COPIES = 3;
const now = '2027-01-15T09:00:00.000Z';
/** A value as copy `c` names it. */
const renamed = (value: unknown, c: number): unknown =>
  JSON.parse(
    JSON.stringify(value).replace(/\b(adv|acct|req|eng|opp|consent|id|event)-(\d+)\b/g, `$1-$2_${c}`),
  );

/** Every event of the tenant folded into fresh read models. */
async function foldAll(store: InMemoryEventStore): Promise<TenantReadModels> {
  const models = new TenantReadModels();
  for (let after = START; ;) {
    const page = await store.readAll(TENANT, { after, limit: 1000 });
    for (const e of page) models.apply(e);
    if (page.length < 1000) return models;
    after = page[page.length - 1]!.checkpoint;
  }
}

describe('replicated bench history (issue 15: the 1M-event file)', () => {
  it('copies are new streams with unique event ids, and only the program stream is left out', () => {
    const copies = Array.from({ length: COPIES }, (_, c) => replicaOf(base.envelopes, c));
    const ids = copies.flatMap((log) => log.map((e) => e.envelope.eventId));
    expect(new Set(ids).size).toBe(ids.length);
    const streams = (c: number) => new Set(copies[c]!.map((e) => e.streamId));
    for (const stream of streams(2)) expect(streams(0).has(stream)).toBe(false);
    expect([...streams(0)].filter((s) => !streams(1).has(renamed(s, 1) as string))).toEqual(['program']);
    expect(copies[1]!.length).toBe(
      base.envelopes.length - base.envelopes.filter((e) => e.streamId === 'program').length,
    );
  });

  it('each copy folds into the same read models as the original, under its own ids', async () => {
    const store = new InMemoryEventStore();
    for (let c = 0; c < COPIES; c++) await appendHistory(store, { envelopes: replicaOf(base.envelopes, c) });
    const models = await foldAll(store);
    const sample = (kind: string, n: number) => Array.from({ length: n }, (_, i) => `${kind}-${i}`);
    for (let c = 1; c < COPIES; c++) {
      for (const id of sample('adv', 30)) {
        const original = models.fullAdvocate(id, now);
        expect(original).toBeDefined();
        expect(models.fullAdvocate(`${id}_${c}`, now)).toEqual(renamed(original, c));
        // Audit sentences too (checkpoints and record times differ by copy).
        const sentences = (advocateId: string) =>
          models.auditHistory('advocate', advocateId).map((e) => e.sentence);
        expect(sentences(`${id}_${c}`)).toEqual(renamed(sentences(id), c));
      }
      for (const id of sample('req', 12)) {
        const original = models.request(id, now);
        expect(original).toBeDefined();
        expect(models.request(`${id}_${c}`, now)).toEqual(renamed(original, c));
      }
    }
    // Program-wide figures count every copy: three times the advocates and completed uses.
    const single = new TenantReadModels();
    for (const e of base.log) single.apply(e);
    const usage = (m: TenantReadModels) => m.metrics(now).usageConcentration;
    expect(usage(models).advocates).toBe(COPIES * usage(single).advocates);
    expect(usage(models).completedUses).toBe(COPIES * usage(single).completedUses);
    expect(usage(single).completedUses).toBeGreaterThan(0);
    await store.close();
  });
});
