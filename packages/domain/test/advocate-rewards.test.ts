import { advocateDecider, type AdvocateEvent, type GrantReward, type RewardGranted } from '../src';
import {
  ADVOCATE_ID,
  actors,
  activeAdvocate,
  advocateCommand,
  advocateContext,
  DEFAULT_PROGRAM_POLICIES,
  day,
  NOW,
} from './support/builders';
import { specification } from './support/specification';

// Default program: rewards in USD, at most 250 each without approval, 1000 a year per advocate.
const advocate = specification(advocateDecider, () => advocateContext());
const asOwner = { actor: actors.accountOwner };

const grant = (data: Partial<GrantReward['data']> = {}) =>
  advocateCommand('GrantReward', {
    rewardId: 'reward-1',
    kind: 'EVENT_PASS',
    description: 'Pass to the user conference',
    value: { amount: 200, currency: 'USD' },
    disclosure: 'Disclosed in the published case study footnote.',
    ...data,
  });

const granted = (rewardId: string, amount: number, grantedAt = day(-10)): RewardGranted => ({
  type: 'RewardGranted',
  data: {
    advocateId: ADVOCATE_ID,
    rewardId,
    kind: 'GIFT',
    description: 'Thank-you gift',
    value: { amount, currency: 'USD' },
    disclosure: 'Disclosed in the advocate agreement.',
    grantedBy: actors.programManager.userId,
    grantedAt,
  },
});

// Invariant 6
describe('rewards (invariant 6)', () => {
  // Invariant 6
  it('a reward within the caps is granted with its disclosure on record', () => {
    advocate
      .given(activeAdvocate())
      .when(grant(), asOwner)
      .then([
        {
          type: 'RewardGranted',
          data: {
            advocateId: ADVOCATE_ID,
            rewardId: 'reward-1',
            kind: 'EVENT_PASS',
            description: 'Pass to the user conference',
            value: { amount: 200, currency: 'USD' },
            disclosure: 'Disclosed in the published case study footnote.',
            grantedBy: actors.accountOwner.userId,
            grantedAt: NOW,
          },
        },
      ]);
  });

  // Invariant 6
  it('a reward above the per-reward cap needs a program manager’s approval, which is recorded', () => {
    advocate
      .given(activeAdvocate())
      .when(grant({ value: { amount: 400, currency: 'USD' }, overCapApprovalReason: 'Keynote speaker' }))
      .thenEvents(([event]) =>
        expect((event as RewardGranted).data.overCapApproval).toEqual({
          by: actors.programManager.userId,
          reason: 'Keynote speaker',
        }),
      );
  });

  // Invariant 6
  it('a reward above the per-reward cap without approval is refused', () => {
    advocate
      .given(activeAdvocate())
      .when(grant({ value: { amount: 400, currency: 'USD' } }))
      .thenThrows('REWARD_APPROVAL_REQUIRED');
  });

  // Invariant 6
  it('a reward above the per-reward cap approved by someone who is not a program manager is refused', () => {
    advocate
      .given(activeAdvocate())
      .when(grant({ value: { amount: 400, currency: 'USD' }, overCapApprovalReason: 'I say so' }), asOwner)
      .thenThrows('REWARD_APPROVAL_REQUIRED');
  });

  // Invariant 6
  it('the yearly total per advocate is a hard cap, even for a program manager', () => {
    const error = advocate
      .given([
        ...activeAdvocate(),
        granted('r-a', 250),
        granted('r-b', 250),
        granted('r-c', 250),
        granted('r-d', 200),
      ])
      .when(grant({ value: { amount: 100, currency: 'USD' }, overCapApprovalReason: 'Please' }))
      .thenThrows('REWARD_CAP_EXCEEDED');
    expect(error.details).toMatchObject({ receivedThisYear: 950, yearlyCap: 1000 });
  });

  // Invariant 6
  it('up to the yearly cap exactly is allowed', () => {
    advocate
      .given([
        ...activeAdvocate(),
        granted('r-a', 250),
        granted('r-b', 250),
        granted('r-c', 250),
        granted('r-d', 200),
      ])
      .when(grant({ value: { amount: 50, currency: 'USD' } }))
      .thenEvents(([event]) => expect(event?.type).toBe('RewardGranted'));
  });

  // Invariant 6
  it("last year's rewards do not count against this year's cap", () => {
    const lastYear: AdvocateEvent[] = [
      granted('r-a', 250, '2025-03-01T00:00:00.000Z'),
      granted('r-b', 250, '2025-06-01T00:00:00.000Z'),
      granted('r-c', 250, '2025-09-01T00:00:00.000Z'),
      granted('r-d', 250, '2025-12-01T00:00:00.000Z'),
    ];
    advocate
      .given([...activeAdvocate(), ...lastYear])
      .when(grant())
      .thenEvents(([event]) => expect(event?.type).toBe('RewardGranted'));
  });

  // Invariant 6
  it('every incentive is disclosed: a reward without a disclosure is refused', () => {
    advocate
      .given(activeAdvocate())
      .when(grant({ disclosure: '' }))
      .thenThrows('VALIDATION_FAILED', /disclosure/);
    advocate
      .given(activeAdvocate())
      .when(grant({ disclosure: 'n/a' }))
      .thenThrows('VALIDATION_FAILED', /disclosure must be at least 10 characters/);
  });

  it('a reward is in the program currency', () => {
    advocate
      .given(activeAdvocate())
      .when(grant({ value: { amount: 100, currency: 'EUR' } }))
      .thenThrows('VALIDATION_FAILED', /program currency USD/);
  });

  it('a reward id is granted once', () => {
    advocate
      .given([...activeAdvocate(), granted('reward-1', 50)])
      .when(grant())
      .thenThrows('ALREADY_EXISTS');
  });

  it('the caps come from the program policies in the context', () => {
    const generous = {
      ...DEFAULT_PROGRAM_POLICIES,
      reward: { currency: 'USD', perRewardCap: 500, yearlyCapPerAdvocate: 5000 },
    };
    advocate
      .given(activeAdvocate())
      .when(grant({ value: { amount: 400, currency: 'USD' } }), { policies: generous })
      .thenEvents(([event]) => expect((event as RewardGranted).data.overCapApproval).toBeUndefined());
  });
});
