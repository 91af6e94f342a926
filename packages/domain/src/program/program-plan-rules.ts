import { SEGMENTS } from '../account/segment';
import { hasRole } from '../shared/actor';
import type { DecisionContext } from '../shared/decision-context';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { validated, type Validator } from '../shared/validator';
import type { AddToWishlist, RemoveFromWishlist } from './program-commands';
import type { ProgramEvent } from './program-events';
import { coverageKey } from './program-policies';
import type { ProgramState } from './program-state';

// The program's plans: coverage targets, and the accounts sales wishes were references.

function readCoverageKey(v: Validator, d: { industry: string; region: string; product: string }) {
  return {
    industry: v.text('industry', d.industry, { max: 80 }),
    region: v.text('region', d.region, { max: 80 }),
    product: v.text('product', d.product, { max: 80 }),
  };
}

function parseAddToWishlist(c: AddToWishlist['data']) {
  return validated((v) => ({
    wishId: v.id('wishId', c.wishId),
    accountName: v.text('accountName', c.accountName, { max: 200 }),
    ...(c.accountId !== undefined ? { accountId: v.id('accountId', c.accountId) } : {}),
    industry: v.text('industry', c.industry, { max: 80 }),
    segment: v.oneOf('segment', c.segment, SEGMENTS),
    region: v.text('region', c.region, { max: 80 }),
    products: v.tags('products', c.products),
    reason: v.text('reason', c.reason, { max: 1000 }),
  }));
}

/** The payload parsers of plan commands. */
export const planParsers = {
  SetCoverageTarget: (d: { industry: string; region: string; product: string; advocatesNeeded: number }) =>
    validated((v) => ({
      ...readCoverageKey(v, d),
      advocatesNeeded: v.integer('advocatesNeeded', d.advocatesNeeded, { min: 1, max: 10_000 }),
    })),
  RemoveCoverageTarget: (d: { industry: string; region: string; product: string }) =>
    validated((v) => readCoverageKey(v, d)),
  AddToWishlist: parseAddToWishlist,
  RemoveFromWishlist: (d: RemoveFromWishlist['data']) =>
    validated((v) => ({
      wishId: v.id('wishId', d.wishId),
      reason: v.text('reason', d.reason, { max: 1000 }),
    })),
};

type Input<K extends keyof typeof planParsers> = ReturnType<(typeof planParsers)[K]>;

function setCoverageTarget(target: Input<'SetCoverageTarget'>, _: ProgramState, context: DecisionContext) {
  return [
    { type: 'CoverageTargetSet', data: { target, setBy: context.actor.userId } } satisfies ProgramEvent,
  ];
}

function removeCoverageTarget(
  key: Input<'RemoveCoverageTarget'>,
  state: ProgramState,
  context: DecisionContext,
): ProgramEvent[] {
  if (!state.coverageTargets[coverageKey(key)]) {
    throw new DomainError(
      DomainErrorCode.NOT_FOUND,
      `There is no coverage target for ${coverageKey(key)}.`,
      key,
    );
  }
  return [{ type: 'CoverageTargetRemoved', data: { ...key, removedBy: context.actor.userId } }];
}

function addToWishlist(
  entry: Input<'AddToWishlist'>,
  state: ProgramState,
  context: DecisionContext,
): ProgramEvent[] {
  if (state.wishlist[entry.wishId]) {
    throw new DomainError(DomainErrorCode.ALREADY_EXISTS, `Wishlist entry ${entry.wishId} already exists.`, {
      wishId: entry.wishId,
    });
  }
  return [
    { type: 'AccountWishlisted', data: { ...entry, wishedBy: context.actor.userId, wishedAt: context.now } },
  ];
}

function removeFromWishlist(
  { wishId, reason }: Input<'RemoveFromWishlist'>,
  state: ProgramState,
  context: DecisionContext,
): ProgramEvent[] {
  const by = context.actor.userId;
  const entry = state.wishlist[wishId];
  if (!entry) {
    throw new DomainError(DomainErrorCode.NOT_FOUND, `Wishlist entry ${wishId} does not exist.`, { wishId });
  }
  if (entry.wishedBy !== by && !hasRole(context.actor, 'PROGRAM_MANAGER')) {
    throw new DomainError(
      DomainErrorCode.FORBIDDEN,
      'Only whoever added the wishlist entry or a program manager may remove it.',
      { wishId },
    );
  }
  return [{ type: 'WishlistEntryRemoved', data: { wishId, removedBy: by, reason } }];
}

/** The rules of program plans, one per command. */
export const planRules = {
  SetCoverageTarget: setCoverageTarget,
  RemoveCoverageTarget: removeCoverageTarget,
  AddToWishlist: addToWishlist,
  RemoveFromWishlist: removeFromWishlist,
};
