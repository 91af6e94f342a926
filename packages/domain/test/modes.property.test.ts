import fc from 'fast-check';
import {
  addHours,
  advocateDecider,
  checkConsent,
  contentAssetDecider,
  DomainError,
  fatigueBreaches,
  fatigueRules,
  fold,
  isBefore,
  isCounted,
  isPending,
  preApprovalsCovering,
  type Actor,
  type AdvocateCommand,
  type AdvocateEvent,
  type AdvocateState,
  type ActivityKind,
  type Channel,
  type Consent,
  type ContentAssetEvent,
  type ContentAssetState,
  type Instant,
} from '../src';
import {
  actors,
  activeAdvocate,
  ACCOUNT_ID,
  advocateCommand,
  advocateContext,
  consentGranted,
  contentCommand,
  context,
  DEFAULT_PROGRAM_POLICIES,
  NOW,
} from './support/builders';

/**
 * The new modes never bypass a gate (issue 16). Random sequences of consents, self-serve
 * pre-approvals and revocations, reservations under every clearance and content uses: a
 * self-serve reservation always rests on the owner's pre-approval in force; no reservation and
 * no content use is made without a consent in force (its max uses included); no fatigue limit
 * is exceeded without a program manager's recorded override. And a content asset is never used
 * beyond its cap, at or after its expiry, or without its holders' consents.
 */

const KINDS: ActivityKind[] = ['REFERENCE_CALL', 'CASE_STUDY', 'VIDEO'];
const CONTENT: ('CASE_STUDY' | 'VIDEO')[] = ['CASE_STUDY', 'VIDEO'];
const CHANNELS: Channel[] = ['PRIVATE', 'WEB'];
const consentId = fc.constantFrom('c1', 'c2');
const preApprovalId = fc.constantFrom('p1', 'p2', 'p3');
const engagementId = fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6');
const territory = fc.constantFrom('EMEA', 'EMEA', 'NA');
const actor = fc.constantFrom<Actor>(actors.programManager, actors.accountOwner, actors.otherOwner);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

type Build = (now: Instant) => AdvocateCommand;

const commandArb: fc.Arbitrary<Build> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc
      .record({
        consentId,
        kinds: fc.subarray(KINDS, { minLength: 1 }),
        fromHours: fc.integer({ min: -100, max: 50 }),
        lengthHours: maybe(fc.integer({ min: 1, max: 2000 })),
        maxUses: maybe(fc.integer({ min: 1, max: 3 })),
      })
      .map((c) => (now: Instant) => {
        const validFrom = addHours(now, c.fromHours);
        return advocateCommand('GrantConsent', {
          consentId: c.consentId,
          kinds: c.kinds,
          territories: ['EMEA'],
          channels: CHANNELS,
          validFrom,
          ...(c.lengthHours !== undefined ? { validUntil: addHours(validFrom, c.lengthHours) } : {}),
          ...(c.maxUses !== undefined ? { maxUses: c.maxUses } : {}),
          collectionMethod: 'E_SIGNATURE',
          collectedAt: now,
          noticeVersion: 'v1',
        });
      }),
  },
  {
    weight: 1,
    arbitrary: consentId.map(
      (id) => () => advocateCommand('WithdrawConsent', { consentId: id, reason: 'changed their mind' }),
    ),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        preApprovalId,
        kinds: fc.subarray(KINDS, { minLength: 1 }),
        fromHours: maybe(fc.integer({ min: -50, max: 100 })),
        untilHours: fc.integer({ min: 1, max: 24 * 20 }),
      })
      .map(
        (p) => (now: Instant) =>
          advocateCommand('PreApproveSelfServe', {
            preApprovalId: p.preApprovalId,
            kinds: p.kinds,
            ...(p.fromHours !== undefined ? { validFrom: addHours(now, p.fromHours) } : {}),
            validUntil: addHours(now, p.untilHours),
          }),
      ),
  },
  {
    weight: 1,
    arbitrary: preApprovalId.map(
      (id) => () => advocateCommand('RevokeSelfServePreApproval', { preApprovalId: id, reason: 'renewal' }),
    ),
  },
  {
    weight: 6,
    arbitrary: fc
      .record({
        engagementId,
        kind: fc.constantFrom(...KINDS),
        territory,
        channel: fc.constantFrom(...CHANNELS),
        inHours: fc.integer({ min: 0, max: 24 * 30 }),
        clearance: fc.constantFrom('SELF_SERVE', 'SELF_SERVE', 'OWNER', 'OVERRIDE', 'PM_FULFILLED'),
        fatigueOverride: fc.boolean(),
      })
      .map(
        (r) => (now: Instant) =>
          advocateCommand('ReserveEngagement', {
            engagementId: r.engagementId,
            kind: r.kind,
            territory: r.territory,
            channel: r.channel,
            activityAt: addHours(now, r.inHours),
            ownerClearance:
              r.clearance === 'OVERRIDE'
                ? { kind: 'OVERRIDE', by: 'pat-pm', reason: 'owner away' }
                : { kind: r.clearance as 'OWNER' | 'SELF_SERVE' | 'PM_FULFILLED', by: 'someone-claimed' },
            ...(r.fatigueOverride ? { fatigueOverrideReason: 'strategic deal' } : {}),
          }),
      ),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({ kind: fc.constantFrom(...CONTENT), territory, channel: fc.constantFrom(...CHANNELS) })
      .map(
        (u) => () =>
          advocateCommand('RecordContentUse', {
            contentId: 'content-1',
            kind: u.kind,
            territory: u.territory,
            channel: u.channel,
          }),
      ),
  },
);

const steps = fc.array(
  fc.record({ advanceHours: fc.integer({ min: 0, max: 24 * 4 }), actor, build: commandArb }),
  { minLength: 10, maxLength: 40, size: 'max' },
);

/** A program tight enough to be breached often. */
const POLICIES = {
  ...DEFAULT_PROGRAM_POLICIES,
  fatigue: { windowDays: 30, maxPerWindow: 3, maxPerKindPerWindow: { REFERENCE_CALL: 2 }, minRestDays: 2 },
};
const ownerOfAcme = (accountId: string) => (accountId === ACCOUNT_ID ? [actors.accountOwner.userId] : []);

interface Decision {
  readonly before: AdvocateState;
  readonly event: AdvocateEvent;
  readonly now: Instant;
  readonly actor: Actor;
}

function run(sequence: readonly { advanceHours: number; actor: Actor; build: Build }[]): Decision[] {
  let state = fold(advocateDecider, activeAdvocate());
  let now = NOW;
  const decisions: Decision[] = [];
  for (const step of sequence) {
    now = addHours(now, step.advanceHours);
    const ctx = { ...advocateContext({ now, actor: step.actor }, POLICIES), accountActors: ownerOfAcme };
    let produced: AdvocateEvent[];
    try {
      produced = advocateDecider.decide(step.build(now), state, ctx);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      continue;
    }
    for (const event of produced) {
      decisions.push({ before: state, event, now, actor: step.actor });
      state = advocateDecider.evolve(state, event);
    }
  }
  return decisions;
}

function pendingUses(state: AdvocateState): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of Object.values(state.engagements)) {
    if (isPending(e)) counts[e.consentId] = (counts[e.consentId] ?? 0) + 1;
  }
  return counts;
}

function expectConsentInForce(
  state: AdvocateState,
  use: { consentId: string; kind: ActivityKind; territory: string; channel: Channel },
  instants: readonly Instant[],
): void {
  const consent = state.consents[use.consentId];
  expect(consent).toBeDefined();
  for (const at of instants) {
    const scope = { territory: use.territory, channel: use.channel };
    expect(
      checkConsent(consent!, { kind: use.kind, scope, at, pendingUses: pendingUses(state) }),
    ).toMatchObject({
      inForce: true,
    });
  }
}

const runs = { numRuns: 200 };

/**
 * A sequence that surely reserves under a self-serve clearance (consent, the owner's
 * pre-approval, then the take), run first so the property is never checked vacuously
 * whatever the random sequences happen to be.
 */
const SELF_SERVE_EXAMPLE: { advanceHours: number; actor: Actor; build: Build }[] = [
  {
    advanceHours: 0,
    actor: actors.programManager,
    build: (now) =>
      advocateCommand('GrantConsent', {
        consentId: 'c1',
        kinds: ['REFERENCE_CALL'],
        territories: ['EMEA'],
        channels: CHANNELS,
        validFrom: addHours(now, -1),
        collectionMethod: 'E_SIGNATURE',
        collectedAt: now,
        noticeVersion: 'v1',
      }),
  },
  {
    advanceHours: 0,
    actor: actors.accountOwner,
    build: (now) =>
      advocateCommand('PreApproveSelfServe', {
        preApprovalId: 'p1',
        kinds: ['REFERENCE_CALL'],
        validUntil: addHours(now, 24 * 20),
      }),
  },
  {
    advanceHours: 1,
    actor: actors.programManager,
    build: (now) =>
      advocateCommand('ReserveEngagement', {
        engagementId: 'e1',
        kind: 'REFERENCE_CALL',
        territory: 'EMEA',
        channel: 'PRIVATE',
        activityAt: addHours(now, 24),
        ownerClearance: { kind: 'SELF_SERVE', by: 'someone-claimed' },
      }),
  },
];

describe('self-serve and content use never bypass a gate (random sequences)', () => {
  it('a self-serve reservation always rests on the owner’s pre-approval in force for the kind, now and at the activity', () => {
    let selfServed = 0;
    fc.assert(
      fc.property(steps, (s) => {
        for (const { before, event, now } of run(s)) {
          if (event.type !== 'EngagementReserved' || event.data.ownerClearance.kind !== 'SELF_SERVE')
            continue;
          selfServed += 1;
          const covering = preApprovalsCovering(before.selfServePool, event.data.kind, [
            now,
            event.data.activityAt,
          ]);
          expect(covering.length).toBeGreaterThan(0);
          // Cleared in the name of the owner who pre-approved, never in the name the caller claimed.
          expect(covering.map((p) => p.approvedBy)).toContain(event.data.ownerClearance.by);
        }
      }),
      { ...runs, examples: [[SELF_SERVE_EXAMPLE]] },
    );
    expect(selfServed).toBeGreaterThan(0); // the property is not vacuous
  });

  it('a PM_FULFILLED reservation is only ever a program manager’s', () => {
    fc.assert(
      fc.property(steps, (s) => {
        for (const { event, actor } of run(s)) {
          if (event.type === 'EngagementReserved' && event.data.ownerClearance.kind === 'PM_FULFILLED')
            expect(actor.roles).toContain('PROGRAM_MANAGER');
        }
      }),
      runs,
    );
  });

  it('only who acts for the account fills the pool', () => {
    fc.assert(
      fc.property(steps, (s) => {
        for (const { event, actor } of run(s)) {
          if (event.type === 'SelfServePreApproved') expect(actor).toBe(actors.accountOwner);
        }
      }),
      runs,
    );
  });

  // Invariant 1
  it('no reservation (any clearance) and no content use without a consent in force covering it, max uses included', () => {
    let uses = 0;
    fc.assert(
      fc.property(steps, (s) => {
        for (const { before, event, now } of run(s)) {
          if (event.type === 'EngagementReserved') {
            expectConsentInForce(before, event.data, [now, event.data.activityAt]);
          } else if (event.type === 'ConsentUseRecorded') {
            uses += 1;
            expectConsentInForce(before, { ...event.data, territory: 'EMEA', channel: 'WEB' }, [now]);
          }
        }
      }),
      runs,
    );
    expect(uses).toBeGreaterThan(0);
  });

  // Invariant 2
  it('no fatigue limit is exceeded by a self-serve reservation without a program manager’s recorded override', () => {
    fc.assert(
      fc.property(steps, (s) => {
        for (const { before, event, actor } of run(s)) {
          if (event.type !== 'EngagementReserved') continue;
          const counted = Object.values(before.engagements)
            .filter(isCounted)
            .map((e) => ({ kind: e.kind, at: e.activityAt }));
          const rules = fatigueRules(POLICIES.fatigue, before.preferences);
          const breaches = fatigueBreaches(counted, rules, event.data.kind, event.data.activityAt);
          if (event.data.fatigueOverride === undefined) expect(breaches).toEqual([]);
          else expect(actor.roles).toContain('PROGRAM_MANAGER');
        }
      }),
      runs,
    );
  });
});

// A content asset under random uses, consent changes and clock moves.
const assetSteps = fc.array(
  fc.record({
    advanceHours: fc.integer({ min: 0, max: 24 * 3 }),
    action: fc.constantFrom('use', 'use', 'use', 'withdraw', 'regrant'),
  }),
  { minLength: 5, maxLength: 30 },
);

describe('a content asset is never used beyond its cap, after its expiry or without consent (random sequences)', () => {
  it('every ContentUsed is within the cap, before the expiry and under consents in force', () => {
    fc.assert(
      fc.property(
        maybe(fc.integer({ min: 1, max: 6 })),
        maybe(fc.integer({ min: 1, max: 24 * 30 })),
        assetSteps,
        (maxUses, expiresInHours, sequence) => {
          const expiresAt = expiresInHours !== undefined ? addHours(NOW, expiresInHours) : undefined;
          const published: ContentAssetEvent[] = [
            {
              type: 'ContentDrafted',
              data: {
                contentId: 'q-1',
                kind: 'CASE_STUDY',
                title: 't',
                accountId: ACCOUNT_ID,
                holders: [{ holder: 'ADVOCATE', holderId: 'ines' }],
                territory: 'EMEA',
                channel: 'WEB',
                draftedBy: 'pat-pm',
                draftedAt: NOW,
              },
            },
            {
              type: 'ContentApproved',
              data: { contentId: 'q-1', evidence: 'e', recordedBy: 'pat-pm', approvedAt: NOW },
            },
            {
              type: 'ContentPublished',
              data: {
                contentId: 'q-1',
                reliesOn: [],
                ...(maxUses !== undefined ? { maxUses } : {}),
                ...(expiresAt !== undefined ? { expiresAt } : {}),
                publishedBy: 'pat-pm',
                publishedAt: NOW,
              },
            },
          ];
          let asset: ContentAssetState = fold(contentAssetDecider, published);
          let consents: Consent[] = Object.values(
            fold(advocateDecider, [...activeAdvocate(), consentGranted()]).consents,
          );
          let now = NOW;
          let used = 0;
          for (const step of sequence) {
            now = addHours(now, step.advanceHours);
            if (step.action === 'withdraw') consents = [];
            else if (step.action === 'regrant')
              consents = Object.values(
                fold(advocateDecider, [...activeAdvocate(), consentGranted()]).consents,
              );
            else {
              const ctx = { ...context({ now }), consentsOf: () => consents };
              let events: ContentAssetEvent[];
              try {
                events = contentAssetDecider.decide(
                  contentCommand('UseContent', { where: 'deck' }),
                  asset,
                  ctx,
                );
              } catch (error) {
                if (!(error instanceof DomainError)) throw error;
                continue;
              }
              used += 1;
              if (maxUses !== undefined) expect(used).toBeLessThanOrEqual(maxUses);
              if (expiresAt !== undefined) expect(isBefore(now, expiresAt)).toBe(true);
              expect(consents.length).toBeGreaterThan(0);
              asset = events.reduce(contentAssetDecider.evolve, asset);
            }
          }
          expect(asset.uses).toBe(used);
        },
      ),
      runs,
    );
  });
});
