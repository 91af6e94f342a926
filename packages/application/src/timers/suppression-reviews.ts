import { renewalWindowEdges, type Instant, type SuppressionPolicy } from '@vouch/domain';
import type { RecordedEvent } from '@vouch/event-store';

/** The event types the suppression reviews follow. */
export const SUPPRESSION_REVIEW_EVENT_TYPES = [
  'AccountRegistered',
  'AccountRenewalSet',
  'SuppressionPolicySet',
] as const;

/** A review of one account's suppression, due at a time. */
export interface SuppressionReview {
  readonly key: string;
  readonly accountId: string;
  readonly dueAt: Instant;
}

/**
 * When time alone may start or end a suppression, so that an account is reviewed then: the
 * renewal window opening and the renewal passing (the renewal rule), and every account at
 * once when the program changes its rules. Returns the reviews an event makes due.
 */
export class SuppressionReviews {
  private readonly renewals = new Map<string, Instant>();
  private readonly accounts = new Set<string>();
  private withinDays: number | undefined;

  apply(event: RecordedEvent): SuppressionReview[] {
    const data = event.data as { accountId?: string; renewalAt?: Instant; policy?: SuppressionPolicy };
    switch (event.type) {
      case 'AccountRegistered':
        if (data.accountId) this.accounts.add(data.accountId);
        return [];
      case 'AccountRenewalSet':
        if (!data.accountId || !data.renewalAt) return [];
        this.renewals.set(data.accountId, data.renewalAt);
        return this.edgesOf(data.accountId, data.renewalAt);
      case 'SuppressionPolicySet': {
        this.withinDays = data.policy?.renewalWithinDays;
        // Every account is checked against the new rules now, then at its renewal edges.
        const at = event.recordedAt;
        const now = [...this.accounts].map((accountId) => ({
          key: `suppression:${accountId}:policy`,
          accountId,
          dueAt: at,
        }));
        return [
          ...now,
          ...[...this.renewals].flatMap(([accountId, renewalAt]) => this.edgesOf(accountId, renewalAt)),
        ];
      }
      default:
        return [];
    }
  }

  private edgesOf(accountId: string, renewalAt: Instant): SuppressionReview[] {
    if (this.withinDays === undefined) return [];
    const [opens, ends] = renewalWindowEdges(renewalAt, this.withinDays);
    return [
      { key: `suppression:${accountId}:window-opens`, accountId, dueAt: opens },
      { key: `suppression:${accountId}:renewal-passes`, accountId, dueAt: ends },
    ];
  }
}
