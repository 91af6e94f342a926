import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVouch, type Principal } from '@vouch/application';
import { addDays } from '@vouch/domain';
import { SqliteEventStore } from '@vouch/event-store-sqlite';

export const REVIEW_TENANT = 'review-co';
const pm: Principal = { tenantId: REVIEW_TENANT, userId: 'pat.pm', roles: ['PROGRAM_MANAGER'] };
const admin: Principal = { tenantId: REVIEW_TENANT, userId: 'ada.admin', roles: ['ADMIN'] };

/** A fixed master key, so every run of the fixture writes the same events. */
const MASTER_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256));

/**
 * A small program in a SQLite data directory, every id and time fixed: an account, three
 * advocates with consents (one erased, one whose erasure waits for a legal hold), and
 * signed digests. The keys are written
 * as `vouch` reads them (mode 0600).
 */
export async function buildReviewFixture(dataDir: string): Promise<{ consentEventId: string }> {
  writeFileSync(join(dataDir, 'master.key'), `${MASTER_KEY.toString('base64')}\n`, { mode: 0o600 });
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(join(dataDir, 'signing.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
  });
  // The clock moves only between commands: process managers reading it meanwhile change nothing.
  let minutes = 0;
  const clock = () => new Date(Date.UTC(2026, 0, 5, 9) + 60_000 * minutes).toISOString();
  let ids = 0;
  const store = SqliteEventStore.open({ filename: join(dataDir, 'vouch.db'), masterKey: MASTER_KEY, clock });
  const vouch = createVouch({
    store,
    clock,
    newId: () => `id-${String(++ids).padStart(4, '0')}`,
    dueWorkIntervalMs: 0,
    digests: { privateKey, log: store.signedDigests, intervalMs: 0 },
  });
  await vouch.start([REVIEW_TENANT]);
  const run = (principal: Principal, type: string, aggregateId: string | undefined, data: object) => {
    minutes += 1;
    return vouch.execute(principal, {
      type,
      commandId: `cmd-${++ids}`,
      ...(aggregateId ? { aggregateId } : {}),
      data,
    } as never);
  };
  await run(pm, 'RegisterAccount', undefined, {
    accountId: 'acme',
    name: 'Acme GmbH',
    industry: 'Manufacturing',
    segment: 'ENTERPRISE',
    region: 'EMEA',
    products: ['Planner'],
    ownerId: 'olga.ae',
  });
  let consentEventId = '';
  for (const advocateId of ['ines', 'omar', 'lea']) {
    await run(pm, 'EnrolAdvocate', undefined, {
      advocateId,
      accountId: 'acme',
      name: `Person ${advocateId}`,
      email: `${advocateId}@acme.example`,
      title: 'Head of Operations',
      seniority: 'DIRECTOR',
      products: ['Planner'],
      useCases: ['planning'],
      languages: ['en'],
    });
    await run(pm, 'ActivateAdvocate', advocateId, {});
    const now = clock();
    const granted = await run(pm, 'GrantConsent', advocateId, {
      consentId: `consent-${advocateId}`,
      kinds: ['REFERENCE_CALL', 'CASE_STUDY'],
      territories: ['EMEA'],
      channels: ['PRIVATE'],
      validFrom: now,
      validUntil: addDays(now, 365),
      collectionMethod: 'E_SIGNATURE',
      collectedAt: now,
      noticeVersion: 'v3',
    });
    if (advocateId === 'ines')
      consentEventId = granted.events.find((e) => e.type === 'ConsentGranted')!.eventId;
  }
  await run(admin, 'RequestErasure', 'omar', { reason: 'asked to be forgotten' });
  // Lea is under a legal hold: her erasure waits for its release.
  await run(admin, 'PlaceLegalHold', 'lea', { holdId: 'hold-1', matter: 'Dispute with Initech' });
  await run(admin, 'RequestErasure', 'lea', { reason: 'asked to be forgotten too' });
  // The erasure's shredding runs in a process manager; wait for it to sign its digest.
  for (let i = 0; i < 200 && (await store.signedDigests.list(REVIEW_TENANT)).length === 0; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await vouch.signDigest(admin, 'fixture-sign');
  await vouch.stop();
  await store.close();
  return { consentEventId };
}
