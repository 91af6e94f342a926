import type { Role } from './actor';
import type { Instant } from './time';

/** Who did it, as recorded with every event. */
export interface EnvelopeActor {
  readonly userId: string;
  readonly roles: readonly Role[];
}

/** What travels with every stored event besides its data. */
export interface EventMetadata {
  readonly tenantId: string;
  readonly actor: EnvelopeActor;
  readonly commandId: string;
  /**
   * A keyed digest (HMAC-SHA256) of the command's content, so a reused command id with other
   * content is refused; never the command itself, which may hold personal values.
   */
  readonly commandFingerprint?: string;
  /** The first command of the chain this event belongs to. */
  readonly correlationId: string;
  /** The message (command or event id) that directly caused this event. */
  readonly causationId: string;
  /** When it happened in the world; the store adds `recordedAt` when it is written. */
  readonly effectiveAt: Instant;
}

/**
 * An event as it is appended to a store: id, type, schema version, data and metadata.
 * The store stamps `recordedAt`, the stream version and the global position on read.
 */
export interface EventEnvelope<Type extends string = string, Data extends object = Record<string, unknown>> {
  readonly eventId: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
}
