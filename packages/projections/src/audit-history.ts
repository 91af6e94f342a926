import { eventDefinition, type EnvelopeActor, type Instant } from '@vouch/domain';
import type { AppendOnlyEntries, Checkpoint, RecordedEvent } from '@vouch/event-store';
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
  const subjects: [AuditSubjectKind, string][] = [];
  eachAuditSubject(event, consentsOf(event.type, event.data as Data), (kind, id) =>
    subjects.push([kind, id]),
  );
  return subjects;
}

// Calls `add` with every subject the event concerns, in order; `consents` are the event's
// (computed once by the caller, which also records them in the entry).
function eachAuditSubject(
  event: RecordedEvent,
  consents: AuditEntry['consents'],
  add: (kind: AuditSubjectKind, id: string) => void,
): void {
  const d = event.data as Data;
  switch (eventDefinition(event.type)?.aggregate) {
    case 'Advocate':
      addIf(add, 'advocate', d.advocateId);
      if (d.requestId !== undefined) addIf(add, 'request', d.requestId);
      break;
    case 'Account':
      addIf(add, 'account', d.accountId);
      break;
    case 'Nomination':
      addIf(add, 'nomination', d.nominationId);
      if (d.accountId !== undefined) addIf(add, 'account', d.accountId);
      break;
    case 'ReferenceRequest':
      addIf(add, 'request', d.requestId);
      if (d.advocateId !== undefined) addIf(add, 'advocate', d.advocateId);
      if (event.type === 'CandidatesShortlisted') {
        for (const c of d.candidates as { advocateId: string }[]) addIf(add, 'advocate', c.advocateId);
      }
      break;
    case 'ContentAsset':
      addIf(add, 'content', d.contentId);
      if (event.type === 'ContentDrafted') {
        addIf(add, 'account', d.accountId);
        for (const h of d.holders as { holder: string; holderId: string }[]) {
          if (h.holder === 'ADVOCATE') addIf(add, 'advocate', h.holderId);
        }
      }
      break;
    case 'Program':
      add('program', 'program');
      break;
  }
  if (consents) for (const c of consents) addIf(add, 'consent', c.consentId);
  else if (event.type === 'ContentSuspended' && d.consentId !== undefined) addIf(add, 'consent', d.consentId);
}

// A subject is named by a string id; anything else (a damaged event) names none. A function,
// not a closure made per event: this runs for every event of a rebuild.
function addIf(add: (kind: AuditSubjectKind, id: string) => void, kind: AuditSubjectKind, id: unknown): void {
  if (typeof id === 'string') add(kind, id);
}

/**
 * The plain-JSON form of the audit histories without their entries: how many entries it
 * reflects, the interned actors the entries point to, and per subject the indexes of its
 * entries. The entries themselves only grow, so they are saved beside the snapshot (the
 * read-model store's append-only entries: only those appended since the last save), each
 * as a compact tuple, written once.
 */
export interface AuditHistorySnapshot {
  readonly count: number;
  readonly actors: EnvelopeActor[];
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
  // one small tuple per event; AuditEntry objects are made on read. Timelines hold indexes,
  // per kind then id (no `kind:id` string built and hashed per subject of every event).
  private readonly entries: CompactAuditEntry[] = [];
  private readonly actors: EnvelopeActor[] = [];
  private readonly actorIndex = new Map<string, Map<string, number>>();
  private readonly timelines = new Map<AuditSubjectKind, Map<string, number[]>>();
  private readonly strings = new Map<string, string>();
  // The times and stream of the last entry, shared by the next ones of the same commit,
  // instant or stream: one string for a run of them, not one each (nor a map look-up each).
  private lastRecordedAt = '';
  private lastEffectiveAt = '';
  private lastStreamId = '';
  // How many entries the last restored snapshot reflects.
  private restoredCount = 0;
  private readonly addToTimeline = (kind: AuditSubjectKind, id: string) =>
    this.add(kind, id, this.entries.length - 1);

  apply(event: RecordedEvent): void {
    // The tuple auditEntryOf's fields make, built directly: this runs for every event of a rebuild.
    const consents = consentsOf(event.type, event.data as Data);
    // The events of one commit share their time: one string for a run of them, not one each.
    const recordedAt =
      event.recordedAt === this.lastRecordedAt
        ? this.lastRecordedAt
        : (this.lastRecordedAt = event.recordedAt);
    const effectiveAt =
      event.metadata.effectiveAt === this.lastEffectiveAt
        ? this.lastEffectiveAt
        : (this.lastEffectiveAt = event.metadata.effectiveAt);
    const streamId =
      event.streamId === this.lastStreamId
        ? this.lastStreamId
        : (this.lastStreamId = this.interned(event.streamId));
    const sentence = describeEvent(event);
    // Reading a character flattens the sentence built by concatenation: the entry then holds
    // one string, not a tree that keeps the event's own id strings alive.
    sentence.charCodeAt(0);
    this.entries.push([
      event.checkpoint,
      streamId,
      event.version,
      recordedAt,
      effectiveAt === recordedAt ? null : effectiveAt,
      this.actorOf(event.metadata.actor),
      this.interned(event.type),
      sentence,
      consents ?? null,
    ]);
    eachAuditSubject(event, consents, this.addToTimeline);
  }

  /** The timeline of one subject, oldest first (empty when nothing concerns it). */
  history(kind: AuditSubjectKind, id: string): readonly AuditEntry[] {
    return (this.timelines.get(kind)?.get(id) ?? []).map((i) => this.entryAt(i));
  }

  snapshot(): AuditHistorySnapshot {
    // Copies of the lists: later events do not reach a snapshot a store keeps as it is.
    const timelines: [string, number[]][] = [];
    for (const [kind, ids] of this.timelines) {
      for (const [id, indexes] of ids) timelines.push([`${kind}:${id}`, indexes.slice()]);
    }
    return { count: this.entries.length, actors: this.actors.slice(), timelines };
  }

  /** The timelines grown while folding, made exact-size (the end of a catch-up). */
  trim(): void {
    for (const ids of this.timelines.values()) {
      for (const [id, indexes] of ids) if (indexes.length > 1) ids.set(id, indexes.slice());
    }
  }

  /** The entries as they stand now (the store saves those it does not hold yet); never changed once written. */
  appendOnlyEntries(): AppendOnlyEntries {
    const count = this.entries.length;
    return { count, slice: (start) => this.entries.slice(start, count) };
  }

  /** Replaces the history with a snapshot; its entries come back through `restoreEntries`. */
  restore(snapshot: AuditHistorySnapshot): void {
    this.entries.length = 0;
    this.actors.length = 0;
    this.actorIndex.clear();
    this.timelines.clear();
    this.strings.clear();
    this.lastStreamId = '';
    this.lastEffectiveAt = '';
    this.restoredCount = snapshot.count;
    for (const actor of snapshot.actors) this.actorOf(actor);
    for (const [key, indexes] of snapshot.timelines) {
      // The kind never holds ':'; an id may.
      const colon = key.indexOf(':');
      this.timelineOf(key.slice(0, colon) as AuditSubjectKind).set(key.slice(colon + 1), indexes.slice());
    }
  }

  /**
   * After `restore`: the saved entries, of which the snapshot reflects the first `count`
   * (a store read while another process saves may hold more).
   */
  restoreEntries(entries: readonly unknown[]): void {
    const count = this.restoredCount;
    if (entries.length < count) {
      throw new RangeError(
        `The audit history reflects ${count} entries; the store holds only ${entries.length}.`,
      );
    }
    this.entries.length = 0;
    for (let i = 0; i < count; i++) {
      const entry = entries[i] as CompactAuditEntry;
      entry[1] = this.interned(entry[1]);
      entry[6] = this.interned(entry[6]);
      if (entry[3] === this.lastRecordedAt) entry[3] = this.lastRecordedAt;
      else this.lastRecordedAt = entry[3];
      this.entries.push(entry);
    }
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

  // One string object per stream id and event type, however many entries name it (rows read
  // from a store bring a new string per event).
  private interned(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  // The index of an actor (user and roles) in the interned list.
  private actorOf(actor: EnvelopeActor): number {
    let byRoles = this.actorIndex.get(actor.userId);
    if (!byRoles) this.actorIndex.set(actor.userId, (byRoles = new Map()));
    const roles = actor.roles.length === 1 ? actor.roles[0]! : actor.roles.join(',');
    let index = byRoles.get(roles);
    if (index === undefined) byRoles.set(roles, (index = this.actors.push(actor) - 1));
    return index;
  }

  private timelineOf(kind: AuditSubjectKind): Map<string, number[]> {
    let ids = this.timelines.get(kind);
    if (!ids) this.timelines.set(kind, (ids = new Map()));
    return ids;
  }

  private add(kind: AuditSubjectKind, id: string, index: number): void {
    const ids = this.timelineOf(kind);
    const timeline = ids.get(id);
    if (!timeline) ids.set(id, [index]);
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
