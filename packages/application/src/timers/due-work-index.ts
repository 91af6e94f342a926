import {
  DEFAULT_PROGRAM_POLICIES,
  DEFAULT_SCHEDULING_POLICY,
  addDays,
  addHours,
  type Instant,
  type SchedulingPolicy,
} from '@vouch/domain';
import type { RecordedEvent } from '@vouch/event-store';
import { SUPPRESSION_REVIEW_EVENT_TYPES, SuppressionReviews } from './suppression-reviews';

/** One thing that becomes due at a time: a command the system then issues. */
export interface DueItem {
  readonly key: string;
  readonly dueAt: Instant;
  readonly command: { type: string; aggregateId: string; data: Record<string, unknown> };
}

/** The event types the index follows. */
export const DUE_WORK_EVENT_TYPES = [
  'ReferenceRequestSubmitted',
  'OutcomeRecorded',
  'RequestCancelled',
  'RequestLapsed',
  'ConsentGranted',
  'ConsentRenewed',
  'ConsentWithdrawn',
  'ConsentExpired',
  'ProfileVerificationRequested',
  'ProfileVerified',
  'ProfileVerificationLapsed',
  'AdvocateRetired',
  'AdvocateErased',
  'RetentionPolicySet',
  'SchedulingPolicySet',
  'SlotPicked',
  'ActivityCompleted',
  'ActivityMissed',
  'CandidateReleased',
  ...SUPPRESSION_REVIEW_EVENT_TYPES,
] as const;

/**
 * What time alone makes due, kept from the log: requests past their due date (lapse),
 * consents past their validity (record the expiry, releasing what relied on them),
 * verification requests past due (the profile goes stale), and retired advocates past
 * the retention period (erasure).
 */
export class DueWorkIndex {
  private readonly items = new Map<string, DueItem>();
  private readonly retired = new Map<string, Instant>();
  /** Kinds still granted per consent key, so a partial withdrawal keeps the expiry due. */
  private readonly grantedKinds = new Map<string, Set<string>>();
  private retentionDays = DEFAULT_PROGRAM_POLICIES.retention.retainRetiredAdvocateDays;
  private readonly suppressionReviews = new SuppressionReviews();
  /** Picked calls not yet proven nor missed, so a new scheduling policy moves their due time. */
  private readonly pickedCalls = new Map<
    string,
    { advocateId: string; engagementId: string; endsAt: Instant }
  >();
  private scheduling: SchedulingPolicy = DEFAULT_SCHEDULING_POLICY;

  apply(event: RecordedEvent): void {
    for (const review of this.suppressionReviews.apply(event)) {
      this.put(review.key, review.dueAt, 'ReviewAccountSuppression', review.accountId, {});
    }
    const data = event.data;
    const text = (field: string): string => String(data[field] ?? '');
    switch (event.type) {
      case 'ReferenceRequestSubmitted':
        this.put(`lapse:${text('requestId')}`, text('dueBy'), 'LapseRequest', text('requestId'), {});
        break;
      case 'OutcomeRecorded':
      case 'RequestCancelled':
      case 'RequestLapsed':
        this.items.delete(`lapse:${text('requestId')}`);
        break;
      case 'ConsentGranted':
      case 'ConsentRenewed': {
        const key = `expiry:${text('advocateId')}:${text('consentId')}`;
        if (event.type === 'ConsentGranted') this.grantedKinds.set(key, new Set(data.kinds as string[]));
        const validUntil =
          (data.validUntil as string | undefined) ??
          (event.type === 'ConsentRenewed' ? this.items.get(key)?.dueAt : undefined);
        if (validUntil)
          this.put(key, validUntil, 'RecordConsentExpiry', text('advocateId'), {
            consentId: text('consentId'),
          });
        break;
      }
      case 'ConsentWithdrawn': {
        // A partial withdrawal leaves the other kinds in force: their expiry is still due.
        const key = `expiry:${text('advocateId')}:${text('consentId')}`;
        const kinds = this.grantedKinds.get(key);
        for (const kind of data.kinds as string[]) kinds?.delete(kind);
        if (!kinds || kinds.size === 0) this.forget(key);
        break;
      }
      case 'ConsentExpired':
        this.forget(`expiry:${text('advocateId')}:${text('consentId')}`);
        break;
      case 'ProfileVerificationRequested':
        this.put(
          `verification:${text('advocateId')}:${text('verificationId')}`,
          text('dueBy'),
          'LapseProfileVerification',
          text('advocateId'),
          {
            verificationId: text('verificationId'),
          },
        );
        break;
      case 'ProfileVerified':
      case 'ProfileVerificationLapsed':
        if (data.verificationId)
          this.items.delete(`verification:${text('advocateId')}:${text('verificationId')}`);
        break;
      case 'AdvocateRetired':
        this.retired.set(text('advocateId'), text('retiredAt'));
        this.putRetention(text('advocateId'), text('retiredAt'));
        break;
      case 'AdvocateErased': {
        // Nothing is due any more for an erased advocate.
        const advocateId = text('advocateId');
        this.retired.delete(advocateId);
        for (const key of [...this.items.keys()]) {
          if (key.startsWith(`expiry:${advocateId}:`) || key.startsWith(`verification:${advocateId}:`))
            this.forget(key);
        }
        this.items.delete(`retention:${advocateId}`);
        break;
      }
      case 'SchedulingPolicySet':
        this.scheduling = (event.data as { policy: SchedulingPolicy }).policy;
        for (const [key, call] of this.pickedCalls) this.putMissed(key, call);
        break;
      case 'SlotPicked': {
        // A picked call with no proof by its end plus the grace period is missed (the advocate's side first).
        const key = `missed:${text('requestId')}:${text('advocateId')}`;
        const call = {
          advocateId: text('advocateId'),
          engagementId: text('engagementId'),
          endsAt: text('endsAt'),
        };
        this.pickedCalls.set(key, call);
        this.putMissed(key, call);
        break;
      }
      case 'ActivityCompleted':
      case 'ActivityMissed':
      case 'CandidateReleased': {
        const key = `missed:${text('requestId')}:${text('advocateId')}`;
        this.pickedCalls.delete(key);
        this.items.delete(key);
        break;
      }
      case 'RetentionPolicySet':
        this.retentionDays = (
          event.data as { policy: { retainRetiredAdvocateDays: number } }
        ).policy.retainRetiredAdvocateDays;
        for (const [advocateId, retiredAt] of this.retired) this.putRetention(advocateId, retiredAt);
        break;
    }
  }

  /** Items due at `now`, earliest first. */
  due(now: Instant): DueItem[] {
    return [...this.items.values()]
      .filter((item) => item.dueAt <= now)
      .sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1));
  }

  /** Forgets an item once done (or refused for good). */
  done(key: string): void {
    this.items.delete(key);
  }

  private forget(key: string): void {
    this.items.delete(key);
    this.grantedKinds.delete(key);
  }

  private putMissed(key: string, call: { advocateId: string; engagementId: string; endsAt: Instant }): void {
    const { graceMinutes, missedCountsTowardFatigue } = this.scheduling;
    this.put(key, addHours(call.endsAt, graceMinutes / 60), 'MarkEngagementMissed', call.advocateId, {
      engagementId: call.engagementId,
      countsTowardFatigue: missedCountsTowardFatigue,
    });
  }

  private putRetention(advocateId: string, retiredAt: Instant): void {
    this.put(
      `retention:${advocateId}`,
      addDays(retiredAt, this.retentionDays),
      'RequestErasure',
      advocateId,
      {
        reason: 'The retention period for retired advocates has ended.',
      },
    );
  }

  private put(
    key: string,
    dueAt: unknown,
    type: string,
    aggregateId: string,
    data: Record<string, unknown>,
  ): void {
    if (typeof dueAt !== 'string') return;
    this.items.set(key, { key, dueAt: new Date(dueAt).toISOString(), command: { type, aggregateId, data } });
  }
}
