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

/**
 * Per subject, the timeline of every event that concerns it, in log order. A consent's
 * timeline gathers its grant, renewals, withdrawal and expiry and every use that relied
 * on it, across advocate, account and content streams. Sentences hold ids only, so an
 * erasure leaves nothing personal behind in this model.
 */
export class AuditHistory {
  private readonly timelines = new Map<string, AuditEntry[]>();

  apply(event: RecordedEvent): void {
    const d = event.data as Data;
    const consents = consentsOf(event.type, d);
    const entry: AuditEntry = {
      checkpoint: event.checkpoint,
      streamId: event.streamId,
      version: event.version,
      recordedAt: event.recordedAt,
      effectiveAt: event.metadata.effectiveAt,
      actor: event.metadata.actor,
      type: event.type,
      sentence: describeEvent(event),
      // Always present (possibly undefined) so every entry has one shape for the engine.
      consents,
    };
    switch (eventDefinition(event.type)?.aggregate) {
      case 'Advocate':
        this.add('advocate', d.advocateId, entry);
        if (d.requestId !== undefined) this.add('request', d.requestId, entry);
        break;
      case 'Account':
        this.add('account', d.accountId, entry);
        break;
      case 'Nomination':
        this.add('nomination', d.nominationId, entry);
        if (d.accountId !== undefined) this.add('account', d.accountId, entry);
        break;
      case 'ReferenceRequest':
        this.add('request', d.requestId, entry);
        if (d.advocateId !== undefined) this.add('advocate', d.advocateId, entry);
        if (event.type === 'CandidatesShortlisted') {
          for (const c of d.candidates as { advocateId: string }[]) this.add('advocate', c.advocateId, entry);
        }
        break;
      case 'ContentAsset':
        this.add('content', d.contentId, entry);
        if (event.type === 'ContentDrafted') {
          this.add('account', d.accountId, entry);
          for (const h of d.holders as { holder: string; holderId: string }[]) {
            if (h.holder === 'ADVOCATE') this.add('advocate', h.holderId, entry);
          }
        }
        break;
      case 'Program':
        this.add('program', 'program', entry);
        break;
    }
    if (consents) for (const c of consents) this.add('consent', c.consentId, entry);
    else if (event.type === 'ContentSuspended' && d.consentId !== undefined)
      this.add('consent', d.consentId, entry);
  }

  /** The timeline of one subject, oldest first (empty when nothing concerns it). */
  history(kind: AuditSubjectKind, id: string): readonly AuditEntry[] {
    return this.timelines.get(`${kind}:${id}`) ?? [];
  }

  snapshot(): [string, AuditEntry[]][] {
    return [...this.timelines];
  }

  restore(snapshot: [string, AuditEntry[]][]): void {
    this.timelines.clear();
    for (const [key, entries] of snapshot) this.timelines.set(key, entries);
  }

  private add(kind: AuditSubjectKind, id: unknown, entry: AuditEntry): void {
    if (typeof id !== 'string') return;
    const key = `${kind}:${id}`;
    const timeline = this.timelines.get(key);
    if (!timeline) this.timelines.set(key, [entry]);
    // An event can name the same subject twice (e.g. a shortlist); list it once.
    else if (timeline[timeline.length - 1] !== entry) timeline.push(entry);
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
