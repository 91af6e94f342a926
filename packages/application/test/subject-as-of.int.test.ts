import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, type Instant } from '@vouch/domain';
import { InMemoryEventStore, type EventStore, type RecordedEvent } from '@vouch/event-store';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { stateAsOf } from '@vouch/projections';
import { createVouch, type Principal, type Vouch } from '../src';
import {
  acmeAccount,
  appendClonesOfLastEvent,
  inesAttributes,
  inesEnrolment,
} from './support/long-advocate-stream';

const TENANT = 'as-of-stream-co';
const STREAM = 'advocate-ines';
const pm: Principal = { tenantId: TENANT, userId: 'pat-pm', roles: ['PROGRAM_MANAGER', 'AUDITOR', 'ADMIN'] };
const attributes = (topic: string) => ({ ...inesAttributes, topics: [topic] });

const dir = mkdtempSync(join(tmpdir(), 'vouch-subject-as-of-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The in-memory store replays `readStream`'s events; SQLite its replay read (metadata left unparsed).
const stores: [string, (clock: () => Instant) => EventStore][] = [
  ['in memory', (clock) => new InMemoryEventStore({ clock })],
  [
    'SQLite',
    (clock) =>
      SqliteEventStore.open({
        filename: join(dir, 'as-of.db'),
        masterKey: randomBytes(32),
        durability: 'NORMAL',
        clock,
      }),
  ],
];

// subjectAsOf folds the stream a page at a time; it must answer what a replay of the whole stream answers.
describe.each(stores)('subjectAsOf over a stream longer than a page (%s)', (_name, open) => {
  let now: Instant = '2026-01-05T09:00:00.000Z';
  const store = open(() => now);
  let vouch: Vouch;
  let ids = 0;
  const run = (type: string, data: object, aggregateId?: string, effectiveAt?: Instant) =>
    vouch.execute(pm, {
      type,
      commandId: `c-${++ids}`,
      data,
      ...(aggregateId ? { aggregateId } : {}),
      ...(effectiveAt ? { effectiveAt } : {}),
    } as never);
  // The reference: every event read into one list and replayed by stateAsOf.
  const replayed = async (at: Instant) => {
    const events: RecordedEvent[] = [];
    for (;;) {
      const page = await store.readStream(TENANT, STREAM, { fromVersion: events.length + 1, limit: 1000 });
      events.push(...page);
      if (page.length < 1000) return stateAsOf(events, at);
    }
  };

  beforeAll(async () => {
    vouch = createVouch({ store, clock: () => now, dueWorkIntervalMs: 0 });
    await run('RegisterAccount', acmeAccount);
    await run('EnrolAdvocate', inesEnrolment('Ines Weber', attributes('t-0')));
    await run('UpdateAdvocateAttributes', attributes('t-1'), 'ines');
    // 2,400 more events, one day later: the stream spans three pages.
    now = addDays(now, 1);
    await appendClonesOfLastEvent(store, TENANT, STREAM, 2402, (n) => ({
      data: { attributes: attributes(`t-${n}`) },
      metadata: { effectiveAt: now },
    }));
  });

  afterAll(async () => {
    await vouch.stop();
    await store.close();
  });

  it('equals the whole-stream replay at any instant, in log order', async () => {
    expect(await store.streamVersion(TENANT, STREAM)).toBeGreaterThan(2000);
    for (const at of [
      '2026-01-05T09:00:00.000Z',
      '2026-01-05T12:00:00.000Z',
      now,
      '2027-01-01T00:00:00.000Z',
    ]) {
      const answer = await vouch.queries.subjectAsOf(pm, 'advocate', 'ines', at);
      expect(answer).toEqual(await replayed(at));
    }
    const latest = await vouch.queries.subjectAsOf(pm, 'advocate', 'ines', now);
    expect(latest?.recordedEvents).toBe(2402);
    expect(latest?.recorded).toMatchObject({ attributes: { topics: ['t-2401'] } });
  });

  it('replays a back-dated event at its effective place (the stream is out of effective order)', async () => {
    now = addDays(now, 1);
    // Recorded today, effective the day of the enrolment: the effective view folds it before the clones.
    await run('UpdateAdvocateAttributes', attributes('late'), 'ines', '2026-01-05T10:00:00.000Z');
    const answer = await vouch.queries.subjectAsOf(pm, 'advocate', 'ines', now);
    expect(answer).toEqual(await replayed(now));
    expect(answer?.recorded).toMatchObject({ attributes: { topics: ['late'] } });
    expect(answer?.effective).toMatchObject({ attributes: { topics: ['t-2401'] } });
    const thatMorning = await vouch.queries.subjectAsOf(pm, 'advocate', 'ines', '2026-01-05T11:00:00.000Z');
    expect(thatMorning?.recordedEvents).toBe(2);
    expect(thatMorning?.effective).toMatchObject({ attributes: { topics: ['late'] } });
  });

  it('has no state for a subject without history, and refuses an instant that is not one', async () => {
    expect(await vouch.queries.subjectAsOf(pm, 'advocate', 'nobody', now)).toBeUndefined();
    await expect(vouch.queries.subjectAsOf(pm, 'advocate', 'ines', 'yesterday')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('shows an erased advocate without the personal data, on every page', async () => {
    const before = await vouch.queries.subjectAsOf(pm, 'advocate', 'ines', now);
    expect(JSON.stringify(before)).toContain('Ines Weber');
    await run('RequestErasure', { reason: 'GDPR Art. 17' }, 'ines');
    await store.forgetSubject(TENANT, 'ines');
    const answer = await vouch.queries.subjectAsOf(pm, 'advocate', 'ines', '2027-01-01T00:00:00.000Z');
    expect(answer?.recordedEvents).toBeGreaterThan(2402);
    const text = JSON.stringify(answer);
    expect(text).not.toContain('Ines Weber');
    expect(text).not.toContain('ines@acme.example');
  });
});
