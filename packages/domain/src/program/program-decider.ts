import { ACTIVITY_KINDS, type ActivityKind } from '../shared/activity-kind';
import type { Decider } from '../shared/decider';
import type { DecisionContext } from '../shared/decision-context';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { hasRole } from '../shared/actor';
import { requireProgramManager } from '../shared/guards';
import { validated, type Validator } from '../shared/validator';
import { SEGMENTS } from '../account/segment';
import type { ProgramCommand } from './program-commands';
import type { ProgramEvent, WishlistEntry } from './program-events';
import {
  DEFAULT_PROGRAM_POLICIES,
  coverageKey,
  type CoverageTarget,
  type FatiguePolicy,
  type ProgramPolicies,
} from './program-policies';

/** A tenant's program: its policies, coverage targets and the sales wishlist. */
export interface ProgramState {
  readonly policies: ProgramPolicies;
  readonly coverageTargets: Readonly<Record<string, CoverageTarget>>;
  readonly wishlist: Readonly<Record<string, WishlistEntry>>;
}

export const initialProgramState: ProgramState = {
  policies: DEFAULT_PROGRAM_POLICIES,
  coverageTargets: {},
  wishlist: {},
};

function readFatigue(v: Validator, d: FatiguePolicy): FatiguePolicy {
  const windowDays = v.integer('windowDays', d.windowDays, { min: 1, max: 730 });
  const maxPerWindow = v.integer('maxPerWindow', d.maxPerWindow, { min: 1, max: 100 });
  const perKind: Partial<Record<ActivityKind, number>> = {};
  for (const [kind, limit] of Object.entries(v.object('maxPerKindPerWindow', d.maxPerKindPerWindow ?? {}))) {
    const k = v.oneOf(`maxPerKindPerWindow.${kind}`, kind, ACTIVITY_KINDS);
    perKind[k] = v.integer(`maxPerKindPerWindow.${kind}`, limit, { min: 0, max: maxPerWindow });
  }
  const minRestDays = v.integer('minRestDays', d.minRestDays, { min: 0, max: 365 });
  return { windowDays, maxPerWindow, maxPerKindPerWindow: perKind, minRestDays };
}

function decide(command: ProgramCommand, state: ProgramState, context: DecisionContext): ProgramEvent[] {
  // Program policies are the program manager's to set, whoever else may read them.
  // Policies and targets are the program manager's; anyone in sales may add to the wishlist.
  if (command.type !== 'AddToWishlist' && command.type !== 'RemoveFromWishlist') {
    requireProgramManager(context.actor, 'change program policies or coverage targets');
  }
  const setBy = context.actor.userId;
  switch (command.type) {
    case 'SetFatiguePolicy':
      return [
        { type: 'FatiguePolicySet', data: { policy: validated((v) => readFatigue(v, command.data)), setBy } },
      ];
    case 'SetRequestSlaPolicy': {
      const policy = validated((v) => ({
        triageWithinHours: v.integer('triageWithinHours', command.data.triageWithinHours, {
          min: 1,
          max: 720,
        }),
        fulfilWithinDays: v.integer('fulfilWithinDays', command.data.fulfilWithinDays, { min: 1, max: 365 }),
      }));
      return [{ type: 'RequestSlaPolicySet', data: { policy, setBy } }];
    }
    case 'SetRewardPolicy': {
      const policy = validated((v) => {
        const money = v.money('perRewardCap', {
          amount: command.data.perRewardCap,
          currency: command.data.currency,
        });
        const yearly = v.number('yearlyCapPerAdvocate', command.data.yearlyCapPerAdvocate, {
          min: 0,
          max: 1e9,
        });
        if (yearly < money.amount) v.fail('yearlyCapPerAdvocate', 'must be at least the per-reward cap');
        return { currency: money.currency, perRewardCap: money.amount, yearlyCapPerAdvocate: yearly };
      });
      return [{ type: 'RewardPolicySet', data: { policy, setBy } }];
    }
    case 'SetFreshnessPolicy': {
      const policy = validated((v) => {
        const verifyEveryDays = v.integer('verifyEveryDays', command.data.verifyEveryDays, {
          min: 1,
          max: 3650,
        });
        const staleAfterDays = v.integer('staleAfterDays', command.data.staleAfterDays, {
          min: 1,
          max: 3650,
        });
        if (staleAfterDays < verifyEveryDays) v.fail('staleAfterDays', 'must be at least verifyEveryDays');
        return { verifyEveryDays, staleAfterDays };
      });
      return [{ type: 'FreshnessPolicySet', data: { policy, setBy } }];
    }
    case 'SetNominationPolicy': {
      const policy = validated((v) => ({
        minAccountHealth: v.integer('minAccountHealth', command.data.minAccountHealth, { min: 0, max: 100 }),
      }));
      return [{ type: 'NominationPolicySet', data: { policy, setBy } }];
    }
    case 'SetRetentionPolicy': {
      const policy = validated((v) => ({
        retainRetiredAdvocateDays: v.integer(
          'retainRetiredAdvocateDays',
          command.data.retainRetiredAdvocateDays,
          {
            min: 0,
            max: 36500,
          },
        ),
      }));
      return [{ type: 'RetentionPolicySet', data: { policy, setBy } }];
    }
    case 'SetCoverageTarget': {
      const target = validated((v) => ({
        industry: v.text('industry', command.data.industry, { max: 80 }),
        region: v.text('region', command.data.region, { max: 80 }),
        product: v.text('product', command.data.product, { max: 80 }),
        advocatesNeeded: v.integer('advocatesNeeded', command.data.advocatesNeeded, { min: 1, max: 10_000 }),
      }));
      return [{ type: 'CoverageTargetSet', data: { target, setBy } }];
    }
    case 'RemoveCoverageTarget': {
      const key = validated((v) => ({
        industry: v.text('industry', command.data.industry, { max: 80 }),
        region: v.text('region', command.data.region, { max: 80 }),
        product: v.text('product', command.data.product, { max: 80 }),
      }));
      if (!state.coverageTargets[coverageKey(key)]) {
        throw new DomainError(
          DomainErrorCode.NOT_FOUND,
          `There is no coverage target for ${coverageKey(key)}.`,
          key,
        );
      }
      return [{ type: 'CoverageTargetRemoved', data: { ...key, removedBy: setBy } }];
    }
    case 'AddToWishlist': {
      const c = command.data;
      const entry = validated((v) => ({
        wishId: v.id('wishId', c.wishId),
        accountName: v.text('accountName', c.accountName, { max: 200 }),
        ...(c.accountId !== undefined ? { accountId: v.id('accountId', c.accountId) } : {}),
        industry: v.text('industry', c.industry, { max: 80 }),
        segment: v.oneOf('segment', c.segment, SEGMENTS),
        region: v.text('region', c.region, { max: 80 }),
        products: v.tags('products', c.products),
        reason: v.text('reason', c.reason, { max: 1000 }),
      }));
      if (state.wishlist[entry.wishId]) {
        throw new DomainError(
          DomainErrorCode.ALREADY_EXISTS,
          `Wishlist entry ${entry.wishId} already exists.`,
          {
            wishId: entry.wishId,
          },
        );
      }
      return [{ type: 'AccountWishlisted', data: { ...entry, wishedBy: setBy, wishedAt: context.now } }];
    }
    case 'RemoveFromWishlist': {
      const { wishId, reason } = validated((v) => ({
        wishId: v.id('wishId', command.data.wishId),
        reason: v.text('reason', command.data.reason, { max: 1000 }),
      }));
      const entry = state.wishlist[wishId];
      if (!entry) {
        throw new DomainError(DomainErrorCode.NOT_FOUND, `Wishlist entry ${wishId} does not exist.`, {
          wishId,
        });
      }
      if (entry.wishedBy !== setBy && !hasRole(context.actor, 'PROGRAM_MANAGER')) {
        throw new DomainError(
          DomainErrorCode.FORBIDDEN,
          'Only whoever added the wishlist entry or a program manager may remove it.',
          { wishId },
        );
      }
      return [{ type: 'WishlistEntryRemoved', data: { wishId, removedBy: setBy, reason } }];
    }
  }
}

function evolve(state: ProgramState, event: ProgramEvent): ProgramState {
  const policies = state.policies;
  switch (event.type) {
    case 'FatiguePolicySet':
      return { ...state, policies: { ...policies, fatigue: event.data.policy } };
    case 'RequestSlaPolicySet':
      return { ...state, policies: { ...policies, sla: event.data.policy } };
    case 'RewardPolicySet':
      return { ...state, policies: { ...policies, reward: event.data.policy } };
    case 'FreshnessPolicySet':
      return { ...state, policies: { ...policies, freshness: event.data.policy } };
    case 'NominationPolicySet':
      return { ...state, policies: { ...policies, nomination: event.data.policy } };
    case 'RetentionPolicySet':
      return { ...state, policies: { ...policies, retention: event.data.policy } };
    case 'CoverageTargetSet':
      return {
        ...state,
        coverageTargets: { ...state.coverageTargets, [coverageKey(event.data.target)]: event.data.target },
      };
    case 'CoverageTargetRemoved': {
      const { [coverageKey(event.data)]: _removed, ...rest } = state.coverageTargets;
      return { ...state, coverageTargets: rest };
    }
    case 'AccountWishlisted':
      return { ...state, wishlist: { ...state.wishlist, [event.data.wishId]: event.data } };
    case 'WishlistEntryRemoved': {
      const { [event.data.wishId]: _removed, ...rest } = state.wishlist;
      return { ...state, wishlist: rest };
    }
    default:
      return state;
  }
}

/** The Program decider: one stream per tenant holding its policies and plans. */
export const programDecider: Decider<ProgramCommand, ProgramState, ProgramEvent> = {
  name: 'Program',
  initialState: initialProgramState,
  decide,
  evolve,
};
