import type { DestinationPolicy } from './destination-guard';
import type { PostLimits } from './post-webhook';
import type { BackoffPolicy } from './retry-backoff';

/** How the product delivers webhooks; without these options it has no webhooks at all. */
export interface WebhookOptions {
  /** The operator's key that subscription secrets are derived from (`VOUCH_WEBHOOK_KEY`): configuration, never the database. */
  readonly operatorKey: string;
  /** What destinations beyond public addresses the operator allows. */
  readonly destinations?: DestinationPolicy;
  /** Attempts per event before it is dead-lettered; default 8. */
  readonly maxAttempts?: number;
  readonly backoff?: BackoffPolicy;
  readonly limits?: PostLimits;
  /** Save a destination's checkpoint at most this often (and on stop); default 200 ms, 0 = after every event. */
  readonly checkpointEveryMs?: number;
  /** Wall-clock milliseconds for `webhook-timestamp` (a transport time, checked by receivers against theirs); default `Date.now`. */
  readonly now?: () => number;
}
