import { addDays, type Instant } from '@vouch/domain';
import type { EventStore, RecordedEvent } from '@vouch/event-store';
import { AggregateReader, createVouch, isWithheldPersonalData, type Principal, type Vouch } from '../../src';

const TENANT = 'acme-corp';
const pm: Principal = { tenantId: TENANT, userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] };
const owner: Principal = { tenantId: TENANT, userId: 'olga-ae', roles: ['ACCOUNT_OWNER'] };
const rep: Principal = { tenantId: TENANT, userId: 'sam-sales', roles: ['REQUESTER'] };
const admin: Principal = { tenantId: TENANT, userId: 'ada-admin', roles: ['ADMIN'] };

/** Polls until the assertion holds: process managers react asynchronously. */
async function eventually(assertion: () => Promise<void> | void, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/**
 * The whole program story through the facade, on whichever store `openStore` opens: the
 * same test proves every store adapter serves the application alike.
 */
export function facadeStory(
  storeName: string,
  openStore: (clock: () => Instant) => Promise<EventStore> | EventStore,
): void {
  describe(`the facade runs a reference program end to end on ${storeName}`, () => {
    let now: Instant = '2026-11-23T09:00:00.000Z';
    let store: EventStore;
    let reader: AggregateReader;
    let vouch: Vouch;
    let ids = 0;
    const id = (label: string) => `${label}-${++ids}`;
    const types = async (streamId: string): Promise<string[]> =>
      (await store.readStream(TENANT, streamId, { limit: 10_000 })).map((e: RecordedEvent) => e.type);

    beforeAll(async () => {
      store = await openStore(() => now);
      reader = new AggregateReader(store);
      vouch = createVouch({ store, clock: () => now, dueWorkIntervalMs: 0 });
      await vouch.start([TENANT]);
    });
    afterAll(async () => {
      await vouch.stop();
      await store.close();
    });

    it('enrols an approved nominee through the process manager', async () => {
      await vouch.execute(pm, {
        type: 'SetNominationPolicy',
        commandId: id('c'),
        data: { minAccountHealth: 70 },
      });
      await vouch.execute(owner, {
        type: 'RegisterAccount',
        commandId: id('c'),
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
      await vouch.execute(owner, {
        type: 'RecordAccountHealth',
        commandId: id('c'),
        aggregateId: 'acme',
        data: { healthScore: 88 },
      });
      await vouch.execute(owner, {
        type: 'SubmitNomination',
        commandId: id('c'),
        data: {
          nominationId: 'nom-1',
          accountId: 'acme',
          candidateId: 'ines',
          name: 'Ines Weber',
          email: 'ines@acme.example',
          title: 'Head of Operations',
          seniority: 'DIRECTOR',
          products: ['Planner'],
          useCases: ['planning'],
          languages: ['de'],
          evidenceKind: 'NPS_PROMOTER',
          evidence: 'Gave us a 10 and praised the rollout.',
        },
      });
      await vouch.execute(pm, {
        type: 'ApproveNomination',
        commandId: id('c'),
        aggregateId: 'nom-1',
        data: {},
      });
      await eventually(async () => expect((await reader.advocate(TENANT, 'ines')).status).toBe('CANDIDATE'));
      const enrolled = await store.readStream(TENANT, 'advocate-ines');
      expect(enrolled[0]?.metadata).toMatchObject({
        actor: { userId: 'system' },
        causationId: expect.any(String),
      });
      // The store holds the contact; the command path's reader withholds it (invariant 10).
      expect((enrolled[0]?.data.contact as { name?: string }).name).toBe('Ines Weber');
      expect(isWithheldPersonalData((await reader.advocate(TENANT, 'ines')).contact)).toBe(true);
    });

    it('refuses an operation the role does not allow, and changes nothing', async () => {
      await expect(
        vouch.execute(rep, { type: 'ActivateAdvocate', commandId: id('c'), aggregateId: 'ines', data: {} }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await reader.advocate(TENANT, 'ines')).status).toBe('CANDIDATE');
    });

    it('repeating a command id returns the first result and writes nothing', async () => {
      const command = {
        type: 'ActivateAdvocate' as const,
        commandId: 'activate-ines',
        aggregateId: 'ines',
        data: {},
      };
      const first = await vouch.execute(pm, command);
      const again = await vouch.execute(pm, command);
      expect(again.duplicate).toBe(true);
      expect(again.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
      expect((await types('advocate-ines')).filter((t) => t === 'AdvocateActivated')).toHaveLength(1);
    });

    it('takes a request from submission to a won deal; the ask checks consent on the advocate first', async () => {
      await vouch.execute(pm, {
        type: 'GrantConsent',
        commandId: id('c'),
        aggregateId: 'ines',
        data: {
          consentId: 'consent-1',
          kinds: ['REFERENCE_CALL', 'CASE_STUDY'],
          territories: ['EMEA'],
          channels: ['PRIVATE', 'WEB'],
          validFrom: now,
          validUntil: addDays(now, 365),
          collectionMethod: 'E_SIGNATURE',
          collectedAt: now,
          noticeVersion: 'v3',
        },
      });
      await vouch.execute(rep, {
        type: 'SubmitReferenceRequest',
        commandId: id('c'),
        data: {
          requestId: 'req-1',
          department: 'SALES',
          kind: 'REFERENCE_CALL',
          advocatesNeeded: 1,
          opportunity: {
            opportunityId: 'opp-1',
            stage: 'EVALUATION',
            amount: { amount: 120000, currency: 'EUR' },
            industry: 'Manufacturing',
            region: 'EMEA',
            products: ['Planner'],
          },
          criteria: { territory: 'EMEA', channel: 'PRIVATE' },
          dueBy: addDays(now, 10),
        },
      });
      await vouch.execute(pm, {
        type: 'TriageRequest',
        commandId: id('c'),
        aggregateId: 'req-1',
        data: { priority: 'HIGH' },
      });
      await vouch.execute(pm, {
        type: 'ShortlistCandidates',
        commandId: id('c'),
        aggregateId: 'req-1',
        data: {
          candidates: [
            { advocateId: 'ines', accountId: 'acme', ownerId: 'olga-ae', score: 90, breakdown: [] },
          ],
        },
      });
      await expect(
        vouch.execute(pm, {
          type: 'AskAdvocate',
          commandId: id('c'),
          aggregateId: 'req-1',
          data: { advocateId: 'ines', engagementId: 'x' },
        }),
      ).rejects.toMatchObject({ code: 'OWNER_APPROVAL_REQUIRED' });
      expect(await types('advocate-ines')).not.toContain('EngagementReserved');

      await vouch.execute(owner, {
        type: 'ApproveAsk',
        commandId: id('c'),
        aggregateId: 'req-1',
        data: { advocateId: 'ines' },
      });
      await vouch.execute(pm, {
        type: 'AskAdvocate',
        commandId: 'ask-ines',
        aggregateId: 'req-1',
        data: { advocateId: 'ines', engagementId: 'ignored' },
      });
      // Invariant 8: the same ask again answers its first result, reserving nothing twice.
      const replayed = await vouch.execute(pm, {
        type: 'AskAdvocate',
        commandId: 'ask-ines',
        aggregateId: 'req-1',
        data: { advocateId: 'ines', engagementId: 'ignored' },
      });
      expect(replayed).toMatchObject({ duplicate: true, streamId: 'request-req-1' });
      expect((await types('advocate-ines')).filter((t) => t === 'EngagementReserved')).toHaveLength(1);
      const reserved = (await store.readStream(TENANT, 'advocate-ines')).find(
        (e) => e.type === 'EngagementReserved',
      );
      expect(reserved?.data).toMatchObject({
        requestId: 'req-1',
        consentId: 'consent-1',
        consentVersion: 1,
        ownerClearance: { kind: 'OWNER', by: 'olga-ae' },
      });

      await vouch.execute(pm, {
        type: 'RecordAdvocateResponse',
        commandId: id('c'),
        aggregateId: 'req-1',
        data: { advocateId: 'ines', accepted: true },
      });
      await eventually(async () => expect(await types('advocate-ines')).toContain('EngagementAccepted'));

      await vouch.execute(pm, {
        type: 'ScheduleActivity',
        commandId: id('c'),
        aggregateId: 'req-1',
        data: { advocateId: 'ines', at: addDays(now, 3) },
      });
      now = addDays(now, 4);
      await vouch.execute(pm, {
        type: 'CompleteActivity',
        commandId: id('c'),
        aggregateId: 'req-1',
        data: { advocateId: 'ines' },
      });
      const completed = (await store.readStream(TENANT, 'advocate-ines')).find(
        (e) => e.type === 'EngagementCompleted',
      );
      expect(completed?.data).toMatchObject({ consentId: 'consent-1', consentVersion: 1 });
      await vouch.execute(rep, {
        type: 'RecordOutcome',
        commandId: id('c'),
        aggregateId: 'req-1',
        data: { result: 'WON', amount: { amount: 110000, currency: 'EUR' } },
      });
      expect(await types('request-req-1')).toContain('OutcomeRecorded');
    });

    it('a withdrawal releases the pending engagement, informs the requester and suspends the content', async () => {
      await vouch.execute(pm, {
        type: 'DraftContent',
        commandId: id('c'),
        data: {
          contentId: 'cs-1',
          kind: 'CASE_STUDY',
          title: 'Acme plans in minutes',
          accountId: 'acme',
          holders: [{ holder: 'ADVOCATE', holderId: 'ines' }],
          territory: 'EMEA',
          channel: 'WEB',
        },
      });
      await vouch.execute(pm, {
        type: 'ApproveContent',
        commandId: id('c'),
        aggregateId: 'cs-1',
        data: { evidence: 'sign-off DOC-1' },
      });
      await vouch.execute(pm, { type: 'PublishContent', commandId: id('c'), aggregateId: 'cs-1', data: {} });

      await vouch.execute(rep, {
        type: 'SubmitReferenceRequest',
        commandId: id('c'),
        data: {
          requestId: 'req-2',
          department: 'MARKETING',
          kind: 'CASE_STUDY',
          advocatesNeeded: 1,
          opportunity: {
            opportunityId: 'cmp-7',
            stage: 'PROPOSAL',
            amount: { amount: 0, currency: 'EUR' },
            industry: 'Manufacturing',
            region: 'EMEA',
            products: [],
          },
          criteria: { territory: 'EMEA', channel: 'WEB' },
          dueBy: addDays(now, 20),
        },
      });
      await vouch.execute(pm, {
        type: 'TriageRequest',
        commandId: id('c'),
        aggregateId: 'req-2',
        data: { priority: 'NORMAL' },
      });
      await vouch.execute(pm, {
        type: 'ShortlistCandidates',
        commandId: id('c'),
        aggregateId: 'req-2',
        data: {
          candidates: [
            { advocateId: 'ines', accountId: 'acme', ownerId: 'olga-ae', score: 80, breakdown: [] },
          ],
        },
      });
      await vouch.execute(pm, {
        type: 'OverrideOwnerApproval',
        commandId: id('c'),
        aggregateId: 'req-2',
        data: { advocateId: 'ines', reason: 'Owner on leave' },
      });
      now = addDays(now, 8);
      await vouch.execute(pm, {
        type: 'AskAdvocate',
        commandId: id('c'),
        aggregateId: 'req-2',
        data: { advocateId: 'ines', engagementId: 'x' },
      });

      await vouch.execute(owner, {
        type: 'WithdrawConsent',
        commandId: id('c'),
        aggregateId: 'ines',
        data: { consentId: 'consent-1', kinds: ['CASE_STUDY'], reason: 'No more case studies' },
      });
      await eventually(async () => {
        expect(await types('content-cs-1')).toContain('ContentSuspended');
        expect(await types('request-req-2')).toContain('CandidateReleased');
      });
    });

    it('lapses a request once its due date passes', async () => {
      await vouch.execute(rep, {
        type: 'SubmitReferenceRequest',
        commandId: id('c'),
        data: {
          requestId: 'req-3',
          department: 'PR',
          kind: 'PRESS',
          advocatesNeeded: 1,
          opportunity: {
            opportunityId: 'press-1',
            stage: 'DISCOVERY',
            amount: { amount: 0, currency: 'EUR' },
            industry: 'Manufacturing',
            region: 'EMEA',
            products: [],
          },
          criteria: { territory: 'EMEA', channel: 'PRESS' },
          dueBy: addDays(now, 2),
        },
      });
      await eventually(async () => expect(await vouch.processDueWork()).toBeGreaterThanOrEqual(0));
      expect(await types('request-req-3')).not.toContain('RequestLapsed');
      now = addDays(now, 3);
      await eventually(async () => {
        await vouch.processDueWork();
        expect(await types('request-req-3')).toContain('RequestLapsed');
      });
    });

    it('defers erasure under a legal hold, then shreds the personal data when the hold is released', async () => {
      await vouch.execute(admin, {
        type: 'PlaceLegalHold',
        commandId: id('c'),
        aggregateId: 'ines',
        data: { holdId: 'hold-1', matter: 'Dispute 17' },
      });
      await vouch.execute(admin, {
        type: 'RequestErasure',
        commandId: id('c'),
        aggregateId: 'ines',
        data: { reason: 'GDPR Art. 17' },
      });
      const [held] = await store.readStream(TENANT, 'advocate-ines', { limit: 1 });
      expect((held?.data.contact as { name?: string }).name).toBe('Ines Weber');
      await vouch.execute(admin, {
        type: 'ReleaseLegalHold',
        commandId: id('c'),
        aggregateId: 'ines',
        data: { holdId: 'hold-1', reason: 'Settled' },
      });
      await eventually(async () => {
        const [enrolled] = await store.readStream(TENANT, 'advocate-ines', { limit: 1 });
        expect(enrolled?.personalData.status).toBe('erased');
      });
      const nomination = await store.readStream(TENANT, 'nomination-nom-1', { limit: 1 });
      expect(nomination[0]?.personalData.status).toBe('erased');
      expect(await store.verifyTenant(TENANT)).toMatchObject({ ok: true });
      const integrity = await vouch.queries.verifyIntegrity({ ...admin, roles: ['AUDITOR'] });
      expect(integrity.report.ok).toBe(true);
      expect(JSON.stringify(await vouch.queries.advocate(pm, 'ines'))).not.toContain('Ines Weber');
    });
  });
}
