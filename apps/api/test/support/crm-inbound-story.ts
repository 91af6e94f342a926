import { addDays } from '@vouch/domain';
import type { VouchCommand } from '@vouch/application';
import {
  as,
  NOW,
  pm,
  populateWorld,
  TENANT,
} from '../../../../packages/application/test/support/relationship-world';
import { crmSignature, postRaw, unixNow } from './inbound-signing';
import { codesOf, graphql } from './graphql-client';
import { eventually } from './program-story';
import { startTestServer, type StoreFactory, type TestServer } from './test-server';
import { tokenFor } from './tokens';

// Issue 17: a CRM delivers signed opportunity changes and job changes; Vouch turns them into
// commands through the facade, answers a repeat with the first receipt, parks unknown accounts.
const SECRET = 'crm-secret-of-relationships-0123456789';
const OTHER_TENANT = 'other-company';
const OTHER_SECRET = 'crm-secret-of-other-company-987654321';

/** The inbound CRM endpoint's story over a store (in memory unless `openStore` is given). */
export function crmInboundStory(label: string, openStore?: StoreFactory): void {
  describe(`the inbound CRM endpoint over ${label}, on a real listening server`, () => {
    let t: TestServer;
    let ids = 0;
    const cmd = (command: Omit<VouchCommand, 'commandId'>) =>
      ({ commandId: `crm-test-${++ids}`, ...command }) as VouchCommand;
    const eventsUrl = (tenant: string) => `${t.origin}/integrations/crm/${tenant}/events`;
    const countEvents = async (tenant: string) =>
      (await t.store.readAll(tenant, { limit: 1_000_000 })).length;
    const typesOf = async (streamId: string) =>
      (await t.store.readStream(TENANT, streamId)).map((e) => e.type);
    const deliver = (
      event: object,
      options: { secret?: string; tenant?: string; timestamp?: number } = {},
    ) => {
      const body = JSON.stringify(event);
      return postRaw(eventsUrl(options.tenant ?? TENANT), body, {
        'content-type': 'application/json',
        'vouch-signature': crmSignature(options.secret ?? SECRET, body, options.timestamp),
      });
    };
    const closedWon = (eventId: string, accountExternalId = 'acct-otto', extra: object = {}) => ({
      type: 'opportunity.changed',
      eventId,
      occurredAt: NOW,
      opportunity: {
        id: 'opp-req-sam',
        accountExternalId,
        stage: 'CLOSED_WON',
        amount: { amount: 120000, currency: 'EUR' },
        closeDate: NOW,
        contactRoles: [{ contactId: 'adv-otto', role: 'Decision Maker', isPrimary: true }],
      },
      accountHealth: { healthScore: 85, nps: 40 },
      ...extra,
    });
    /** One page of the REST inbox: `GET /integrations/crm/inbox?<query>`. */
    const inboxPage = async (token: string, query: string) => {
      const response = await fetch(`${t.origin}/integrations/crm/inbox?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return {
        status: response.status,
        json: (await response.json()) as {
          entries?: { eventId: string; status: string }[];
          pageInfo?: { hasNextPage: boolean; endCursor: string | null };
          totalCount?: number;
          errors?: { extensions: { code: string; issues?: { field: string }[] } }[];
        },
      };
    };
    /** The whole REST inbox in a status, page by page (the status of the first answer). */
    const inbox = async (token: string, status = 'PARKED') => {
      const first = await inboxPage(token, `status=${status}&first=100`);
      const entries = [...(first.json.entries ?? [])];
      for (let page = first; page.json.pageInfo?.hasNextPage;) {
        page = await inboxPage(token, `status=${status}&first=100&after=${page.json.pageInfo.endCursor}`);
        entries.push(...(page.json.entries ?? []));
      }
      return { status: first.status, json: { entries: first.status === 200 ? entries : undefined } };
    };
    const resolve = async (token: string, eventId: string, body: object) => {
      const response = await fetch(`${t.origin}/integrations/crm/inbox/${eventId}/resolve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };
    let pmToken: string;
    let adminToken: string;
    let requesterToken: string;

    beforeAll(async () => {
      t = await startTestServer({
        inbound: { crmSecrets: { [TENANT]: SECRET, [OTHER_TENANT]: OTHER_SECRET }, parkedRetryMs: 100 },
        ...(openStore ? { openStore } : {}),
      });
      await populateWorld(t.vouch);
      // req-sam goes IN_PROGRESS (its outcome can be recorded): otto approves, the program asks.
      await t.vouch.execute(
        as('otto', 'ACCOUNT_OWNER'),
        cmd({ type: 'ApproveAsk', aggregateId: 'req-sam', data: { advocateId: 'adv-otto' } }),
      );
      await t.vouch.execute(
        pm,
        cmd({
          type: 'AskAdvocate',
          aggregateId: 'req-sam',
          data: { advocateId: 'adv-otto', engagementId: 'x' },
        }),
      );
      // Another tenant has an account whose id a crafted payload will name.
      await t.vouch.execute(
        { tenantId: OTHER_TENANT, userId: 'pat', roles: ['PROGRAM_MANAGER'] },
        cmd({
          type: 'RegisterAccount',
          data: {
            accountId: 'acct-secret',
            name: 'Secret Corp',
            industry: 'Banking',
            segment: 'ENTERPRISE',
            region: 'EMEA',
            products: ['Planner'],
            ownerId: 'oscar',
          },
        }),
      );
      [pmToken, adminToken, requesterToken] = await Promise.all([
        tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']),
        tokenFor(TENANT, 'ada', ['ADMIN']),
        tokenFor(TENANT, 'rita', ['REQUESTER']),
      ]);
    });
    afterAll(() => t.close());

    it('refuses each bad delivery with a typed code and writes nothing, in any tenant', async () => {
      const before = [await countEvents(TENANT), await countEvents(OTHER_TENANT)];
      const event = closedWon('evt-refused');
      const body = JSON.stringify(event);
      const code = (r: { json: Record<string, unknown> }) =>
        (r.json.errors as { extensions: { code: string } }[])[0]?.extensions.code;

      const unknownTenant = await deliver(event, { tenant: 'nobody' });
      expect([unknownTenant.status, code(unknownTenant)]).toEqual([404, 'UNKNOWN_TENANT']);
      const wrongSecret = await deliver(event, { secret: 'not-the-secret' });
      expect([wrongSecret.status, code(wrongSecret)]).toEqual([401, 'BAD_SIGNATURE']);
      const otherTenantsSecret = await deliver(event, { secret: OTHER_SECRET });
      expect([otherTenantsSecret.status, code(otherTenantsSecret)]).toEqual([401, 'BAD_SIGNATURE']);
      const unsigned = await postRaw(eventsUrl(TENANT), body, { 'content-type': 'application/json' });
      expect([unsigned.status, code(unsigned)]).toEqual([401, 'BAD_SIGNATURE']);
      const tampered = await postRaw(eventsUrl(TENANT), body.replace('120000', '999999'), {
        'content-type': 'application/json',
        'vouch-signature': crmSignature(SECRET, body),
      });
      expect([tampered.status, code(tampered)]).toEqual([401, 'BAD_SIGNATURE']);
      const stale = await deliver(event, { timestamp: unixNow() - 600 });
      expect([stale.status, code(stale)]).toEqual([401, 'STALE_TIMESTAMP']);
      const future = await deliver(event, { timestamp: unixNow() + 600 });
      expect([future.status, code(future)]).toEqual([401, 'STALE_TIMESTAMP']);
      const notJson = await postRaw(eventsUrl(TENANT), '{"type":', {
        'vouch-signature': crmSignature(SECRET, '{"type":'),
      });
      expect([notJson.status, code(notJson)]).toEqual([400, 'MALFORMED_PAYLOAD']);
      const malformed = await deliver({
        ...event,
        opportunity: { ...event.opportunity, stage: 'Maybe', amount: -5 },
      });
      expect([malformed.status, code(malformed)]).toEqual([400, 'MALFORMED_PAYLOAD']);
      const issues = (malformed.json.errors as { extensions: { issues: { field: string }[] } }[])[0]
        ?.extensions.issues;
      expect(issues?.map((i) => i.field)).toEqual(
        expect.arrayContaining(['opportunity.stage', 'opportunity.amount.amount']),
      );
      expect([await countEvents(TENANT), await countEvents(OTHER_TENANT)]).toEqual(before);
    });

    it('refuses the same signed request sent again as a replay, writing nothing more', async () => {
      const body = JSON.stringify({
        ...closedWon('evt-replayed'),
        accountHealth: undefined,
        opportunity: { ...closedWon('x').opportunity, id: 'opp-none' },
      });
      const headers = { 'content-type': 'application/json', 'vouch-signature': crmSignature(SECRET, body) };
      const first = await postRaw(eventsUrl(TENANT), body, headers);
      expect(first.status).toBe(200);
      const after = await countEvents(TENANT);
      const replay = await postRaw(eventsUrl(TENANT), body, headers);
      expect(replay.status).toBe(409);
      expect((replay.json.errors as { extensions: { code: string } }[])[0]?.extensions.code).toBe('REPLAYED');
      expect(await countEvents(TENANT)).toBe(after);
    });

    it('records the won outcome on the linked request and the account health, through the gates', async () => {
      const first = await deliver(closedWon('evt-won-1'));
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({
        duplicate: false,
        receipt: {
          eventId: 'evt-won-1',
          status: 'APPLIED',
          outcomes: [
            { command: 'RecordAccountHealth', aggregateId: 'acct-otto', result: 'DONE' },
            { command: 'RecordOutcome', aggregateId: 'req-sam', result: 'DONE' },
          ],
        },
      });
      const outcome = (await t.store.readStream(TENANT, 'request-req-sam')).find(
        (e) => e.type === 'OutcomeRecorded',
      );
      expect(outcome?.data).toMatchObject({
        result: 'WON',
        amount: { amount: 120000, currency: 'EUR' },
        recordedBy: 'crm-integration',
      });
      const health = (await t.store.readStream(TENANT, 'account-acct-otto')).filter(
        (e) => e.type === 'AccountHealthRecorded',
      );
      expect(health.at(-1)?.data).toMatchObject({ healthScore: 85, nps: 40 });
    });

    it('answers a second delivery of the same event id with the first receipt and writes nothing', async () => {
      const before = await countEvents(TENANT);
      const again = await deliver(
        closedWon('evt-won-1', 'acct-otto', { accountHealth: { healthScore: 10 } }),
      );
      expect(again.status).toBe(200);
      expect(again.json).toMatchObject({
        duplicate: true,
        receipt: { eventId: 'evt-won-1', status: 'APPLIED' },
      });
      expect(await countEvents(TENANT)).toBe(before);
    });

    it('applies two concurrent deliveries of one event id once: both answer the same receipt', async () => {
      const event = {
        ...closedWon('evt-concurrent'),
        opportunity: { ...closedWon('x').opportunity, id: 'opp-none', accountExternalId: 'acct-olga' },
        accountHealth: { healthScore: 77 },
      };
      const before = await t.store.streamVersion(TENANT, 'account-acct-olga');
      const [a, b] = await Promise.all([
        deliver(event),
        deliver({ ...event, accountHealth: { healthScore: 78 } }),
      ]);
      expect([a.json.duplicate, b.json.duplicate].sort()).toEqual([false, true]);
      expect(a.json.receipt).toEqual(b.json.receipt);
      expect(await t.store.streamVersion(TENANT, 'account-acct-olga')).toBe(before + 1);
    });

    it('reports a refusal of the domain as the outcome of that command (the request was not in progress)', async () => {
      const lost = await deliver({
        ...closedWon('evt-lost-olga'),
        opportunity: {
          ...closedWon('x').opportunity,
          id: 'opp-req-olga',
          accountExternalId: 'acct-olga',
          stage: 'CLOSED_LOST',
        },
        accountHealth: undefined,
      });
      expect(lost.json).toMatchObject({
        receipt: {
          status: 'APPLIED',
          outcomes: [{ command: 'RecordOutcome', aggregateId: 'req-olga', result: 'INVALID_TRANSITION' }],
        },
      });
      expect(await typesOf('request-req-olga')).not.toContain('OutcomeRecorded');
    });

    it('opens a request from an opportunity when asked, as a normal submitted request', async () => {
      const opened = await deliver({
        type: 'opportunity.changed',
        eventId: 'evt-open-1',
        occurredAt: NOW,
        opportunity: {
          id: 'opp-new-deal',
          accountExternalId: 'acct-olga',
          stage: 'PROPOSAL',
          amount: { amount: 80000, currency: 'EUR' },
        },
        openRequest: {
          kind: 'REFERENCE_CALL',
          dueBy: addDays(NOW, 14),
          industry: 'Healthcare',
          region: 'EMEA',
          territory: 'EMEA',
        },
      });
      const outcome = (
        opened.json.receipt as { outcomes: { command: string; aggregateId: string; result: string }[] }
      ).outcomes[0];
      expect(outcome).toMatchObject({ command: 'SubmitReferenceRequest', result: 'DONE' });
      const [submitted] = await t.store.readStream(TENANT, `request-${outcome?.aggregateId}`);
      expect(submitted?.data).toMatchObject({
        requestedBy: 'crm-integration',
        opportunity: { opportunityId: 'opp-new-deal', stage: 'PROPOSAL', industry: 'Healthcare' },
      });
    });

    it('parks an event for an unknown account, shows it to ADMIN and PM only, and applies it once the account appears', async () => {
      const parked = await deliver(closedWon('evt-parked-1', 'acct-later'));
      expect(parked.status).toBe(202);
      expect(parked.json).toMatchObject({
        receipt: { status: 'PARKED', reason: 'UNKNOWN_ACCOUNT', accountExternalId: 'acct-later' },
      });
      expect((await inbox(pmToken)).json.entries?.map((e) => e.eventId)).toContain('evt-parked-1');
      expect((await inbox(adminToken)).status).toBe(200);
      expect((await inbox(requesterToken)).status).toBe(403);
      expect((await fetch(`${t.origin}/integrations/crm/inbox`)).status).toBe(401);
      // Retried by hand while the account is still unknown: it stays parked, nothing written.
      const before = await countEvents(TENANT);
      expect((await resolve(pmToken, 'evt-parked-1', { action: 'RETRY' })).json).toMatchObject({
        status: 'PARKED',
      });
      expect(await countEvents(TENANT)).toBe(before);

      await t.vouch.execute(
        pm,
        cmd({
          type: 'RegisterAccount',
          data: {
            accountId: 'acct-later',
            name: 'Later Inc',
            industry: 'Retail',
            segment: 'ENTERPRISE',
            region: 'EMEA',
            products: ['Planner'],
            ownerId: 'olga',
          },
        }),
      );
      await eventually(async () =>
        expect((await inbox(pmToken, 'APPLIED')).json.entries?.map((e) => e.eventId)).toContain(
          'evt-parked-1',
        ),
      );
      expect((await inbox(pmToken)).json.entries?.map((e) => e.eventId)).not.toContain('evt-parked-1');
      expect(await typesOf('account-acct-later')).toContain('AccountHealthRecorded');
    });

    it('lets an admin dismiss a parked event by hand, with a reason; it is never dropped', async () => {
      await deliver(closedWon('evt-parked-2', 'acct-never'));
      expect(
        (await resolve(requesterToken, 'evt-parked-2', { action: 'DISMISS', reason: 'test' })).status,
      ).toBe(403);
      expect((await resolve(adminToken, 'evt-parked-2', { action: 'DISMISS' })).status).toBe(400);
      const dismissed = await resolve(adminToken, 'evt-parked-2', {
        action: 'DISMISS',
        reason: 'Sandbox account',
      });
      expect(dismissed.json).toMatchObject({ status: 'DISMISSED', reason: 'Sandbox account' });
      expect((await inbox(pmToken, 'DISMISSED')).json.entries?.map((e) => e.eventId)).toContain(
        'evt-parked-2',
      );
      expect((await resolve(adminToken, 'evt-parked-2', { action: 'RETRY' })).status).toBe(409);
      expect((await resolve(adminToken, 'evt-unknown', { action: 'RETRY' })).status).toBe(404);
    });

    it("never reaches another tenant's account: a crafted payload naming it is parked in the sender's tenant", async () => {
      const otherBefore = await countEvents(OTHER_TENANT);
      const crafted = await deliver(closedWon('evt-crafted', 'acct-secret'));
      expect(crafted.json).toMatchObject({ receipt: { status: 'PARKED', reason: 'UNKNOWN_ACCOUNT' } });
      const wrongKey = await deliver(closedWon('evt-crafted-2', 'acct-secret'), { tenant: OTHER_TENANT });
      expect(wrongKey.status).toBe(401);
      expect(await countEvents(OTHER_TENANT)).toBe(otherBefore);
    });

    it('pages the inbox over GraphQL: only the own tenant, the same entries as the list, a crafted cursor refused', async () => {
      for (const n of [1, 2, 3, 4, 5]) await deliver(closedWon(`evt-paged-${n}`, `acct-paged-${n}`));
      // The other tenant parks one of its own, with its own key.
      await deliver(closedWon('evt-other-tenant', 'acct-nowhere'), {
        tenant: OTHER_TENANT,
        secret: OTHER_SECRET,
      });
      const otherToken = await tokenFor(OTHER_TENANT, 'pat', ['PROGRAM_MANAGER']);
      const page = (token: string, variables: Record<string, unknown>) =>
        graphql<{
          crmInbox: {
            edges: { cursor: string; node: { eventId: string; status: string; event: { type: string } } }[];
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            totalCount: number;
          };
        }>(
          t.url,
          `
            query ($first: Int, $after: String, $status: CrmInboxStatus) {
              crmInbox(first: $first, after: $after, status: $status) {
                edges {
                  cursor
                  node {
                    eventId
                    status
                    event
                  }
                }
                pageInfo {
                  hasNextPage
                  endCursor
                }
                totalCount
              }
            }
          `,
          variables,
          token,
        );
      const walked: string[] = [];
      let after: string | null = null;
      for (;;) {
        const response = await page(pmToken, { first: 2, ...(after ? { after } : {}) });
        expect(response.body.errors).toBeUndefined();
        const inboxPage = response.body.data!.crmInbox;
        walked.push(...inboxPage.edges.map((e) => e.node.eventId));
        if (!inboxPage.pageInfo.hasNextPage) break;
        after = inboxPage.pageInfo.endCursor;
      }
      expect(walked).toEqual((await inbox(pmToken)).json.entries!.map((e) => e.eventId));
      expect(walked).toEqual(expect.arrayContaining([1, 2, 3, 4, 5].map((n) => `evt-paged-${n}`)));
      expect(walked).not.toContain('evt-other-tenant');
      // The other tenant sees its own entry only, and a cursor of this tenant's inbox shows it nothing of ours.
      const theirs = await page(otherToken, { first: 100 });
      expect(theirs.body.data!.crmInbox.edges.map((e) => e.node.eventId)).toEqual(['evt-other-tenant']);
      const ourCursor = (await page(pmToken, { first: 1 })).body.data!.crmInbox.edges[0]!.cursor;
      const crossed = await page(otherToken, { first: 100, after: ourCursor });
      const crossedIds = crossed.body.data!.crmInbox.edges.map((e) => e.node.eventId);
      expect(crossedIds.filter((id) => id !== 'evt-other-tenant')).toEqual([]);
      // A crafted cursor is a typed error, not a read; a requester may not read the inbox at all.
      for (const crafted of ["' OR 1=1 --", Buffer.from('../../etc').toString('base64url')]) {
        const refused = await page(pmToken, { first: 2, after: crafted });
        expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
        expect(refused.body.data).toBeNull();
      }
      expect(codesOf(await page(requesterToken, { first: 2 }))).toEqual(['FORBIDDEN']);
      expect(codesOf(await page(pmToken, { first: 101 }))).toEqual(['BAD_USER_INPUT']);
    });

    it('pages the inbox over REST like crmInbox: first/after, only the own tenant, bad pages a typed 400', async () => {
      for (const n of [6, 7, 8]) await deliver(closedWon(`evt-rest-${n}`, `acct-rest-${n}`));
      const all = (await inbox(pmToken)).json.entries!.map((e) => e.eventId);
      expect(all).toEqual(expect.arrayContaining(['evt-rest-6', 'evt-rest-7', 'evt-rest-8']));
      // Two at a time, each page's endCursor the next one's `after`: the same entries in the same order.
      const walked: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await inboxPage(pmToken, `first=2${after ? `&after=${after}` : ''}`);
        expect(page.status).toBe(200);
        expect(page.json.entries!.length).toBeLessThanOrEqual(2);
        expect(page.json.totalCount).toBe(all.length);
        walked.push(...page.json.entries!.map((e) => e.eventId));
        if (!page.json.pageInfo!.hasNextPage) break;
        after = page.json.pageInfo!.endCursor;
      }
      expect(walked).toEqual(all);
      // Without `first`, a page of the default size, not the whole inbox.
      const defaultPage = await inboxPage(pmToken, 'status=PARKED');
      expect(defaultPage.json.entries!.length).toBe(Math.min(all.length, 20));
      // Another tenant sees only its own entries, even with a cursor of ours.
      const otherToken = await tokenFor(OTHER_TENANT, 'pat', ['PROGRAM_MANAGER']);
      const ourCursor = (await inboxPage(pmToken, 'first=1')).json.pageInfo!.endCursor!;
      const crossed = await inboxPage(otherToken, `first=100&after=${ourCursor}`);
      expect(crossed.status).toBe(200);
      expect(crossed.json.entries!.map((e) => e.eventId).filter((id) => all.includes(id))).toEqual([]);
      // Bad pages: a typed 400 naming the parameter, never a read, never an echo of the value.
      const crafted = Buffer.from("' OR 1=1 --").toString('base64url');
      for (const [query, field] of [
        [`after=${encodeURIComponent("' OR 1=1 --")}`, 'after'],
        [`after=${crafted}`, 'after'],
        ['after=', 'after'],
        ['first=101', 'first'],
        ['first=0', 'first'],
        ['first=2.5', 'first'],
        ['first=ten', 'first'],
        ['first=1&first=2', 'first'],
        ['last=2', 'last'],
        ['before=abc', 'before'],
        ['status=EVERYTHING', 'status'],
      ] as const) {
        const refused = await inboxPage(pmToken, query);
        expect({ query, status: refused.status }).toEqual({ query, status: 400 });
        expect(refused.json.errors![0]!.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          issues: [{ field }],
        });
        expect(JSON.stringify(refused.json)).not.toContain('OR 1=1');
        expect(refused.json.entries).toBeUndefined();
      }
      expect((await inboxPage(requesterToken, 'first=2')).status).toBe(403);
    });

    describe('a champion leaves the company (contact.left)', () => {
      beforeAll(async () => {
        // adv-olga's case study is published on a consent of hers.
        await t.vouch.execute(
          pm,
          cmd({
            type: 'GrantConsent',
            aggregateId: 'adv-olga',
            data: {
              consentId: 'consent-olga-web',
              kinds: ['CASE_STUDY'],
              territories: ['EMEA'],
              channels: ['WEB'],
              validFrom: NOW,
              validUntil: addDays(NOW, 365),
              collectionMethod: 'E_SIGNATURE',
              collectedAt: NOW,
              noticeVersion: 'v1',
            },
          }),
        );
        await t.vouch.execute(
          pm,
          cmd({ type: 'ApproveContent', aggregateId: 'content-1', data: { evidence: 'Signed off by Olga' } }),
        );
        await t.vouch.execute(pm, cmd({ type: 'PublishContent', aggregateId: 'content-1', data: {} }));
      });

      it('withdraws the consents given in the role, releases pending engagements, suspends content, suggests the new company', async () => {
        const left = await deliver({
          type: 'contact.left',
          eventId: 'evt-left-1',
          occurredAt: NOW,
          contact: { id: 'adv-olga', accountExternalId: 'acct-olga', newAccountExternalId: 'acct-otto' },
        });
        expect(left.json).toMatchObject({
          receipt: {
            status: 'APPLIED',
            outcomes: [{ command: 'RecordAdvocateDeparture', aggregateId: 'adv-olga', result: 'DONE' }],
          },
        });
        const events = await t.store.readStream(TENANT, 'advocate-adv-olga');
        const after = events.slice(events.findIndex((e) => e.type === 'AdvocateLeftAccount'));
        expect(after[0]?.data).toMatchObject({ accountId: 'acct-olga', suggestedAccountId: 'acct-otto' });
        expect(
          after
            .filter((e) => e.type === 'ConsentWithdrawn')
            .map((e) => (e.data as { consentId: string }).consentId)
            .sort(),
        ).toEqual(['consent-olga', 'consent-olga-web']);
        expect(
          after
            .filter((e) => e.type === 'EngagementReleased')
            .map((e) => (e.data as { reason: string }).reason),
        ).toEqual(expect.arrayContaining(['ADVOCATE_LEFT_ACCOUNT']));
        // History kept: what came before the departure is all still there.
        expect(events.filter((e) => e.type === 'ConsentGranted')).toHaveLength(2);
        await eventually(async () =>
          expect(await typesOf('content-content-1')).toContain('ContentSuspended'),
        );
        await eventually(async () =>
          expect(
            (await t.vouch.queries.auditTrail(pm, 'advocate', 'adv-olga')).map((e) => e.sentence),
          ).toContainEqual(
            expect.stringMatching(/left account acct-olga; account acct-otto, where they went, is suggested/),
          ),
        );

        const suggestions = await fetch(`${t.origin}/integrations/crm/nomination-suggestions`, {
          headers: { authorization: `Bearer ${pmToken}` },
        });
        expect(await suggestions.json()).toEqual({
          suggestions: [
            {
              advocateId: 'adv-olga',
              fromAccountId: 'acct-olga',
              suggestedAccountId: 'acct-otto',
              leftAt: NOW,
            },
          ],
        });
        const asRequester = await fetch(`${t.origin}/integrations/crm/nomination-suggestions`, {
          headers: { authorization: `Bearer ${requesterToken}` },
        });
        expect(asRequester.status).toBe(403);
      });

      it('ignores a contact who is no advocate, or an advocate of another account, and changes nothing', async () => {
        const before = await t.store.streamVersion(TENANT, 'advocate-adv-otto');
        const stranger = await deliver({
          type: 'contact.left',
          eventId: 'evt-left-2',
          occurredAt: NOW,
          contact: { id: 'someone-else', accountExternalId: 'acct-olga' },
        });
        expect(stranger.json).toMatchObject({ receipt: { outcomes: [{ result: 'NOT_AN_ADVOCATE' }] } });
        const misfiled = await deliver({
          type: 'contact.left',
          eventId: 'evt-left-3',
          occurredAt: NOW,
          contact: { id: 'adv-otto', accountExternalId: 'acct-olga' },
        });
        expect(misfiled.json).toMatchObject({ receipt: { outcomes: [{ result: 'NOT_AT_THIS_ACCOUNT' }] } });
        expect(await t.store.streamVersion(TENANT, 'advocate-adv-otto')).toBe(before);
      });
    });

    it('sets the renewal date the CRM carries, once: with the renewal rule on, the account is suppressed', async () => {
      await t.vouch.execute(
        pm,
        cmd({ type: 'SetSuppressionPolicy', data: { renewalWithinDays: 30, openEscalation: false } }),
      );
      const renewalAt = addDays(NOW, 10);
      const renewing = (eventId: string, at: string) => ({
        type: 'opportunity.changed',
        eventId,
        occurredAt: NOW,
        opportunity: { id: 'opp-renewal-olga', accountExternalId: 'acct-olga', stage: 'PROPOSAL' },
        accountRenewal: { renewalAt: at },
      });
      const set = await deliver(renewing('evt-renewal-1', renewalAt));
      expect(set.json).toMatchObject({
        receipt: {
          status: 'APPLIED',
          outcomes: [{ command: 'SetAccountRenewal', aggregateId: 'acct-olga', result: 'DONE' }],
        },
      });
      const account = await t.store.readStream(TENANT, 'account-acct-olga');
      expect(account.find((e) => e.type === 'AccountRenewalSet')?.data).toMatchObject({
        renewalAt,
        setBy: 'crm-integration',
      });
      expect(account.find((e) => e.type === 'AccountSuppressed')?.data).toMatchObject({ rule: 'RENEWAL' });

      // The same date again (a new CRM event, another format of the same instant): nothing written.
      const before = await t.store.streamVersion(TENANT, 'account-acct-olga');
      const same = await deliver(renewing('evt-renewal-2', renewalAt.replace('.000Z', 'Z')));
      expect(same.json).toMatchObject({
        receipt: { outcomes: [{ command: 'SetAccountRenewal', result: 'UNCHANGED' }] },
      });
      expect(await t.store.streamVersion(TENANT, 'account-acct-olga')).toBe(before);

      // Moved past the window: set again, and the suppression is lifted with why.
      const moved = await deliver(renewing('evt-renewal-3', addDays(NOW, 200)));
      expect(moved.json).toMatchObject({ receipt: { outcomes: [{ result: 'DONE' }] } });
      expect(await typesOf('account-acct-olga')).toContain('AccountSuppressionLifted');

      const malformed = await deliver(renewing('evt-renewal-4', 'next spring'));
      expect(malformed.status).toBe(400);
      expect(await t.store.streamVersion(TENANT, 'account-acct-olga')).toBe(before + 2);
    });
  });
}
