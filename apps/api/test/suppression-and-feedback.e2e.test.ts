import { addDays } from '@vouch/domain';
import { codesOf, graphql, newCommandId as id } from './support/graphql-client';
import { consentingAdvocate, registerAccount, submitRequest } from './support/consenting-advocate';
import { mustMutate, mutate } from './support/mutations';
import { eventually } from './support/program-story';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const TENANT = 'acme-corp';
const NOW = '2026-11-23T09:00:00.000Z';

// Issue 16 over HTTP: the busy marker and the suppression reason where a program manager and a
// requester meet them (matching, search, the advocate), two-sided feedback in the score's
// breakdown — and the hostile uses: feedback on someone else's engagement, before the activity.
describe('suppression, busy marker and two-sided feedback over GraphQL', () => {
  let t: TestServer;
  let pm: string;
  let olga: string; // owns acme
  let otto: string; // owns no account here
  let rita: string; // asked for ines on req-rita
  let sam: string; // asks on req-sam
  let engagementId: string;

  const matches = async (token: string) =>
    graphql<{
      matchCandidates: {
        available: {
          advocateId: string;
          busy: { hold: string; until: string }[];
          score: { breakdown: { criterion: string; explanation: string }[] };
        }[];
        unavailable: {
          advocateId: string;
          reasons: { code: string; rule: string | null; words: string }[];
          busy: { hold: string }[];
        }[];
      };
    }>(
      t.url,
      `
        {
          matchCandidates(requestId: "req-sam") {
            available {
              advocateId
              busy {
                hold
                until
              }
              score {
                breakdown {
                  criterion
                  explanation
                }
              }
            }
            unavailable {
              advocateId
              reasons {
                code
                rule
                words
              }
              busy {
                hold
              }
            }
          }
        }
      `,
      {},
      token,
    );
  const advocateView = (token: string) =>
    graphql<{
      advocate: {
        view: string;
        busy: { hold: string; until: string }[];
        suppressions: { rule: string; words: string }[];
      };
    }>(
      t.url,
      '{ advocate(advocateId: "ines") { view busy { hold until } suppressions { rule words } } }',
      {},
      token,
    );
  const step = (name: string, input: Record<string, unknown>) =>
    mustMutate(t.url, pm, name, { commandId: id(), requestId: 'req-rita', advocateId: 'ines', ...input });

  beforeAll(async () => {
    t = await startTestServer();
    t.setNow(NOW);
    pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    olga = await tokenFor(TENANT, 'olga-ae', ['ACCOUNT_OWNER']);
    otto = await tokenFor(TENANT, 'otto-ae', ['ACCOUNT_OWNER']);
    rita = await tokenFor(TENANT, 'rita', ['REQUESTER']);
    sam = await tokenFor(TENANT, 'sam', ['REQUESTER']);
    // Fatigue stays out of the way: the ask on rita's request must leave ines askable for sam's.
    await mustMutate(t.url, pm, 'setFatiguePolicy', {
      commandId: id(),
      windowDays: 90,
      maxPerWindow: 10,
      kindLimits: [],
      minRestDays: 0,
    });
    await registerAccount(t, olga, 'acme');
    await consentingAdvocate(t, { pm, owner: olga }, 'ines', 'acme', NOW);
    await submitRequest(t, rita, 'req-rita', NOW);
    await submitRequest(t, sam, 'req-sam', NOW);
    for (const requestId of ['req-rita', 'req-sam'])
      await mustMutate(t.url, pm, 'triageRequest', { commandId: id(), requestId, priority: 'HIGH' });
    await step('shortlistCandidates', {
      advocateId: undefined,
      candidates: [{ advocateId: 'ines', accountId: 'acme', ownerId: 'olga-ae', score: 80, breakdown: [] }],
    });
    await step('requestOwnerApproval', {});
    await mustMutate(t.url, olga, 'approveAsk', {
      commandId: id(),
      requestId: 'req-rita',
      advocateId: 'ines',
    });
    await step('askAdvocate', {});
    const reserved = (await t.store.readAll(TENANT)).find((e) => e.type === 'EngagementReserved');
    engagementId = String(reserved?.data.engagementId);
  });
  afterAll(async () => {
    await t.close();
  });

  it("marks ines busy in matching for sam's request: the kind of hold and until when, nothing of rita's request", async () => {
    await eventually(async () => {
      const response = await matches(sam);
      expect(response.body.errors).toBeUndefined();
      const ines = response.body.data!.matchCandidates.available.find((c) => c.advocateId === 'ines');
      expect(ines?.busy).toEqual([{ hold: 'RESERVED', until: expect.any(String) }]);
    });
    const view = await advocateView(sam);
    expect(view.body.data?.advocate).toMatchObject({ view: 'ANONYMISED', busy: [{ hold: 'RESERVED' }] });
    expect(JSON.stringify(view.body)).not.toContain('req-rita');
  });

  it("refuses rita's feedback before the activity took place, and records nothing", async () => {
    const response = await mutate(t.url, rita, 'recordEngagementFeedback', {
      commandId: id(),
      advocateId: 'ines',
      engagementId,
      rating: 5,
    });
    expect(codesOf(response)).toEqual(['INVALID_TRANSITION']);
    expect((await t.store.readAll(TENANT)).map((e) => e.type)).not.toContain('EngagementFeedbackRecorded');
  });

  it('takes both sides after the activity, and refuses feedback on someone else’s engagement as not found', async () => {
    await step('recordAdvocateResponse', { accepted: true });
    await eventually(async () =>
      expect((await t.store.readAll(TENANT)).map((e) => e.type)).toContain('EngagementAccepted'),
    );
    await step('scheduleActivity', { at: addDays(NOW, 1) });
    t.setNow(addDays(NOW, 2));
    await step('completeActivity', { completedAt: addDays(NOW, 1) });
    await eventually(async () =>
      expect((await t.store.readAll(TENANT)).map((e) => e.type)).toContain('EngagementCompleted'),
    );
    // Sam did not ask for this engagement; Otto does not own the account: it does not exist for them.
    const bySam = await mutate(t.url, sam, 'recordEngagementFeedback', {
      commandId: id(),
      advocateId: 'ines',
      engagementId,
      rating: 1,
    });
    expect(codesOf(bySam)).toEqual(['NOT_FOUND']);
    const byOtto = await mutate(t.url, otto, 'recordAdvocateFeedback', {
      commandId: id(),
      advocateId: 'ines',
      engagementId,
      rating: 1,
    });
    expect(codesOf(byOtto)).toEqual(['NOT_FOUND']);
    await mustMutate(t.url, rita, 'recordEngagementFeedback', {
      commandId: id(),
      advocateId: 'ines',
      engagementId,
      rating: 5,
      topicFit: 5,
      comment: 'Ines knew the planner inside out',
    });
    await mustMutate(t.url, olga, 'recordAdvocateFeedback', {
      commandId: id(),
      advocateId: 'ines',
      engagementId,
      rating: 4,
      topicFit: 4,
    });
    await eventually(async () => {
      const ines = (await matches(pm)).body.data!.matchCandidates.available.find(
        (c) => c.advocateId === 'ines',
      );
      expect(ines?.busy).toEqual([]);
      expect(ines?.score.breakdown.find((b) => b.criterion === 'pastFeedback')?.explanation).toBe(
        'rated 4.5 of 5, topic fit 4.5 of 5 over 1 activity (1 REFERENCE_CALL, weighted ×3), both sides',
      );
    });
  });

  it('suppresses acme while an escalation is open: unavailable with the reason, the ask refused; lifted on close', async () => {
    await mustMutate(t.url, pm, 'setSuppressionPolicy', { commandId: id(), openEscalation: true });
    const opened = await mustMutate(t.url, olga, 'openAccountEscalation', {
      commandId: id(),
      accountId: 'acme',
      escalationId: 'ticket-7',
      summary: 'Planner outage in the Munich plant',
    });
    expect(opened.eventTypes).toEqual(['AccountEscalationOpened', 'AccountSuppressed']);
    await eventually(async () => {
      const unavailable = (await matches(pm)).body.data!.matchCandidates.unavailable;
      expect(unavailable.find((c) => c.advocateId === 'ines')?.reasons).toEqual([
        {
          code: 'SUPPRESSED',
          rule: 'ESCALATION',
          words: 'suppressed: account has an open escalation (ticket-7)',
        },
      ]);
    });
    // The requester sees the rule, not the ticket.
    expect((await advocateView(sam)).body.data?.advocate.suppressions).toEqual([
      { rule: 'ESCALATION', words: 'account has an open escalation' },
    ]);
    const search = await graphql<{ searchAdvocates: { edges: { node: { advocateId: string } }[] } }>(
      t.url,
      'query($at: DateTime!) { searchAdvocates(filter: { availableFor: { kind: REFERENCE_CALL, at: $at } }) { edges { node { advocateId } } } }',
      { at: addDays(NOW, 3) },
      pm,
    );
    expect(search.body.data?.searchAdvocates.edges).toEqual([]);

    await mustMutate(t.url, pm, 'shortlistCandidates', {
      commandId: id(),
      requestId: 'req-sam',
      candidates: [{ advocateId: 'ines', accountId: 'acme', ownerId: 'olga-ae', score: 80, breakdown: [] }],
    });
    await mustMutate(t.url, pm, 'overrideOwnerApproval', {
      commandId: id(),
      requestId: 'req-sam',
      advocateId: 'ines',
      reason: 'Strategic deal',
    });
    const ask = () =>
      mutate(t.url, pm, 'askAdvocate', {
        commandId: id(),
        requestId: 'req-sam',
        advocateId: 'ines',
      });
    const refused = await ask();
    expect(codesOf(refused)).toEqual(['ACCOUNT_SUPPRESSED']);

    const closed = await mustMutate(t.url, olga, 'closeAccountEscalation', {
      commandId: id(),
      accountId: 'acme',
      escalationId: 'ticket-7',
      resolution: 'Patched',
    });
    expect(closed.eventTypes).toEqual(['AccountEscalationClosed', 'AccountSuppressionLifted']);
    const asked = await ask();
    expect(asked.body.errors).toBeUndefined();
  });
});
