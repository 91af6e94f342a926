import {
  DEFAULT_PROGRAM_POLICIES,
  type AccountEvent,
  type ActivityKind,
  type AdvocateEvent,
  type ContentAssetEvent,
  type Department,
  type FreshnessPolicy,
  type FatiguePolicy,
  type ConsentGrantedData,
  type ConsentRenewedData,
  type NominationPolicy,
  type RequestSlaPolicy,
  type Money,
  type NominationEvent,
  type OutcomeResult,
  type ProgramEvent,
  type ReferenceRequestEvent,
  type WishlistEntry,
} from '@vouch/domain';
import { trimArraysOf } from '../trim-arrays';
import type { RecordedEvent } from '@vouch/event-store';

/** Milliseconds since the epoch: every fact is stamped with when it happened in the world. */
export type Ms = number;

/** Something that happened at an instant, then never changes: the history only grows. */
export interface Timed<T> {
  readonly at: Ms;
  readonly value: T;
}

export type AdvocateLifecycle = 'ENROLLED' | 'ACTIVE' | 'RESTING' | 'RETIRED' | 'DO_NOT_CONTACT' | 'ERASED';

export interface ConsentFact {
  readonly consentId: string;
  readonly change: 'GRANTED' | 'RENEWED' | 'WITHDRAWN' | 'EXPIRED';
  readonly kinds?: readonly ActivityKind[];
  /** Where the consent lets the advocate be used (GLOBAL covers every territory). */
  readonly territories?: readonly string[];
  readonly validFrom?: Ms;
  readonly validUntil?: Ms;
}

/** An advocate as the history keeps them: ids, traits and stamped facts, never personal data. */
export interface AdvocateHistory {
  readonly advocateId: string;
  readonly accountId: string;
  readonly nominationId?: string;
  readonly enrolledAt: Ms;
  /** The products they speak to, as updated over time. */
  readonly products: Timed<readonly string[]>[];
  readonly lifecycle: Timed<AdvocateLifecycle>[];
  /** RESTING until this instant (as of the fact's time). */
  readonly restingUntil: Timed<Ms>[];
  readonly consents: Timed<ConsentFact>[];
  /** Completed engagements: the usage. */
  readonly uses: Timed<{ kind: ActivityKind; requestId?: string }>[];
  readonly verified: Ms[];
}

export interface AccountProfileFact {
  /** The company's name: not personal data. */
  readonly name: string;
  readonly industry: string;
  readonly segment: string;
  readonly region: string;
  readonly products: readonly string[];
}

export interface AccountHistory {
  readonly accountId: string;
  /** The profile (no name), as updated over time. */
  readonly profile: Timed<AccountProfileFact>[];
  readonly registeredAt: Ms;
  readonly health: Timed<number>[];
  /** The company's own consents (the logo's). */
  readonly consents: Timed<ConsentFact>[];
}

export interface RequestHistory {
  readonly requestId: string;
  readonly submittedAt: Ms;
  readonly requestedBy: string;
  readonly opportunityId: string;
  readonly department: Department;
  readonly kind: ActivityKind;
  readonly advocatesNeeded: number;
  readonly industry: string;
  readonly region: string;
  readonly products: readonly string[];
  readonly amount: Money;
  triagedAt?: Ms;
  triagedBy?: string;
  readonly ownerAsks: Timed<'REQUESTED' | 'APPROVED' | 'DECLINED' | 'OVERRIDDEN'>[];
  readonly asked: Timed<string>[];
  readonly accepted: Timed<string>[];
  readonly completed: Timed<string>[];
  readonly feedback: Ms[];
  outcome?: Timed<{ result: OutcomeResult; amount?: Money }>;
  closedAt?: Ms;
}

export interface ContentHistory {
  readonly contentId: string;
  readonly kind: string;
  readonly accountId: string;
  readonly holders: readonly { holder: 'ADVOCATE' | 'ACCOUNT'; holderId: string }[];
  readonly draftedAt: Ms;
  readonly states: Timed<'DRAFT' | 'APPROVED' | 'PUBLISHED' | 'SUSPENDED' | 'RETIRED'>[];
  /** The consents a publication or reinstatement relied on. */
  readonly reliesOn: Timed<
    readonly { holder: 'ADVOCATE' | 'ACCOUNT'; holderId: string; consentId: string }[]
  >[];
}

export interface NominationHistory {
  readonly nominationId: string;
  readonly nominatedBy: string;
  readonly accountId: string;
  readonly candidateId: string;
  readonly submittedAt: Ms;
  decision?: Timed<'APPROVED' | 'REJECTED' | 'WITHDRAWN'>;
}

export interface CoverageTargetFact {
  readonly industry: string;
  readonly region: string;
  readonly product: string;
  /** Absent when the target was removed. */
  readonly advocatesNeeded?: number;
}

/**
 * The program's history for intelligence: every fact stamped with its effective time and
 * kept, so any question can be asked "as of" any instant by looking only at facts up to it.
 * Holds ids, traits, amounts and times only: no personal value (invariant 10).
 */
export class ProgramHistory {
  readonly advocates = new Map<string, AdvocateHistory>();
  readonly accounts = new Map<string, AccountHistory>();
  readonly requests = new Map<string, RequestHistory>();
  readonly contents = new Map<string, ContentHistory>();
  readonly nominations = new Map<string, NominationHistory>();
  readonly fatiguePolicy: Timed<FatiguePolicy>[] = [];
  readonly freshnessPolicy: Timed<FreshnessPolicy>[] = [];
  readonly slaPolicy: Timed<RequestSlaPolicy>[] = [];
  readonly nominationPolicy: Timed<NominationPolicy>[] = [];
  readonly coverageTargets: Timed<CoverageTargetFact>[] = [];
  readonly wishlist: Timed<WishlistEntry | { removed: string }>[] = [];
  // The last effective instant folded, as text and as milliseconds.
  private lastEffectiveAt = '';
  private lastAt: Ms = Number.NaN;

  /** The plain-JSON form, for the read-model snapshot. */
  snapshot(): ProgramHistorySnapshot {
    return {
      advocates: [...this.advocates.values()],
      accounts: [...this.accounts.values()],
      requests: [...this.requests.values()],
      contents: [...this.contents.values()],
      nominations: [...this.nominations.values()],
      fatiguePolicy: this.fatiguePolicy,
      freshnessPolicy: this.freshnessPolicy,
      slaPolicy: this.slaPolicy,
      nominationPolicy: this.nominationPolicy,
      coverageTargets: this.coverageTargets,
      wishlist: this.wishlist,
    };
  }

  /** The per-subject lists grown while folding, made exact-size (the end of a catch-up). */
  trim(): void {
    for (const subjects of [this.advocates, this.accounts, this.requests, this.contents, this.nominations]) {
      for (const subject of subjects.values()) trimArraysOf(subject);
    }
  }

  restore(snapshot: ProgramHistorySnapshot): void {
    const refill = <T>(target: T[], source: readonly T[]) => target.splice(0, target.length, ...source);
    this.advocates.clear();
    for (const a of snapshot.advocates) this.advocates.set(a.advocateId, a);
    this.accounts.clear();
    for (const a of snapshot.accounts) this.accounts.set(a.accountId, a);
    this.requests.clear();
    for (const r of snapshot.requests) this.requests.set(r.requestId, r);
    this.contents.clear();
    for (const c of snapshot.contents) this.contents.set(c.contentId, c);
    this.nominations.clear();
    for (const n of snapshot.nominations) this.nominations.set(n.nominationId, n);
    refill(this.fatiguePolicy, snapshot.fatiguePolicy);
    refill(this.freshnessPolicy, snapshot.freshnessPolicy);
    refill(this.slaPolicy, snapshot.slaPolicy);
    refill(this.nominationPolicy, snapshot.nominationPolicy);
    refill(this.coverageTargets, snapshot.coverageTargets);
    refill(this.wishlist, snapshot.wishlist);
  }

  /** Folds one recorded event. Events of other kinds are ignored. */
  apply(event: RecordedEvent): void {
    const effectiveAt = event.metadata.effectiveAt;
    // The events of one command share their instant: parsed once for a run of them.
    if (effectiveAt !== this.lastEffectiveAt) {
      this.lastEffectiveAt = effectiveAt;
      this.lastAt = Date.parse(effectiveAt);
    }
    this.applyDomain(event as unknown as DomainEventUnion, this.lastAt);
  }

  private applyDomain(e: DomainEventUnion, at: Ms): void {
    switch (e.type) {
      case 'AdvocateEnrolled':
        // The first one stands: the domain never starts a subject twice, and a later
        // duplicate must not move what was known at an earlier instant.
        if (this.advocates.has(e.data.advocateId)) return;
        this.advocates.set(e.data.advocateId, {
          advocateId: e.data.advocateId,
          accountId: e.data.accountId,
          ...(e.data.nominationId !== undefined ? { nominationId: e.data.nominationId } : {}),
          enrolledAt: at,
          products: [{ at, value: [...e.data.attributes.products] }],
          lifecycle: [{ at, value: 'ENROLLED' }],
          restingUntil: [],
          consents: [],
          uses: [],
          verified: [at],
        });
        return;
      case 'AdvocateAttributesUpdated':
        this.advocate(e.data.advocateId, (a) =>
          a.products.push({ at, value: [...e.data.attributes.products] }),
        );
        return;
      case 'AdvocateActivated':
      case 'AdvocateReactivated':
        this.advocate(e.data.advocateId, (a) => a.lifecycle.push({ at, value: 'ACTIVE' }));
        return;
      case 'AdvocateRested':
        this.advocate(e.data.advocateId, (a) => {
          a.lifecycle.push({ at, value: 'RESTING' });
          a.restingUntil.push({ at, value: Date.parse(e.data.until) });
        });
        return;
      case 'AdvocateRetired':
        this.advocate(e.data.advocateId, (a) => a.lifecycle.push({ at, value: 'RETIRED' }));
        return;
      case 'AdvocateMarkedDoNotContact':
        this.advocate(e.data.advocateId, (a) => a.lifecycle.push({ at, value: 'DO_NOT_CONTACT' }));
        return;
      case 'AdvocateErased':
        this.advocate(e.data.advocateId, (a) => a.lifecycle.push({ at, value: 'ERASED' }));
        return;
      case 'ConsentGranted':
        this.advocate(e.data.advocateId, (a) => a.consents.push({ at, value: grantFact(e.data) }));
        return;
      case 'ConsentRenewed':
        this.advocate(e.data.advocateId, (a) => a.consents.push({ at, value: renewalFact(e.data) }));
        return;
      case 'AccountConsentGranted':
        this.accounts.get(e.data.accountId)?.consents.push({ at, value: grantFact(e.data) });
        return;
      case 'AccountConsentRenewed':
        this.accounts.get(e.data.accountId)?.consents.push({ at, value: renewalFact(e.data) });
        return;
      case 'AccountConsentWithdrawn':
        this.accounts
          .get(e.data.accountId)
          ?.consents.push({ at, value: { consentId: e.data.consentId, change: 'WITHDRAWN' } });
        return;
      case 'ConsentWithdrawn':
        this.advocate(e.data.advocateId, (a) =>
          a.consents.push({ at, value: { consentId: e.data.consentId, change: 'WITHDRAWN' } }),
        );
        return;
      case 'ConsentExpired':
        this.advocate(e.data.advocateId, (a) =>
          a.consents.push({ at, value: { consentId: e.data.consentId, change: 'EXPIRED' } }),
        );
        return;
      case 'EngagementCompleted':
        this.advocate(e.data.advocateId, (a) =>
          a.uses.push({
            at,
            value: {
              kind: e.data.kind,
              ...(e.data.requestId !== undefined ? { requestId: e.data.requestId } : {}),
            },
          }),
        );
        return;
      case 'ProfileVerified':
        this.advocate(e.data.advocateId, (a) => a.verified.push(at));
        return;
      case 'AccountRegistered':
        if (this.accounts.has(e.data.accountId)) return;
        this.accounts.set(e.data.accountId, {
          accountId: e.data.accountId,
          profile: [{ at, value: profileOf(e.data) }],
          registeredAt: at,
          health: [],
          consents: [],
        });
        return;
      case 'AccountProfileUpdated':
        this.accounts.get(e.data.accountId)?.profile.push({ at, value: profileOf(e.data) });
        return;
      case 'AccountHealthRecorded':
        this.accounts.get(e.data.accountId)?.health.push({ at, value: e.data.healthScore });
        return;
      case 'ReferenceRequestSubmitted':
        if (this.requests.has(e.data.requestId)) return;
        this.requests.set(e.data.requestId, {
          requestId: e.data.requestId,
          submittedAt: at,
          requestedBy: e.data.requestedBy,
          opportunityId: e.data.opportunity.opportunityId,
          department: e.data.department,
          kind: e.data.kind,
          advocatesNeeded: e.data.advocatesNeeded,
          industry: e.data.opportunity.industry,
          region: e.data.opportunity.region,
          products: [...e.data.opportunity.products],
          amount: e.data.opportunity.amount,
          ownerAsks: [],
          asked: [],
          accepted: [],
          completed: [],
          feedback: [],
        });
        return;
      case 'RequestTriaged':
        this.request(e.data.requestId, (r) => {
          r.triagedAt ??= at;
          r.triagedBy ??= e.data.triagedBy;
        });
        return;
      case 'OwnerApprovalRequested':
        this.request(e.data.requestId, (r) => r.ownerAsks.push({ at, value: 'REQUESTED' }));
        return;
      case 'AskApprovedByOwner':
        this.request(e.data.requestId, (r) => r.ownerAsks.push({ at, value: 'APPROVED' }));
        return;
      case 'AskDeclinedByOwner':
        this.request(e.data.requestId, (r) => r.ownerAsks.push({ at, value: 'DECLINED' }));
        return;
      case 'OwnerApprovalOverridden':
        this.request(e.data.requestId, (r) => r.ownerAsks.push({ at, value: 'OVERRIDDEN' }));
        return;
      case 'AdvocateAsked':
        this.request(e.data.requestId, (r) => r.asked.push({ at, value: e.data.advocateId }));
        return;
      case 'AdvocateAcceptedRequest':
        this.request(e.data.requestId, (r) => r.accepted.push({ at, value: e.data.advocateId }));
        return;
      case 'ActivityCompleted':
        this.request(e.data.requestId, (r) => r.completed.push({ at, value: e.data.advocateId }));
        return;
      case 'RequestFeedbackRecorded':
        this.request(e.data.requestId, (r) => r.feedback.push(at));
        return;
      case 'OutcomeRecorded':
        this.request(e.data.requestId, (r) => {
          r.outcome = {
            at,
            value: { result: e.data.result, ...(e.data.amount ? { amount: e.data.amount } : {}) },
          };
          r.closedAt ??= at;
        });
        return;
      case 'RequestCancelled':
      case 'RequestLapsed':
        this.request(e.data.requestId, (r) => (r.closedAt ??= at));
        return;
      case 'ContentDrafted':
        if (this.contents.has(e.data.contentId)) return;
        this.contents.set(e.data.contentId, {
          contentId: e.data.contentId,
          kind: e.data.kind,
          accountId: e.data.accountId,
          holders: e.data.holders.map((h) => ({ holder: h.holder, holderId: h.holderId })),
          draftedAt: at,
          states: [{ at, value: 'DRAFT' }],
          reliesOn: [],
        });
        return;
      case 'ContentApproved':
        this.contents.get(e.data.contentId)?.states.push({ at, value: 'APPROVED' });
        return;
      case 'ContentPublished':
      case 'ContentReinstated': {
        const content = this.contents.get(e.data.contentId);
        if (!content) return;
        content.states.push({ at, value: 'PUBLISHED' });
        content.reliesOn.push({
          at,
          value: e.data.reliesOn.map((r) => ({
            holder: r.holder,
            holderId: r.holderId,
            consentId: r.consentId,
          })),
        });
        return;
      }
      case 'ContentSuspended':
        this.contents.get(e.data.contentId)?.states.push({ at, value: 'SUSPENDED' });
        return;
      case 'ContentRetired':
        this.contents.get(e.data.contentId)?.states.push({ at, value: 'RETIRED' });
        return;
      case 'NominationSubmitted':
        if (this.nominations.has(e.data.nominationId)) return;
        this.nominations.set(e.data.nominationId, {
          nominationId: e.data.nominationId,
          nominatedBy: e.data.nominatedBy,
          accountId: e.data.accountId,
          candidateId: e.data.candidateId,
          submittedAt: at,
        });
        return;
      case 'NominationApproved':
        this.nomination(e.data.nominationId, (n) => (n.decision ??= { at, value: 'APPROVED' }));
        return;
      case 'NominationRejected':
        this.nomination(e.data.nominationId, (n) => (n.decision ??= { at, value: 'REJECTED' }));
        return;
      case 'NominationWithdrawn':
        this.nomination(e.data.nominationId, (n) => (n.decision ??= { at, value: 'WITHDRAWN' }));
        return;
      case 'FatiguePolicySet':
        this.fatiguePolicy.push({ at, value: e.data.policy });
        return;
      case 'RequestSlaPolicySet':
        this.slaPolicy.push({ at, value: e.data.policy });
        return;
      case 'NominationPolicySet':
        this.nominationPolicy.push({ at, value: e.data.policy });
        return;
      case 'FreshnessPolicySet':
        this.freshnessPolicy.push({ at, value: e.data.policy });
        return;
      case 'CoverageTargetSet':
        this.coverageTargets.push({ at, value: { ...e.data.target } });
        return;
      case 'CoverageTargetRemoved':
        this.coverageTargets.push({
          at,
          value: { industry: e.data.industry, region: e.data.region, product: e.data.product },
        });
        return;
      case 'AccountWishlisted':
        this.wishlist.push({ at, value: { ...e.data } });
        return;
      case 'WishlistEntryRemoved':
        this.wishlist.push({ at, value: { removed: e.data.wishId } });
        return;
      default:
        return;
    }
  }

  private advocate(id: string, change: (a: AdvocateHistory) => void): void {
    const advocate = this.advocates.get(id);
    if (advocate) change(advocate);
  }

  private request(id: string, change: (r: RequestHistory) => void): void {
    const request = this.requests.get(id);
    if (request) change(request);
  }

  private nomination(id: string, change: (n: NominationHistory) => void): void {
    const nomination = this.nominations.get(id);
    if (nomination) change(nomination);
  }

  /** The fatigue policy in force at `at`. */
  fatigueAt(at: Ms): FatiguePolicy {
    return lastAt(this.fatiguePolicy, at) ?? DEFAULT_PROGRAM_POLICIES.fatigue;
  }

  /** The request SLA in force at `at`. */
  slaAt(at: Ms): RequestSlaPolicy {
    return lastAt(this.slaPolicy, at) ?? DEFAULT_PROGRAM_POLICIES.sla;
  }

  /** The nomination policy (least account health) in force at `at`. */
  nominationPolicyAt(at: Ms): NominationPolicy {
    return lastAt(this.nominationPolicy, at) ?? DEFAULT_PROGRAM_POLICIES.nomination;
  }

  /** The freshness policy in force at `at`. */
  freshnessAt(at: Ms): FreshnessPolicy {
    return lastAt(this.freshnessPolicy, at) ?? DEFAULT_PROGRAM_POLICIES.freshness;
  }

  /** The coverage targets in force at `at`, by cell. */
  coverageTargetsAt(at: Ms): CoverageTargetFact[] {
    const cells = new Map<string, CoverageTargetFact>();
    for (const fact of sortedUpTo(this.coverageTargets, at)) {
      const key = `${fact.value.industry}|${fact.value.region}|${fact.value.product}`.toLowerCase();
      if (fact.value.advocatesNeeded === undefined) cells.delete(key);
      else cells.set(key, fact.value);
    }
    return [...cells.values()];
  }

  /** The wishlist as it stood at `at`. */
  wishlistAt(at: Ms): WishlistEntry[] {
    const entries = new Map<string, WishlistEntry>();
    for (const fact of sortedUpTo(this.wishlist, at)) {
      if ('removed' in fact.value) entries.delete(fact.value.removed);
      else entries.set(fact.value.wishId, fact.value);
    }
    return [...entries.values()];
  }
}

/** The history as saved inside the read models' snapshot. */
export interface ProgramHistorySnapshot {
  readonly advocates: readonly AdvocateHistory[];
  readonly accounts: readonly AccountHistory[];
  readonly requests: readonly RequestHistory[];
  readonly contents: readonly ContentHistory[];
  readonly nominations: readonly NominationHistory[];
  readonly fatiguePolicy: readonly Timed<FatiguePolicy>[];
  readonly freshnessPolicy: readonly Timed<FreshnessPolicy>[];
  readonly slaPolicy: readonly Timed<RequestSlaPolicy>[];
  readonly nominationPolicy: readonly Timed<NominationPolicy>[];
  readonly coverageTargets: readonly Timed<CoverageTargetFact>[];
  readonly wishlist: readonly Timed<WishlistEntry | { removed: string }>[];
}

type DomainEventUnion =
  AdvocateEvent | AccountEvent | ReferenceRequestEvent | ContentAssetEvent | NominationEvent | ProgramEvent;

function grantFact(d: ConsentGrantedData): ConsentFact {
  return {
    consentId: d.consentId,
    change: 'GRANTED',
    kinds: [...d.kinds],
    territories: [...d.territories],
    validFrom: Date.parse(d.validFrom),
    ...(d.validUntil !== undefined ? { validUntil: Date.parse(d.validUntil) } : {}),
  };
}

function renewalFact(d: ConsentRenewedData): ConsentFact {
  return {
    consentId: d.consentId,
    change: 'RENEWED',
    ...(d.validUntil !== undefined ? { validUntil: Date.parse(d.validUntil) } : {}),
  };
}

function profileOf(p: AccountProfileFact): AccountProfileFact {
  return {
    name: p.name,
    industry: p.industry,
    segment: p.segment,
    region: p.region,
    products: [...p.products],
  };
}

/** Facts up to `at`, in time order (stable: facts of the same instant keep their order). */
export function sortedUpTo<T>(facts: readonly Timed<T>[], at: Ms): Timed<T>[] {
  return facts.filter((f) => f.at <= at).sort((a, b) => a.at - b.at);
}

/** The value of the last fact at or before `at`. */
export function lastAt<T>(facts: readonly Timed<T>[], at: Ms): T | undefined {
  let best: Timed<T> | undefined;
  for (const fact of facts) if (fact.at <= at && (best === undefined || fact.at >= best.at)) best = fact;
  return best?.value;
}

/** How many facts happened in (from, to]. */
export function countIn(facts: readonly { at: Ms }[], from: Ms, to: Ms): number {
  let n = 0;
  for (const f of facts) if (f.at > from && f.at <= to) n += 1;
  return n;
}
