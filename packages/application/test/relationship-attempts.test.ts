import { ROLES, addDays, isDomainError, type Instant } from '@vouch/domain';
import type { EventStore } from '@vouch/event-store';
import { readWholeStream, streamIdOf, type Principal, type Vouch, type VouchCommand } from '../src';
import { NOW, TENANT, as, buildWorld, pm, world } from './support/relationship-world';

const mallory = as('mallory', 'ACCOUNT_OWNER'); // an account owner who owns no account
const rita = as('rita', 'REQUESTER');
const auditor = as('aud', 'AUDITOR');
const root = as('root', ...ROLES);
let n = 0;

/** The error a caller meets, in the words they see. */
async function refusal(vouch: Vouch, principal: Principal, command: Omit<VouchCommand, 'commandId'>) {
  const error = await vouch
    .execute(principal, { ...command, commandId: `attempt-${++n}` } as VouchCommand)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  if (!isDomainError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.message, details: error.details };
}

describe('the attempts of issue 11 are refused without revealing that anything exists', () => {
  let now: Instant = NOW;
  let vouch: Vouch;
  let store: EventStore;
  beforeAll(async () => ({ vouch, store } = await buildWorld(() => now)));
  afterAll(() => store.close());
  const version = async (streamId: string) => (await readWholeStream(store, TENANT, streamId)).length;

  /** Refused as NOT_FOUND, worded exactly as for an id that does not exist (but for the id), and nothing written. */
  async function expectHidden(
    principal: Principal,
    command: Omit<VouchCommand, 'commandId'>,
    streamId: string,
  ) {
    const before = await version(streamId);
    const seen = await refusal(vouch, principal, command);
    const missing = await refusal(vouch, root, { ...command, aggregateId: 'ghost' } as VouchCommand);
    expect(seen.code).toBe('NOT_FOUND');
    // The refusal names the id asked for; everything else reads as for an id that was never created.
    const asked = String(command.aggregateId);
    expect(JSON.parse(JSON.stringify(seen).replaceAll(asked, 'ghost'))).toEqual(missing);
    expect(await version(streamId)).toBe(before);
  }

  const advocate = world.advocate.otto;
  const onAdvocate = streamIdOf('Advocate', advocate);

  it("an owner of no account cannot hijack another owner's advocate's contact; an auditor still reads the real address", async () => {
    await expectHidden(
      mallory,
      {
        type: 'UpdateAdvocateContact',
        aggregateId: advocate,
        data: { name: 'Evil', email: 'attacker@evil.example', title: 'CEO' },
      },
      onAdvocate,
    );
    const seen = await vouch.queries.advocate(auditor, advocate);
    expect(seen).toMatchObject({ view: 'FULL', contact: { email: 'adv-otto@example.com' } });
  });

  it("… cannot mark another owner's advocate DO_NOT_CONTACT", () =>
    expectHidden(
      mallory,
      { type: 'MarkDoNotContact', aggregateId: advocate, data: { reason: 'spite' } },
      onAdvocate,
    ));

  it('… cannot rest them', () =>
    expectHidden(
      mallory,
      { type: 'RestAdvocate', aggregateId: advocate, data: { until: addDays(NOW, 30), reason: 'x' } },
      onAdvocate,
    ));

  it('… cannot change their preferences', () =>
    expectHidden(
      mallory,
      { type: 'SetAdvocatePreferences', aggregateId: advocate, data: { maxEngagementsPerWindow: 0 } },
      onAdvocate,
    ));

  it('… cannot record health on an account that is not theirs', () =>
    expectHidden(
      mallory,
      { type: 'RecordAccountHealth', aggregateId: world.account.otto, data: { healthScore: 1 } },
      streamIdOf('Account', world.account.otto),
    ));

  it('… cannot change the profile of an account that is not theirs', () =>
    expectHidden(
      mallory,
      {
        type: 'UpdateAccountProfile',
        aggregateId: world.account.otto,
        data: { name: 'Pwned', industry: 'x', segment: 'SMB', region: 'x', products: [] },
      },
      streamIdOf('Account', world.account.otto),
    ));

  it("a requester cannot record feedback on an engagement of another requester's request", async () => {
    const [engagementId, advocateId] = world.engagement.sam;
    await expectHidden(
      rita,
      { type: 'RecordEngagementFeedback', aggregateId: advocateId, data: { engagementId, rating: 1 } },
      streamIdOf('Advocate', advocateId),
    );
    await expectHidden(
      rita,
      {
        type: 'RecordRequestFeedback',
        aggregateId: world.request.sam,
        data: { advocateId: 'adv-otto', rating: 1 },
      },
      streamIdOf('ReferenceRequest', world.request.sam),
    );
  });

  it("cancelRequest on another requester's request is NOT_FOUND, as for a missing id, and request(id) is null", async () => {
    await expectHidden(
      rita,
      { type: 'CancelRequest', aggregateId: world.request.sam, data: { reason: 'mine now' } },
      streamIdOf('ReferenceRequest', world.request.sam),
    );
    expect(await vouch.queries.request(rita, world.request.sam)).toBeUndefined();
  });

  it("a delegate acts for the owner's account until the delegation runs out", async () => {
    const dan = as('dan', 'ACCOUNT_OWNER');
    const update = (label: string): Omit<VouchCommand, 'commandId'> => ({
      type: 'SetAdvocatePreferences',
      aggregateId: advocate,
      data: { maxEngagementsPerWindow: label === 'during' ? 3 : 2 },
    });
    await expectHidden(dan, update('before'), onAdvocate);
    // Only the owner (or an admin) delegates; someone else meets the account as missing.
    await expectHidden(
      mallory,
      {
        type: 'DelegateAccount',
        aggregateId: world.account.otto,
        data: { delegateId: 'mallory', until: addDays(now, 7), reason: 'x' },
      },
      streamIdOf('Account', world.account.otto),
    );
    await vouch.execute(as('otto', 'ACCOUNT_OWNER'), {
      type: 'DelegateAccount',
      commandId: 'delegate-dan',
      aggregateId: world.account.otto,
      data: { delegateId: 'dan', until: addDays(now, 7), reason: 'Parental leave' },
    });
    await vouch.execute(dan, { ...update('during'), commandId: 'dan-during' } as VouchCommand);
    expect(await vouch.queries.account(dan, world.account.otto)).toMatchObject({ ownerId: 'otto' });
    expect(await vouch.queries.advocate(dan, advocate)).toMatchObject({ view: 'FULL' });
    // The ask of otto's customer waits for whoever acts for the account: dan sees the request.
    expect(await vouch.queries.request(dan, world.askFor.otto[0])).toBeDefined();
    now = addDays(now, 8);
    expect(await vouch.queries.request(dan, world.askFor.otto[0])).toBeUndefined();
    await expectHidden(dan, update('after'), onAdvocate);
    expect(await vouch.queries.account(dan, world.account.otto)).toBeUndefined();
  });

  it('reassigning the owner moves the relationship, and the history shows who owned what when', async () => {
    const before = now;
    now = addDays(now, 1);
    await vouch.execute(pm, {
      type: 'ReassignAccountOwner',
      commandId: 'reassign-otto',
      aggregateId: world.account.otto,
      data: { ownerId: 'olga', reason: 'Territory change' },
    });
    await expectHidden(
      as('otto', 'ACCOUNT_OWNER'),
      { type: 'RecordAccountHealth', aggregateId: world.account.otto, data: { healthScore: 50 } },
      streamIdOf('Account', world.account.otto),
    );
    await vouch.execute(as('olga', 'ACCOUNT_OWNER'), {
      type: 'RecordAccountHealth',
      commandId: 'olga-health',
      aggregateId: world.account.otto,
      data: { healthScore: 77 },
    });
    // The ask of otto's customer on sam's request now waits for olga, not for otto.
    const [requestId, advocateId] = world.askFor.otto;
    await expectHidden(
      as('otto', 'ACCOUNT_OWNER'),
      { type: 'ApproveAsk', aggregateId: requestId, data: { advocateId } },
      streamIdOf('ReferenceRequest', requestId),
    );
    expect(await vouch.queries.request(as('otto', 'ACCOUNT_OWNER'), requestId)).toBeUndefined();
    expect(await vouch.queries.request(as('olga', 'ACCOUNT_OWNER'), requestId)).toBeDefined();
    const approved = await vouch.execute(as('olga', 'ACCOUNT_OWNER'), {
      type: 'ApproveAsk',
      commandId: 'olga-approves',
      aggregateId: requestId,
      data: { advocateId },
    });
    expect(approved.events[0]).toMatchObject({ type: 'AskApprovedByOwner', data: { ownerId: 'olga' } });
    const trail = await vouch.queries.auditTrail(auditor, 'account', world.account.otto);
    expect(trail.map((entry) => entry.sentence)).toEqual(
      expect.arrayContaining([expect.stringMatching(/reassigned account acct-otto from otto to olga/)]),
    );
    const then = await vouch.queries.subjectAsOf(auditor, 'account', world.account.otto, before);
    expect(JSON.stringify(then)).toContain('"ownerId":"otto"');
    const later = await vouch.queries.subjectAsOf(auditor, 'account', world.account.otto, now);
    expect(JSON.stringify(later)).toContain('"ownerId":"olga"');
  });
});
