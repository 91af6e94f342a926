import { generateKeyPairSync } from 'node:crypto';
import { addDays, type Instant } from '@vouch/domain';
import type { EventStore, SignedDigest, SignedDigestLog } from '@vouch/event-store';
import { parseSignedDigest, verifySignedHistory } from '@vouch/event-store';
import { createVouch, streamIdOf, type Principal, type Vouch } from '../../src';
import type { RawEventRow } from './forgery';

const TENANT = 'tamper-co';
const pm: Principal = { tenantId: TENANT, userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] };
const admin: Principal = { tenantId: TENANT, userId: 'ada-admin', roles: ['ADMIN'] };

/** An open store with its signed-digest log, and what a forger with the database can do to it. */
export interface TamperableStore {
  readonly store: EventStore;
  readonly log: SignedDigestLog;
  /** The stream's rows in version order, read straight from the database. */
  rows(streamId: string): Promise<RawEventRow[]>;
  /** Writes rows' data and hash straight into the database. */
  overwrite(rows: readonly { eventId: string; data: string; hash: string }[]): Promise<void>;
  /** Deletes a signed digest, past the append-only guard, as someone with the database could. */
  removeDigest(sequence: number): Promise<void>;
  /** Tries to delete the signed digests as an ordinary statement would (the guard refuses). */
  deleteDigests?(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The rewrite of the issue, on a real store: a consent is widened in the database and
 * its stream's chain recomputed; read models rebuilt from the log believe it, every chain
 * verifies, and only the signed digests find it — naming the stream and the event.
 */
export function tamperStory(
  storeName: string,
  open: (clock: () => Instant) => Promise<TamperableStore>,
  forge: (rows: RawEventRow[], eventId: string) => { eventId: string; data: string; hash: string }[],
): void {
  describe(`a rewrite after signing is found on ${storeName} (invariant 12)`, () => {
    const key = generateKeyPairSync('ed25519');
    let now: Instant = '2026-11-02T09:00:00.000Z';
    const clock = () => now;
    let ids = 0;
    const id = () => `c-${++ids}`;

    async function running(opened: TamperableStore): Promise<Vouch> {
      const vouch = createVouch({
        store: opened.store,
        clock,
        dueWorkIntervalMs: 0,
        digests: { privateKey: key.privateKey, log: opened.log, intervalMs: 0 },
      });
      await vouch.start([TENANT]);
      return vouch;
    }

    async function enrolWithConsent(vouch: Vouch, advocateId: string): Promise<string> {
      await vouch.execute(pm, {
        type: 'EnrolAdvocate',
        commandId: id(),
        data: {
          advocateId,
          accountId: 'acme',
          name: `Person ${advocateId}`,
          email: `${advocateId}@acme.example`,
          title: 'Head of Operations',
          seniority: 'DIRECTOR',
          products: ['Planner'],
          useCases: ['planning'],
          languages: ['en'],
        },
      });
      await vouch.execute(pm, {
        type: 'ActivateAdvocate',
        commandId: id(),
        aggregateId: advocateId,
        data: {},
      });
      const granted = await vouch.execute(pm, {
        type: 'GrantConsent',
        commandId: id(),
        aggregateId: advocateId,
        data: {
          consentId: `consent-${advocateId}`,
          kinds: ['REFERENCE_CALL'],
          territories: ['EMEA'],
          channels: ['PRIVATE'],
          validFrom: now,
          validUntil: addDays(now, 365),
          collectionMethod: 'E_SIGNATURE',
          collectedAt: now,
          noticeVersion: 'v3',
        },
      });
      return granted.events.find((event) => event.type === 'ConsentGranted')!.eventId;
    }

    const pressAvailable = async (vouch: Vouch, advocateId: string) =>
      (await vouch.queries.availability(pm, { advocateId, kind: 'PRESS' })).available;

    it('names the stream and the event of the forged consent against the digest signed before', async () => {
      const opened = await open(clock);
      let vouch = await running(opened);
      await vouch.execute(pm, {
        type: 'RegisterAccount',
        commandId: id(),
        data: {
          accountId: 'acme',
          name: 'Acme GmbH',
          industry: 'Manufacturing',
          segment: 'ENTERPRISE',
          region: 'EMEA',
          products: ['Planner'],
          ownerId: 'olga-ae',
        },
      });
      const consentEvent = await enrolWithConsent(vouch, 'ines');
      expect(await pressAvailable(vouch, 'ines')).toBe(false);
      const signed = await vouch.signDigest(admin, 'sign-1');
      await vouch.stop();

      // The forger: server stopped, one consent widened, the stream's chain recomputed.
      const stream = streamIdOf('Advocate', 'ines');
      await opened.overwrite(forge(await opened.rows(stream), consentEvent));

      // Restart and rebuild: the read models believe the forgery, and every chain verifies.
      now = '2026-11-03T09:00:00.000Z';
      vouch = await running(opened);
      expect(await pressAvailable(vouch, 'ines')).toBe(true);
      expect((await opened.store.verifyTenant(TENANT)).ok).toBe(true);

      const report = await verifySignedHistory(
        opened.store,
        TENANT,
        await opened.log.list(TENANT),
        key.publicKey,
      );
      expect(report.ok).toBe(false);
      expect(report.firstBreak).toMatchObject({
        kind: 'event',
        event: { streamId: stream, eventId: consentEvent, reason: 'signed_head_mismatch' },
      });
      expect(report.firstBreak?.message).toContain(consentEvent);
      expect(report.firstBreak?.message).toContain(`#${signed.statement.sequence}`);
      await vouch.stop();
      await opened.close();
    });

    it('catches a rollback (a later signed digest removed) against the digest a reviewer kept', async () => {
      const opened = await open(clock);
      const vouch = await running(opened);
      await vouch.signDigest(admin, 'sign-2');
      const consentEvent = await enrolWithConsent(vouch, 'omar');
      const latest = await vouch.signDigest(admin, 'sign-3');
      // The reviewer keeps the latest digest outside the system, as `vouch digest export` writes it.
      const kept = parseSignedDigest(JSON.parse(JSON.stringify(latest)), 'kept.json');
      await vouch.stop();

      expect((await opened.log.list(TENANT)).map((d) => d.statement.sequence)).toContain(
        latest.statement.sequence,
      );
      if (opened.deleteDigests) await expect(opened.deleteDigests()).rejects.toThrow(/append-only/);
      await opened.removeDigest(latest.statement.sequence);
      await opened.overwrite(forge(await opened.rows(streamIdOf('Advocate', 'omar')), consentEvent));
      // A reviewer checks the copy offline, with the digest they kept.
      const digests: SignedDigest[] = await opened.log.list(TENANT);
      expect(digests.at(-1)!.statement.sequence).toBe(latest.statement.sequence - 1);

      // The product's own (rolled back) digests no longer cover the forged event...
      expect((await verifySignedHistory(opened.store, TENANT, digests, key.publicKey)).ok).toBe(true);
      // ...the kept one does.
      const report = await verifySignedHistory(opened.store, TENANT, digests, key.publicKey, {
        kept: [kept],
      });
      expect(report.firstBreak).toMatchObject({ kind: 'kept_digest', sequence: latest.statement.sequence });
      expect(report.firstBreak?.message).toMatch(/rollback/);
      await opened.close();
    });
  });
}
