import { createHmac, hash, hkdfSync } from 'node:crypto';
import type { EventEnvelope, Instant, PersonalDataDeclaration } from '@vouch/domain';
import { personalDataSubject } from '@vouch/domain';
import { InvalidAppendError } from '../errors/invalid-append-error';
import { TenantViolationError } from '../errors/tenant-violation-error';
import type { ExpectedVersion } from '../expected-version';
import { assertExpectedVersion } from '../expected-version';
import { canonicalJson } from '../integrity/canonical-json';
import { takeFields } from '../personal-data/field-paths';
import type { KeyVault } from '../personal-data/key-vault';
import { sealPersonalData } from '../personal-data/personal-data-cipher';
import type { PersonalDataLookup } from '../personal-data/personal-data-lookup';
import type { PreparedAppend, PreparedEvent } from './prepared-append';
import { assertIdentifier } from './identifiers';
import { LazyPreparedEvent } from './lazy-prepared-event';

export interface PrepareOptions {
  readonly personalData: PersonalDataLookup;
  readonly vault: KeyVault;
  /** Read only when a subject's data key has to be created. */
  readonly now: () => Instant;
  /** Told of every subject whose data key was taken (the caller settles it with the vault). */
  readonly onDataKey?: (subjectId: string) => void;
}

/**
 * Validates an append and turns each envelope into what is stored: declared personal
 * fields are split off and encrypted with the subject's data key, and every event gets a
 * content fingerprint. Runs before the adapter's transaction (key look-ups are async).
 */
export async function prepareAppend(
  tenantId: string,
  streamId: string,
  events: readonly EventEnvelope[],
  expectedVersion: ExpectedVersion,
  options: PrepareOptions,
): Promise<PreparedAppend> {
  return prepareAppendEagerly(tenantId, streamId, events, expectedVersion, options);
}

/**
 * `prepareAppend`, answered at once (no promise, no turn of the microtask queue) when no
 * event waits for a data key — the commonest append — and as a promise otherwise. Throws
 * at once what `prepareAppend` rejects with.
 */
export function prepareAppendEagerly(
  tenantId: string,
  streamId: string,
  events: readonly EventEnvelope[],
  expectedVersion: ExpectedVersion,
  options: PrepareOptions,
): PreparedAppend | Promise<PreparedAppend> {
  assertIdentifier('tenant id', tenantId);
  assertIdentifier('stream id', streamId);
  assertExpectedVersion(expectedVersion);
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidAppendError(`An append to ${streamId} needs at least one event.`);
  }
  // A single event cannot repeat its id: no set for the commonest append.
  const seen = events.length > 1 ? new Set<string>() : undefined;
  const prepared: PreparedEvent[] = [];
  for (let i = 0; i < events.length; i += 1) {
    const event: EventEnvelope = events[i]!;
    admit(tenantId, event, seen);
    const ready = prepareEvent(tenantId, streamId, event, options);
    // The first event that waits for its data key hands the rest to the async path.
    if (ready instanceof Promise) {
      return prepareRest(tenantId, streamId, events, expectedVersion, prepared, ready, seen, options);
    }
    prepared.push(ready);
  }
  return { tenantId, streamId, expectedVersion, events: prepared };
}

/**
 * The rest of `prepareAppendEagerly` from the first event whose preparation waits (`waiting`,
 * the event after the `prepared` ones) on, one event after the other as before.
 */
async function prepareRest(
  tenantId: string,
  streamId: string,
  events: readonly EventEnvelope[],
  expectedVersion: ExpectedVersion,
  prepared: PreparedEvent[],
  waiting: Promise<PreparedEvent>,
  seen: Set<string> | undefined,
  options: PrepareOptions,
): Promise<PreparedAppend> {
  prepared.push(await waiting);
  for (let i = prepared.length; i < events.length; i += 1) {
    const event: EventEnvelope = events[i]!;
    admit(tenantId, event, seen);
    const ready = prepareEvent(tenantId, streamId, event, options);
    // Only an event with personal data waits (for its data key): no promise for the others.
    prepared.push(ready instanceof Promise ? await ready : ready);
  }
  return { tenantId, streamId, expectedVersion, events: prepared };
}

/** Checks one envelope of the append, and that no earlier one had its id. */
function admit(tenantId: string, event: EventEnvelope, seen: Set<string> | undefined): void {
  assertEnvelope(tenantId, event);
  if (seen?.has(event.eventId)) {
    throw new InvalidAppendError(`Event id ${event.eventId} occurs twice in one append.`);
  }
  seen?.add(event.eventId);
}

function prepareEvent(
  tenantId: string,
  streamId: string,
  event: EventEnvelope,
  options: PrepareOptions,
): PreparedEvent | Promise<PreparedEvent> {
  const dataText = asJson(() => canonicalJson(event.data), event);
  // canonicalJson({ type, schemaVersion, data }), built from the data's text (members in order).
  const content = `{"data":${dataText},"schemaVersion":${event.schemaVersion},"type":${canonicalJson(event.type)}}`;
  const metadataText = asJson(() => canonicalJson(event.metadata), event);
  const declaration: PersonalDataDeclaration | undefined = options.personalData(event.type);
  const split = declaration ? takeFields(event.data, declaration.fields) : undefined;
  if (split === undefined || !hasMember(split.taken)) {
    // Nothing personal: a plain SHA-256 of the content tells a retry from a reused id.
    const print = hash('sha256', content, 'hex');
    return new LazyPreparedEvent(
      event.eventId,
      event.type,
      event.schemaVersion,
      dataText,
      metadataText,
      null,
      print,
    );
  }
  const input = { dataText: canonicalJson(split.rest), metadataText, taken: split.taken, content };
  return sealEvent(tenantId, streamId, event, declaration!, input, options);
}

/** The rest of prepareEvent for an event with personal data: encrypted with its subject's key. */
async function sealEvent(
  tenantId: string,
  streamId: string,
  event: EventEnvelope,
  declaration: PersonalDataDeclaration,
  { dataText, metadataText, taken, content }: SealInput,
  options: PrepareOptions,
): Promise<PreparedEvent> {
  const subjectId = personalDataSubject(declaration, event.data);
  if (subjectId === undefined) {
    throw new InvalidAppendError(
      `Event ${event.eventId} (${event.type}) carries personal data but no subject in "${declaration.subjectField}"; it cannot be encrypted.`,
    );
  }
  const dataKey = await options.vault.dataKeyFor(tenantId, subjectId, options.now());
  options.onDataKey?.(subjectId);
  const personal = sealPersonalData(
    dataKey,
    { tenantId, streamId, eventId: event.eventId },
    subjectId,
    taken,
  );
  // Keyed by the subject's key, so once it is destroyed the fingerprint reveals nothing.
  const fingerprintKey = Buffer.from(
    hkdfSync('sha256', dataKey, Buffer.alloc(0), 'vouch.fingerprint.v1', 32),
  );
  const print = fingerprint(fingerprintKey, content);
  return new LazyPreparedEvent(
    event.eventId,
    event.type,
    event.schemaVersion,
    dataText,
    metadataText,
    personal,
    print,
    canonicalJson(taken),
  );
}

interface SealInput {
  readonly dataText: string;
  readonly metadataText: string;
  readonly taken: Record<string, unknown>;
  readonly content: string;
}

function hasMember(record: Record<string, unknown>): boolean {
  for (const key in record) if (Object.prototype.hasOwnProperty.call(record, key)) return true;
  return false;
}

function fingerprint(key: Buffer, content: string): string {
  return createHmac('sha256', key).update(content).digest('hex');
}

function asJson(encode: () => string, event: EventEnvelope): string {
  try {
    return encode();
  } catch (error) {
    throw new InvalidAppendError(
      `Event ${event.eventId} (${event.type}) is not plain JSON: ${(error as Error).message}`,
    );
  }
}

function assertEnvelope(tenantId: string, event: EventEnvelope): void {
  if (typeof event !== 'object' || event === null)
    throw new InvalidAppendError('An event must be an object.');
  assertIdentifier('event id', event.eventId);
  assertIdentifier('event type', event.type);
  if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1) {
    throw new InvalidAppendError(`Event ${event.eventId}: schemaVersion must be a whole number ≥ 1.`);
  }
  if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) {
    throw new InvalidAppendError(`Event ${event.eventId}: data must be a JSON object.`);
  }
  if (typeof event.metadata !== 'object' || event.metadata === null) {
    throw new InvalidAppendError(`Event ${event.eventId}: metadata is missing.`);
  }
  if (event.metadata.tenantId !== tenantId) {
    throw new TenantViolationError(
      tenantId,
      `Event ${event.eventId} belongs to tenant ${String(event.metadata.tenantId)}, not to ${tenantId}, the tenant of this append.`,
    );
  }
}
