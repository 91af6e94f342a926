import {
  canonicalCommand,
  personalDataOf,
  personalDataSubject,
  type Command,
  type Instant,
} from '@vouch/domain';
import type { EventStore } from '@vouch/event-store';

/** An event as far as its personal-data subject goes. */
interface SubjectSource {
  readonly type: string;
  readonly data: unknown;
}

/** The subjects whose personal data the events carry, by the event catalogue's declarations. */
export function subjectsOf(events: readonly SubjectSource[]): string[] {
  const subjects = new Set<string>();
  for (const event of events) {
    const subject = personalDataSubject(personalDataOf(event.type), event.data);
    if (subject !== undefined) subjects.add(subject);
  }
  return [...subjects];
}

/**
 * The fingerprint recorded with a command's events (invariant 10): an HMAC-SHA256 of the
 * canonical command under the data keys of the subjects its events are about, or under the
 * tenant's digest key when they carry no personal data. Never the command itself; once a
 * subject is erased nobody can compute it again, so it confirms no guess of erased content.
 * Throws SubjectErasedError when one of the subjects is erased.
 */
export function commandFingerprint(
  store: EventStore,
  tenantId: string,
  command: Command,
  events: readonly SubjectSource[],
  now: Instant,
): Promise<string> {
  return store.subjectKeys.digest(tenantId, canonicalCommand(command), subjectsOf(events), now);
}
