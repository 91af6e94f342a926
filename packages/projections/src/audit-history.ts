import { eventDefinition, type EnvelopeActor, type Instant } from '@vouch/domain';
import type { Checkpoint, RecordedEvent } from '@vouch/event-store';
import { describeEvent } from './audit-sentence';

/** What an audit history can be asked about. */
export type AuditSubjectKind =
  'advocate' | 'account' | 'request' | 'content' | 'consent' | 'nomination' | 'program';

/** One line of an audit history: where, when (recorded and effective), who, what, and under which consent. */
export interface AuditEntry {
  readonly checkpoint: Checkpoint;
  readonly streamId: string;
  readonly version: number;
  readonly recordedAt: Instant;
  readonly effectiveAt: Instant;
  readonly actor: EnvelopeActor;
  readonly type: string;
  readonly sentence: string;
  /** The consents (id and version) the event relies on or records. */
  readonly consents?: readonly { readonly consentId: string; readonly version: number }[];
}

type Data = Record<string, unknown>;

/** One event as a line of the audit history: ids, times, actor, sentence and the consents it relies on. */
export function auditEntryOf(event: RecordedEvent): AuditEntry {
  return {
    checkpoint: event.checkpoint,
    streamId: event.streamId,
    version: event.version,
    recordedAt: event.recordedAt,
    effectiveAt: event.metadata.effectiveAt,
    actor: event.metadata.actor,
    type: event.type,
    sentence: describeEvent(event),
    // Always present (possibly undefined) so every entry has one shape for the engine.
    consents: consentsOf(event.type, event.data as Data),
  };
}

/** Every subject an event concerns (kind and id), in the order the audit histories list them. */
export function auditSubjectsOf(event: RecordedEvent): [AuditSubjectKind, string][] {
  const d = event.data as Data;
  const consents = consentsOf(event.type, d);
  const subjects: [AuditSubjectKind, string][] = [];
  const add = (kind: AuditSubjectKind, id: unknown) => {
    if (typeof id === 'string') subjects.push([kind, id]);
  };
  switch (eventDefinition(event.type)?.aggregate) {
    case 'Advocate':
      add('advocate', d.advocateId);
      if (d.requestId !== undefined) add('request', d.requestId);
      break;
    case 'Account':
      add('account', d.accountId);
      break;
    case 'Nomination':
      add('nomination', d.nominationId);
      if (d.accountId !== undefined) add('account', d.accountId);
      break;
    case 'ReferenceRequest':
      add('request', d.requestId);
      if (d.advocateId !== undefined) add('advocate', d.advocateId);
      if (event.type === 'CandidatesShortlisted') {
        for (const c of d.candidates as { advocateId: string }[]) add('advocate', c.advocateId);
      }
      break;
    case 'ContentAsset':
      add('content', d.contentId);
      if (event.type === 'ContentDrafted') {
        add('account', d.accountId);
        for (const h of d.holders as { holder: string; holderId: string }[]) {
          if (h.holder === 'ADVOCATE') add('advocate', h.holderId);
        }
      }
      break;
    case 'Program':
      add('program', 'program');
      break;
  }
  if (consents) for (const c of consents) add('consent', c.consentId);
  else if (event.type === 'ContentSuspended' && d.consentId !== undefined) add('consent', d.consentId);
  return subjects;
}

/**
 * The plain-JSON form of the audit histories: every entry once, in log order, as a compact
 * tuple (actors interned), and per subject the indexes of its entries. An entry concerns
 * up to a handful of subjects; writing it once keeps the snapshot linear in the log.
 */
export interface AuditHistorySnapshot {
  readonly actors: EnvelopeActor[];
  readonly entries: CompactAuditEntry[];
  readonly timelines: [string, number[]][];
}

/** checkpoint, streamId, version, recordedAt, effectiveAt (null when equal to recordedAt), actor index, type, sentence, consents. */
export type CompactAuditEntry = [
  Checkpoint,
  string,
  number,
  Instant,
  Instant | null,
  number,
  string,
  string,
  AuditEntry['consents'] | null,
];

/**
 * Per subject, the timeline of every event that concerns it, in log order. A consent's
 * timeline gathers its grant, renewals, withdrawal and expiry and every use that relied
 * on it, across advocate, account and content streams. Sentences hold ids only, so an
 * erasure leaves nothing personal behind in this model.
 */
export class AuditHistory {
  // Every entry once, in log order; timelines hold indexes into it.
  private readonly entries: AuditEntry[] = [];
  private readonly timelines = new Map<string, number[]>();

  apply(event: RecordedEvent): void {
    const entry = auditEntryOf(event);
    const index = this.entries.length;
    this.entries.push(entry);
    for (const [kind, id] of auditSubjectsOf(event)) this.add(kind, id, index);
  }

  /** The timeline of one subject, oldest first (empty when nothing concerns it). */
  history(kind: AuditSubjectKind, id: string): readonly AuditEntry[] {
    return (this.timelines.get(`${kind}:${id}`) ?? []).map((i) => this.entries[i]!);
  }

  snapshot(): AuditHistorySnapshot {
    const actors: EnvelopeActor[] = [];
    const actorIndex = new Map<string, number>();
    const entries = this.entries.map((e): CompactAuditEntry => {
      const key = `${e.actor.userId}\u0000${e.actor.roles.join(',')}`;
      let actor = actorIndex.get(key);
      if (actor === undefined) actorIndex.set(key, (actor = actors.push(e.actor) - 1));
      const effectiveAt = e.effectiveAt === e.recordedAt ? null : e.effectiveAt;
      return [
        e.checkpoint,
        e.streamId,
        e.version,
        e.recordedAt,
        effectiveAt,
        actor,
        e.type,
        e.sentence,
        e.consents ?? null,
      ];
    });
    return { actors, entries, timelines: [...this.timelines] };
  }

  restore(snapshot: AuditHistorySnapshot): void {
    this.entries.length = 0;
    this.timelines.clear();
    for (const [
      checkpoint,
      streamId,
      version,
      recordedAt,
      effectiveAt,
      actor,
      type,
      sentence,
      consents,
    ] of snapshot.entries) {
      this.entries.push({
        checkpoint,
        streamId,
        version,
        recordedAt,
        effectiveAt: effectiveAt ?? recordedAt,
        actor: snapshot.actors[actor]!,
        type,
        sentence,
        consents: consents ?? undefined,
      });
    }
    for (const [key, indexes] of snapshot.timelines) this.timelines.set(key, indexes);
  }

  private add(kind: AuditSubjectKind, id: unknown, index: number): void {
    if (typeof id !== 'string') return;
    const key = `${kind}:${id}`;
    const timeline = this.timelines.get(key);
    if (!timeline) this.timelines.set(key, [index]);
    // An event can name the same subject twice (e.g. a shortlist); list it once.
    else if (timeline[timeline.length - 1] !== index) timeline.push(index);
  }
}

// The consent an event records or relies on, with the version in force.
function consentsOf(type: string, d: Data): { consentId: string; version: number }[] | undefined {
  switch (type) {
    case 'ConsentGranted':
    case 'ConsentRenewed':
    case 'ConsentWithdrawn':
    case 'ConsentExpired':
    case 'AccountConsentGranted':
    case 'AccountConsentRenewed':
    case 'AccountConsentWithdrawn':
      return [{ consentId: d.consentId as string, version: d.version as number }];
    case 'EngagementReserved':
    case 'EngagementScheduled':
    case 'EngagementCompleted':
      return [{ consentId: d.consentId as string, version: d.consentVersion as number }];
    case 'ContentPublished':
    case 'ContentReinstated':
      return (d.reliesOn as { consentId: string; consentVersion: number }[]).map((r) => ({
        consentId: r.consentId,
        version: r.consentVersion,
      }));
    default:
      return undefined;
  }
}
