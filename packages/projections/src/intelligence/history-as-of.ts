import { ANY_TERRITORY, type ActivityKind } from '@vouch/domain';
import {
  lastAt,
  sortedUpTo,
  type AccountHistory,
  type AccountProfileFact,
  type AdvocateHistory,
  type AdvocateLifecycle,
  type ConsentFact,
  type ContentHistory,
  type Ms,
  type Timed,
} from './program-history';

export const DAY_MS = 86_400_000;

/** An advocate's lifecycle as known at `at`; undefined when not enrolled by then. */
export function lifecycleAt(advocate: AdvocateHistory, at: Ms): AdvocateLifecycle | undefined {
  if (advocate.enrolledAt > at) return undefined;
  return lastAt(advocate.lifecycle, at);
}

/** Enrolled by `at` and not retired, do-not-contact or erased: the program's live advocates. */
export function isLive(advocate: AdvocateHistory, at: Ms): boolean {
  const status = lifecycleAt(advocate, at);
  return status === 'ENROLLED' || status === 'ACTIVE' || status === 'RESTING';
}

/** Whether the advocate could be asked at `on`, as known at `at`: ACTIVE, or RESTING only until before `on`. */
export function askableOn(advocate: AdvocateHistory, at: Ms, on: Ms): boolean {
  const status = lifecycleAt(advocate, at);
  if (status === 'ACTIVE') return true;
  if (status !== 'RESTING') return false;
  const until = lastAt(advocate.restingUntil, at);
  return until !== undefined && until <= on;
}

/** A consent as the facts up to `at` leave it. */
export interface ConsentAsOf {
  readonly consentId: string;
  readonly kinds: readonly ActivityKind[];
  readonly territories: readonly string[];
  readonly validFrom: Ms;
  readonly validUntil?: Ms;
  readonly ended: boolean;
}

/** The consents recorded by `at`, each folded from its grant, renewals and end. */
export function consentsAsOf(facts: readonly Timed<ConsentFact>[], at: Ms): ConsentAsOf[] {
  const consents = new Map<string, ConsentAsOf>();
  for (const { value } of sortedUpTo(facts, at)) {
    const current = consents.get(value.consentId);
    if (value.change === 'GRANTED') {
      consents.set(value.consentId, {
        consentId: value.consentId,
        kinds: value.kinds ?? [],
        territories: value.territories ?? [ANY_TERRITORY],
        validFrom: value.validFrom ?? 0,
        ...(value.validUntil !== undefined ? { validUntil: value.validUntil } : {}),
        ended: false,
      });
    } else if (current && value.change === 'RENEWED') {
      const { validUntil: _old, ...rest } = current;
      consents.set(value.consentId, {
        ...rest,
        ...(value.validUntil !== undefined ? { validUntil: value.validUntil } : {}),
      });
    } else if (current) {
      consents.set(value.consentId, { ...current, ended: true });
    }
  }
  return [...consents.values()];
}

/**
 * Whether, as known at `at`, a consent covering `kind` (and `territory`, when given, by the
 * consent gate's rule: GLOBAL covers every territory) will be in force on `on`.
 */
export function consentInForceOn(
  facts: readonly Timed<ConsentFact>[],
  kind: ActivityKind,
  at: Ms,
  on: Ms,
  territory?: string,
): boolean {
  return consentsAsOf(facts, at).some(
    (c) =>
      !c.ended &&
      c.kinds.includes(kind) &&
      (territory === undefined ||
        c.territories.includes(ANY_TERRITORY) ||
        c.territories.includes(territory)) &&
      c.validFrom <= on &&
      (c.validUntil === undefined || c.validUntil > on),
  );
}

/** The account's profile as known at `at`. */
export function profileAt(account: AccountHistory | undefined, at: Ms): AccountProfileFact | undefined {
  return account && account.registeredAt <= at ? lastAt(account.profile, at) : undefined;
}

/** The products an advocate speaks to at `at` (theirs and their account's). */
export function productsAt(
  advocate: AdvocateHistory,
  account: AccountHistory | undefined,
  at: Ms,
): Set<string> {
  return new Set([...(lastAt(advocate.products, at) ?? []), ...(profileAt(account, at)?.products ?? [])]);
}

/** Whether the asset was published at `at`. */
export function publishedAt(content: ContentHistory, at: Ms): boolean {
  return lastAt(content.states, at) === 'PUBLISHED';
}

/** Case-insensitive comparison of traits ("EMEA" on a target and "emea" on an account are one). */
export function sameTrait(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
