import type { ActivityKind } from '../shared/activity-kind';

/** Both sides' feedback on one completed activity (each 1–5, any may be missing). */
export interface ActivityFeedback {
  readonly kind: ActivityKind;
  readonly requesterRating?: number;
  readonly requesterTopicFit?: number;
  readonly advocateRating?: number;
  readonly advocateTopicFit?: number;
}

/** How the past-feedback component of the match score came about. */
export interface FeedbackShare {
  /** 0..1: the weighted average of every signal scaled from 1–5; 0.5 (neutral) without any. */
  readonly share: number;
  /** Activities with at least one signal, and how many of them were of the asked kind. */
  readonly activities: number;
  readonly similar: number;
  readonly averageRating?: number;
  readonly averageTopicFit?: number;
}

/** An activity of the asked kind counts this many times as much as any other. */
export const SIMILAR_ASK_WEIGHT = 3;

const scaled = (x: number) => (x - 1) / 4;
const mean = (xs: readonly number[]) =>
  xs.length === 0 ? undefined : xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Two-sided feedback as one share of the match score: each activity is the mean of its
 * signals (ratings and topic fit, from the requester and the advocate), and activities of the
 * asked `kind` weigh more — an advocate who delivered well on similar asks ranks higher, one
 * who was a poor fit for the topic lower. Pure; the same inputs always give the same share.
 */
export function feedbackShare(feedback: readonly ActivityFeedback[], kind?: ActivityKind): FeedbackShare {
  let weighted = 0;
  let weights = 0;
  let activities = 0;
  let similar = 0;
  const ratings: number[] = [];
  const fits: number[] = [];
  for (const f of feedback) {
    const signals = [f.requesterRating, f.requesterTopicFit, f.advocateRating, f.advocateTopicFit].filter(
      (x): x is number => x !== undefined,
    );
    if (signals.length === 0) continue;
    for (const r of [f.requesterRating, f.advocateRating]) if (r !== undefined) ratings.push(r);
    for (const t of [f.requesterTopicFit, f.advocateTopicFit]) if (t !== undefined) fits.push(t);
    const same = kind !== undefined && f.kind === kind;
    const weight = same ? SIMILAR_ASK_WEIGHT : 1;
    weighted += weight * mean(signals.map(scaled))!;
    weights += weight;
    activities++;
    if (same) similar++;
  }
  const averageRating = mean(ratings);
  const averageTopicFit = mean(fits);
  return {
    share: weights === 0 ? 0.5 : weighted / weights,
    activities,
    similar,
    ...(averageRating !== undefined ? { averageRating } : {}),
    ...(averageTopicFit !== undefined ? { averageTopicFit } : {}),
  };
}

/** The share in words, for the score breakdown. */
export function describeFeedbackShare(f: FeedbackShare, kind?: ActivityKind): string {
  if (f.activities === 0) return 'no feedback yet';
  const parts = [
    f.averageRating !== undefined ? `rated ${f.averageRating.toFixed(1)} of 5` : undefined,
    f.averageTopicFit !== undefined ? `topic fit ${f.averageTopicFit.toFixed(1)} of 5` : undefined,
  ].filter((p) => p !== undefined);
  const similar = kind !== undefined ? ` (${f.similar} ${kind}, weighted ×${SIMILAR_ASK_WEIGHT})` : '';
  return `${parts.join(', ')} over ${f.activities} ${f.activities === 1 ? 'activity' : 'activities'}${similar}, both sides`;
}
