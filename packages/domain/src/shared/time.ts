/**
 * Time in the domain is an ISO-8601 instant string in UTC (`2026-11-23T12:00:00.000Z`):
 * serialisable as is, comparable as text, and never read from a wall clock here.
 */
export type Instant = string;

import { instantMillis } from './instant-millis';

const MS_PER_DAY = 86_400_000;

/** Milliseconds since the epoch, exactly `Date.parse` (canonical instants read in place). */
export function toMillis(instant: Instant): number {
  return instantMillis(instant);
}

export function fromMillis(ms: number): Instant {
  return new Date(ms).toISOString();
}

export function addDays(instant: Instant, days: number): Instant {
  return fromMillis(toMillis(instant) + days * MS_PER_DAY);
}

export function addHours(instant: Instant, hours: number): Instant {
  return fromMillis(toMillis(instant) + hours * 3_600_000);
}

/** Whole and fractional days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Instant, to: Instant): number {
  return (toMillis(to) - toMillis(from)) / MS_PER_DAY;
}

export function isBefore(a: Instant, b: Instant): boolean {
  return toMillis(a) < toMillis(b);
}

export function isAfter(a: Instant, b: Instant): boolean {
  return toMillis(a) > toMillis(b);
}

export function maxInstant(a: Instant, b: Instant): Instant {
  return isAfter(a, b) ? a : b;
}

/** The calendar year (UTC) an instant falls in. */
export function yearOf(instant: Instant): number {
  return new Date(toMillis(instant)).getUTCFullYear();
}
