import { programDecider, type ProgramEvent } from '../src';
import { actors, context, DEFAULT_PROGRAM_POLICIES, programCommand, NOW } from './support/builders';
import { specification } from './support/specification';

const program = specification(programDecider, () => context({ actor: actors.programManager }));
const as = (actor: (typeof actors)[keyof typeof actors]) => ({ actor });

const wish = programCommand('AddToWishlist', {
  wishId: 'wish-1',
  accountName: 'Globex',
  industry: 'Manufacturing',
  segment: 'ENTERPRISE',
  region: 'EMEA',
  products: ['Planner'],
  reason: 'Logo would open the automotive vertical',
});
const wished: ProgramEvent = {
  type: 'AccountWishlisted',
  data: {
    wishId: 'wish-1',
    accountName: 'Globex',
    industry: 'Manufacturing',
    segment: 'ENTERPRISE',
    region: 'EMEA',
    products: ['Planner'],
    reason: 'Logo would open the automotive vertical',
    wishedBy: actors.requester.userId,
    wishedAt: NOW,
  },
};

describe('program policies', () => {
  it('start from the defaults', () => {
    expect(programDecider.initialState.policies).toEqual(DEFAULT_PROGRAM_POLICIES);
  });

  it('a program manager sets the fatigue policy, which later decisions read', () => {
    const policy = {
      windowDays: 60,
      maxPerWindow: 3,
      maxPerKindPerWindow: { SITE_VISIT: 1 },
      minRestDays: 10,
    };
    program
      .given([])
      .when(programCommand('SetFatiguePolicy', policy))
      .thenEvents((events, state) => {
        expect(events).toEqual([{ type: 'FatiguePolicySet', data: { policy, setBy: 'pat-pm' } }]);
        expect(state.policies.fatigue).toEqual(policy);
        expect(state.policies.reward).toEqual(DEFAULT_PROGRAM_POLICIES.reward);
      });
  });

  it('only a program manager sets policies and targets', () => {
    for (const actor of [actors.accountOwner, actors.requester, actors.auditor, actors.admin]) {
      program
        .given([])
        .when(programCommand('SetNominationPolicy', { minAccountHealth: 70 }), as(actor))
        .thenThrows('FORBIDDEN');
    }
  });

  it('a per-kind limit cannot exceed the overall limit, nor name an unknown kind', () => {
    program
      .given([])
      .when(
        programCommand('SetFatiguePolicy', {
          windowDays: 90,
          maxPerWindow: 2,
          maxPerKindPerWindow: { REFERENCE_CALL: 5, JUGGLING: 1 } as never,
          minRestDays: 7,
        }),
      )
      .thenThrows('VALIDATION_FAILED', /maxPerKindPerWindow.REFERENCE_CALL.*maxPerKindPerWindow.JUGGLING/);
  });

  it('the yearly reward cap is at least the per-reward cap', () => {
    program
      .given([])
      .when(
        programCommand('SetRewardPolicy', { currency: 'USD', perRewardCap: 500, yearlyCapPerAdvocate: 100 }),
      )
      .thenThrows('VALIDATION_FAILED', /yearlyCapPerAdvocate/);
  });

  it('a profile goes stale no sooner than it is due', () => {
    program
      .given([])
      .when(programCommand('SetFreshnessPolicy', { verifyEveryDays: 180, staleAfterDays: 90 }))
      .thenThrows('VALIDATION_FAILED', /staleAfterDays/);
  });
});

describe('coverage targets', () => {
  const target = { industry: 'Manufacturing', region: 'EMEA', product: 'Planner', advocatesNeeded: 5 };

  it('are set per industry × region × product and removed again', () => {
    program
      .given([])
      .when(programCommand('SetCoverageTarget', target))
      .thenEvents((_events, state) => expect(Object.values(state.coverageTargets)).toEqual([target]));
    program
      .given([{ type: 'CoverageTargetSet', data: { target, setBy: 'pat-pm' } }])
      .when(
        programCommand('RemoveCoverageTarget', {
          industry: 'Manufacturing',
          region: 'EMEA',
          product: 'Planner',
        }),
      )
      .thenEvents((_events, state) => expect(state.coverageTargets).toEqual({}));
  });

  it('removing a target that was never set is NOT_FOUND', () => {
    program
      .given([])
      .when(programCommand('RemoveCoverageTarget', { industry: 'Retail', region: 'NA', product: 'Planner' }))
      .thenThrows('NOT_FOUND');
  });
});

describe('the sales wishlist', () => {
  it('anyone in sales adds an account they wish were a reference', () => {
    program.given([]).when(wish, as(actors.requester)).then([wished]);
  });

  it('a wish id is added once', () => {
    program.given([wished]).when(wish).thenThrows('ALREADY_EXISTS');
  });

  it('the wisher or a program manager removes an entry, nobody else', () => {
    const remove = programCommand('RemoveFromWishlist', { wishId: 'wish-1', reason: 'Signed as customer' });
    program
      .given([wished])
      .when(remove, as(actors.requester))
      .thenEvents((_events, state) => expect(state.wishlist).toEqual({}));
    program
      .given([wished])
      .when(remove)
      .thenEvents((_events, state) => expect(state.wishlist).toEqual({}));
    program.given([wished]).when(remove, as(actors.accountOwner)).thenThrows('FORBIDDEN');
    program.given([]).when(remove).thenThrows('NOT_FOUND');
  });
});
