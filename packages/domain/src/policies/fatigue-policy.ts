import type { AdvocatePreferences, BlackoutPeriod } from '../advocate/advocate-profile';
import type { FatiguePolicy } from '../program/program-policies';
import type { ActivityKind } from '../shared/activity-kind';
import { addDays, fromMillis, toMillis, type Instant } from '../shared/time';

const DAY = 86_400_000;

/** One rolling-window limit; `kind` narrows it to one activity kind. */
export interface FatigueLimit {
  readonly windowDays: number;
  readonly max: number;
  readonly kind?: ActivityKind;
  /** Whose limit it is: the program's policy or the advocate's own preference. */
  readonly source: 'PROGRAM' | 'ADVOCATE';
}

/** Every limit that holds for one advocate: the program's and their own (invariant 2). */
export interface FatigueRules {
  readonly limits: readonly FatigueLimit[];
  readonly minRestDays: number;
  readonly blackouts: readonly BlackoutPeriod[];
}

/** An engagement as fatigue counts it: its kind and when the activity takes place. */
export interface CountedEngagement {
  readonly kind: ActivityKind;
  readonly at: Instant;
}

export type FatigueBreach =
  | { readonly rule: 'WINDOW_LIMIT'; readonly limit: FatigueLimit; readonly count: number }
  | { readonly rule: 'REST_DAYS'; readonly minRestDays: number; readonly nearest: Instant }
  | { readonly rule: 'BLACKOUT'; readonly period: BlackoutPeriod };

/** Combines the program's policy with the advocate's preferences; the stricter of each holds. */
export function fatigueRules(program: FatiguePolicy, preferences: AdvocatePreferences): FatigueRules {
  const limits: FatigueLimit[] = [
    { windowDays: program.windowDays, max: program.maxPerWindow, source: 'PROGRAM' },
  ];
  for (const [kind, max] of Object.entries(program.maxPerKindPerWindow)) {
    if (max !== undefined) {
      limits.push({ windowDays: program.windowDays, max, kind: kind as ActivityKind, source: 'PROGRAM' });
    }
  }
  if (preferences.maxEngagementsPerWindow !== undefined) {
    limits.push({
      windowDays: preferences.windowDays ?? program.windowDays,
      max: preferences.maxEngagementsPerWindow,
      source: 'ADVOCATE',
    });
  }
  return {
    limits,
    minRestDays: Math.max(program.minRestDays, preferences.minRestDays ?? 0),
    blackouts: preferences.blackouts,
  };
}

/**
 * The most engagements of `engagements` that share any window of `windowDays` with an
 * activity at `at` — the count a new engagement at `at` would join.
 */
function busiestWindowAround(
  engagements: readonly CountedEngagement[],
  at: number,
  windowDays: number,
): number {
  const width = windowDays * DAY;
  const times = engagements.map((e) => toMillis(e.at));
  // A window [s, s + width) containing `at` starts in (at - width, at]; the count only
  // changes where an engagement enters or leaves, so those starts are the ones to try.
  const starts = [at - width + 1, ...times.filter((t) => t > at - width && t <= at)];
  for (const t of times) if (t - width + 1 > at - width && t - width + 1 <= at) starts.push(t - width + 1);
  let busiest = 0;
  for (const s of starts) {
    const count = times.filter((t) => t >= s && t < s + width).length;
    if (count > busiest) busiest = count;
  }
  return busiest;
}

/** Every rule a new engagement of `kind` at `at` would break; empty when it fits. */
export function fatigueBreaches(
  engagements: readonly CountedEngagement[],
  rules: FatigueRules,
  kind: ActivityKind,
  at: Instant,
): FatigueBreach[] {
  const t = toMillis(at);
  const breaches: FatigueBreach[] = [];
  for (const limit of rules.limits) {
    if (limit.kind !== undefined && limit.kind !== kind) continue;
    const relevant =
      limit.kind === undefined ? engagements : engagements.filter((e) => e.kind === limit.kind);
    const count = busiestWindowAround(relevant, t, limit.windowDays);
    if (count + 1 > limit.max) breaches.push({ rule: 'WINDOW_LIMIT', limit, count });
  }
  if (rules.minRestDays > 0) {
    const tooClose = engagements
      .filter((e) => Math.abs(toMillis(e.at) - t) < rules.minRestDays * DAY)
      .sort((a, b) => Math.abs(toMillis(a.at) - t) - Math.abs(toMillis(b.at) - t));
    if (tooClose[0])
      breaches.push({ rule: 'REST_DAYS', minRestDays: rules.minRestDays, nearest: tooClose[0].at });
  }
  for (const period of rules.blackouts) {
    if (t >= toMillis(period.from) && t < toMillis(period.until)) breaches.push({ rule: 'BLACKOUT', period });
  }
  return breaches;
}

/**
 * The earliest instant at or after `from` when an engagement of `kind` fits every rule.
 * Availability only opens up where an engagement leaves a window, a rest period ends or a
 * blackout ends, so those are the only instants to try.
 */
export function nextAvailableAt(
  engagements: readonly CountedEngagement[],
  rules: FatigueRules,
  kind: ActivityKind,
  from: Instant,
): Instant {
  const start = toMillis(from);
  const candidates = new Set<number>([start]);
  for (const e of engagements) {
    const t = toMillis(e.at);
    candidates.add(t + rules.minRestDays * DAY);
    for (const limit of rules.limits) candidates.add(t + limit.windowDays * DAY);
  }
  for (const period of rules.blackouts) candidates.add(toMillis(period.until));
  const ordered = [...candidates].filter((c) => c >= start).sort((a, b) => a - b);
  for (const candidate of ordered) {
    if (fatigueBreaches(engagements, rules, kind, fromMillis(candidate)).length === 0)
      return fromMillis(candidate);
  }
  // Unreachable with finite blackouts: past every candidate no window holds an engagement.
  return addDays(fromMillis(ordered[ordered.length - 1] ?? start), 1);
}

/** How many more engagements of `kind` fit in the window around `at`, per limit. */
export interface FatigueHeadroom {
  /** The tightest remaining count over all limits that apply (0 = fatigued). */
  readonly remaining: number;
  readonly limits: readonly { limit: FatigueLimit; used: number; remaining: number }[];
  readonly nextAvailableAt: Instant;
}

/** The fatigue headroom of an advocate for `kind` at `at`, and when they are next available. */
export function fatigueHeadroom(
  engagements: readonly CountedEngagement[],
  rules: FatigueRules,
  kind: ActivityKind,
  at: Instant,
): FatigueHeadroom {
  const t = toMillis(at);
  const limits = rules.limits
    .filter((limit) => limit.kind === undefined || limit.kind === kind)
    .map((limit) => {
      const relevant =
        limit.kind === undefined ? engagements : engagements.filter((e) => e.kind === limit.kind);
      const used = busiestWindowAround(relevant, t, limit.windowDays);
      return { limit, used, remaining: Math.max(0, limit.max - used) };
    });
  const blocked = fatigueBreaches(engagements, rules, kind, at).length > 0;
  const remaining = blocked ? 0 : Math.min(...limits.map((l) => l.remaining));
  return { remaining, limits, nextAvailableAt: nextAvailableAt(engagements, rules, kind, at) };
}

/** A breach in plain words, for error messages and availability reasons. */
export function describeFatigueBreach(breach: FatigueBreach): string {
  switch (breach.rule) {
    case 'WINDOW_LIMIT': {
      const whose = breach.limit.source === 'ADVOCATE' ? "the advocate's own limit" : 'the program limit';
      const what = breach.limit.kind ? `${breach.limit.kind} engagements` : 'engagements';
      return `${whose} of ${breach.limit.max} ${what} per ${breach.limit.windowDays} days is reached (${breach.count} already)`;
    }
    case 'REST_DAYS':
      return `at least ${breach.minRestDays} rest days are needed between engagements (another is at ${breach.nearest})`;
    case 'BLACKOUT':
      return `the advocate is unavailable from ${breach.period.from} until ${breach.period.until}`;
  }
}
