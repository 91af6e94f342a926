import type { Checkpoint, EventStore, RecordedEvent } from '@vouch/event-store';
import { START } from '@vouch/event-store';

/**
 * W3C DPV (https://w3id.org/dpv) JSON-LD consent records shaped after ISO/IEC TS 27560:
 * a header (identifier, dates), the processing (purposes = activity kinds, scope, notice),
 * the parties (controller = tenant, data subject = advocate or account) and the events of
 * the consent (granted, renewed, withdrawn, expired), one record per grant.
 */
export const DPV_CONTEXT = {
  dpv: 'https://w3id.org/dpv#',
  dct: 'http://purl.org/dc/terms/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  vouch: 'urn:vouch:',
} as const;

type Data = Record<string, unknown>;

interface ConsentEvent {
  readonly type: 'granted' | 'renewed' | 'withdrawn' | 'expired';
  readonly eventId: string;
  readonly position: number;
  readonly version: number;
  readonly effectiveAt: string;
  readonly recordedAt: string;
  readonly actor: string;
  readonly kinds?: readonly string[];
  readonly validUntil?: string;
}

interface ConsentHistory {
  readonly holder: 'advocate' | 'account';
  readonly holderId: string;
  readonly consentId: string;
  readonly grant: Data;
  readonly events: ConsentEvent[];
}

const KIND_OF: Record<string, ConsentEvent['type']> = {
  ConsentGranted: 'granted',
  ConsentRenewed: 'renewed',
  ConsentWithdrawn: 'withdrawn',
  ConsentExpired: 'expired',
  AccountConsentGranted: 'granted',
  AccountConsentRenewed: 'renewed',
  AccountConsentWithdrawn: 'withdrawn',
};

/**
 * Reads the tenant's log once and returns its consent records as a JSON-LD document, as
 * recorded by `asOf` (later events are left out; statuses are the ones at `asOf`).
 */
export async function dpvConsentRecords(
  store: EventStore,
  tenantId: string,
  options: { readonly subject?: string; readonly asOf: string },
): Promise<object> {
  const histories = new Map<string, ConsentHistory>();
  const erased = new Set<string>();
  let after: Checkpoint = START;
  for (;;) {
    const batch = await store.readAll(tenantId, { after, limit: 1000 });
    for (const event of batch) if (event.recordedAt <= options.asOf) collect(event, histories, erased);
    if (batch.length < 1000) break;
    after = batch[batch.length - 1]!.checkpoint;
  }
  const records = [...histories.values()]
    .filter((h) => options.subject === undefined || `${h.holder}:${h.holderId}` === options.subject)
    .map((h) => record(tenantId, h, erased.has(`${h.holder}:${h.holderId}`), options.asOf));
  return { '@context': DPV_CONTEXT, '@graph': records };
}

function collect(event: RecordedEvent, histories: Map<string, ConsentHistory>, erased: Set<string>): void {
  const d = event.data as Data;
  if (event.personalData.status === 'erased') erased.add(`advocate:${event.personalData.subjectId}`);
  const type = KIND_OF[event.type];
  if (!type) return;
  const holder = event.type.startsWith('Account') ? 'account' : 'advocate';
  const holderId = String(holder === 'account' ? d.accountId : d.advocateId);
  const key = `${holder}:${holderId}:${String(d.consentId)}`;
  let history = histories.get(key);
  if (!history) {
    if (type !== 'granted') return;
    history = { holder, holderId, consentId: String(d.consentId), grant: d, events: [] };
    histories.set(key, history);
  }
  history.events.push({
    type,
    eventId: event.eventId,
    position: Number(event.checkpoint),
    version: Number(d.version ?? 1),
    effectiveAt: event.metadata.effectiveAt,
    recordedAt: event.recordedAt,
    actor: event.metadata.actor.userId,
    ...(Array.isArray(d.kinds) ? { kinds: d.kinds as string[] } : {}),
    ...(typeof d.validUntil === 'string' ? { validUntil: d.validUntil } : {}),
  });
}

/** The consent's status now: withdrawn (every kind), expired, or given. */
function status(h: ConsentHistory, now: string): string {
  const kinds = new Set(h.grant.kinds as string[]);
  for (const e of h.events) if (e.type === 'withdrawn') for (const k of e.kinds ?? []) kinds.delete(k);
  if (kinds.size === 0) return 'dpv:ConsentWithdrawn';
  if (h.events.some((e) => e.type === 'expired')) return 'dpv:ConsentExpired';
  const validUntil = [...h.events].reverse().find((e) => e.validUntil !== undefined)?.validUntil;
  if (validUntil !== undefined && validUntil <= now) return 'dpv:ConsentExpired';
  return h.events.some((e) => e.type === 'renewed') ? 'dpv:RenewedConsentGiven' : 'dpv:ConsentGiven';
}

const dateTime = (value: string) => ({ '@value': value, '@type': 'xsd:dateTime' });

function record(tenantId: string, h: ConsentHistory, subjectErased: boolean, now: string): object {
  const g = h.grant;
  const collection = (g.collection ?? {}) as {
    method?: string;
    collectedAt?: string;
    noticeVersion?: string;
    collectedBy?: string;
  };
  const last = h.events[h.events.length - 1]!;
  return {
    '@id': `vouch:${tenantId}/consent/${h.holder}/${h.holderId}/${h.consentId}`,
    '@type': 'dpv:ConsentRecord',
    'dct:identifier': h.consentId,
    'dct:conformsTo': 'ISO/IEC TS 27560:2023',
    'dct:created': dateTime(h.events[0]!.recordedAt),
    'dct:modified': dateTime(last.recordedAt),
    'dpv:hasDataController': { '@id': `vouch:${tenantId}`, '@type': 'dpv:DataController' },
    'dpv:hasDataSubject': {
      '@id': `vouch:${tenantId}/${h.holder}/${h.holderId}`,
      '@type': h.holder === 'advocate' ? 'dpv:DataSubject' : 'dpv:LegalEntity',
      ...(subjectErased ? { 'vouch:erased': true } : {}),
    },
    'dpv:hasPurpose': (g.kinds as string[]).map((kind) => ({
      '@id': `vouch:purpose/${kind}`,
      '@type': 'dpv:Purpose',
      'dct:title': kind,
    })),
    'dpv:hasConsentStatus': { '@id': status(h, now) },
    'dpv:hasIndicationMethod': {
      '@id': `vouch:indication/${collection.method ?? 'UNKNOWN'}`,
      'dct:title': collection.method ?? 'UNKNOWN',
    },
    ...(collection.collectedAt ? { 'dpv:isIndicationTime': dateTime(collection.collectedAt) } : {}),
    ...(collection.noticeVersion
      ? { 'dpv:hasNotice': { '@type': 'dpv:PrivacyNotice', 'dct:identifier': collection.noticeVersion } }
      : {}),
    'dct:valid': {
      'vouch:from': dateTime(String(g.validFrom)),
      ...((last.validUntil ?? g.validUntil)
        ? { 'vouch:until': dateTime(String(last.validUntil ?? g.validUntil)) }
        : {}),
    },
    'vouch:territories': g.territories,
    'vouch:channels': g.channels,
    'vouch:version': Math.max(...h.events.map((e) => e.version)),
    'vouch:events': h.events.map((e) => ({
      '@type': `vouch:Consent${e.type[0]!.toUpperCase()}${e.type.slice(1)}`,
      'dct:identifier': e.eventId,
      'vouch:position': e.position,
      'vouch:version': e.version,
      'dct:date': dateTime(e.effectiveAt),
      'vouch:recordedAt': dateTime(e.recordedAt),
      'vouch:actor': e.actor,
      ...(e.kinds && e.type !== 'granted' ? { 'vouch:kinds': e.kinds } : {}),
      ...(e.validUntil && e.type !== 'granted' ? { 'vouch:validUntil': dateTime(e.validUntil) } : {}),
    })),
  };
}
