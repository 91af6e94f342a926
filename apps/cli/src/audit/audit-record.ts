import type { RecordedEvent } from '@vouch/event-store';
import { auditEntryOf, auditSubjectsOf } from '@vouch/projections';

/** One event of the trail in plain words, as every export format writes it. */
export interface AuditRecord {
  /** Where the event sits in the tenant's log. */
  readonly position: number;
  readonly eventId: string;
  /** When the system recorded it. */
  readonly recordedAt: string;
  /** When it happened in the world. */
  readonly effectiveAt: string;
  readonly actor: string;
  readonly actorRoles: string;
  readonly type: string;
  /** What happened, in one sentence of ids, kinds, dates and amounts (never personal data). */
  readonly sentence: string;
  /** The consents (id and version) the event relies on or records, e.g. `consent-1 v2`. */
  readonly consentsReliedOn: string;
  readonly stream: string;
  readonly version: number;
  /** The subjects it concerns, e.g. `advocate:ines`. */
  readonly subjects: string;
  /** `none`, `present` (encrypted, not exported) or `erased` (the subject was erased: a placeholder). */
  readonly personalData: 'none' | 'present' | 'erased';
  /** The erased subjects the event concerns, e.g. `advocate:omar` (their history stays, their personal data is gone). */
  readonly erasedSubjects: string;
}

/** The columns of the CSV export, in order. */
export const AUDIT_COLUMNS: readonly (keyof AuditRecord)[] = [
  'position',
  'eventId',
  'recordedAt',
  'effectiveAt',
  'actor',
  'actorRoles',
  'type',
  'sentence',
  'consentsReliedOn',
  'stream',
  'version',
  'subjects',
  'personalData',
  'erasedSubjects',
];

/**
 * An event as a line of the trail; personal values are never written. `erased` collects
 * the subjects found erased so far (log order): an erased advocate's later events are
 * marked too, though they carry no personal data of their own.
 */
export function auditRecordOf(event: RecordedEvent, erased: Set<string> = new Set()): AuditRecord {
  const entry = auditEntryOf(event);
  const subjects = auditSubjectsOf(event).map(([kind, id]) => `${kind}:${id}`);
  if (event.personalData.status === 'erased') erased.add(`advocate:${event.personalData.subjectId}`);
  return {
    position: Number(event.checkpoint),
    eventId: event.eventId,
    recordedAt: entry.recordedAt,
    effectiveAt: entry.effectiveAt,
    actor: entry.actor.userId,
    actorRoles: entry.actor.roles.join(' '),
    type: entry.type,
    sentence: entry.sentence,
    consentsReliedOn: (entry.consents ?? []).map((c) => `${c.consentId} v${c.version}`).join('; '),
    stream: entry.streamId,
    version: entry.version,
    subjects: subjects.join(' '),
    personalData: event.personalData.status,
    erasedSubjects: subjects.filter((subject) => erased.has(subject)).join(' '),
  };
}
