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
  // Every entry once, in log order, kept in its compact snapshot form (actors interned), so
  // a save copies references instead of re-encoding the whole history, and the model holds
  // one small tuple per event; AuditEntry objects are made on read. Timelines hold indexes.
  private readonly entries: CompactAuditEntry[] = [];
  private readonly actors: EnvelopeActor[] = [];
  private readonly actorIndex = new Map<string, number>();
  private readonly timelines = new Map<string, number[]>();

  apply(event: RecordedEvent): void {
    const entry = auditEntryOf(event);
    const index = this.entries.length;
    this.entries.push([
      entry.checkpoint,
      entry.streamId,
      entry.version,
      entry.recordedAt,
      entry.effectiveAt === entry.recordedAt ? null : entry.effectiveAt,
      this.actorOf(entry.actor),
      entry.type,
      entry.sentence,
      entry.consents ?? null,
    ]);
    for (const [kind, id] of auditSubjectsOf(event)) this.add(kind, id, index);
  }

  /** The timeline of one subject, oldest first (empty when nothing concerns it). */
  history(kind: AuditSubjectKind, id: string): readonly AuditEntry[] {
    return (this.timelines.get(`${kind}:${id}`) ?? []).map((i) => this.entryAt(i));
  }

  snapshot(): AuditHistorySnapshot {
    // Copies of the lists (entries are never changed once written): later events do not
    // reach a snapshot a store keeps as it is.
    return {
      actors: this.actors.slice(),
      entries: this.entries.slice(),
      timelines: [...this.timelines].map(([key, indexes]) => [key, indexes.slice()]),
    };
  }

  restore(snapshot: AuditHistorySnapshot): void {
    this.entries.length = 0;
    this.actors.length = 0;
    this.actorIndex.clear();
    this.timelines.clear();
    // Interned afresh: a snapshot of an older build may list one actor twice.
    const actorOf = snapshot.actors.map((actor) => this.actorOf(actor));
    const same = actorOf.every((index, i) => index === i);
    for (const entry of snapshot.entries) {
      if (same) this.entries.push(entry);
      else {
        const copy = entry.slice() as CompactAuditEntry;
        copy[5] = actorOf[entry[5]]!;
        this.entries.push(copy);
      }
    }
    for (const [key, indexes] of snapshot.timelines) this.timelines.set(key, indexes.slice());
  }

  // The entry at `index` in its readable form.
  private entryAt(index: number): AuditEntry {
    const [checkpoint, streamId, version, recordedAt, effectiveAt, actor, type, sentence, consents] =
      this.entries[index]!;
    return {
      checkpoint,
      streamId,
      version,
      recordedAt,
      effectiveAt: effectiveAt ?? recordedAt,
      actor: this.actors[actor]!,
      type,
      sentence,
      consents: consents ?? undefined,
    };
  }

  // The index of an actor (user and roles) in the interned list.
  private actorOf(actor: EnvelopeActor): number {
    const key = `${actor.userId}\u0000${actor.roles.join(',')}`;
    let index = this.actorIndex.get(key);
    if (index === undefined) this.actorIndex.set(key, (index = this.actors.push(actor) - 1));
    return index;
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
