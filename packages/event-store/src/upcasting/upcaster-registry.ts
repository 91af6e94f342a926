import type { EventMetadata } from '@vouch/domain';
import { UpcastFailedError } from '../errors/upcast-failed-error';

/** What an upcaster sees of the event it lifts by one schema version. */
export interface UpcastContext {
  readonly eventId: string;
  readonly type: string;
  readonly metadata: EventMetadata;
}

/**
 * Lifts the data of one event type from `fromVersion` to `fromVersion + 1`. Personal
 * fields of an erased subject arrive as ErasedPersonalData placeholders: pass them through.
 */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(data: Record<string, unknown>, context: UpcastContext): Record<string, unknown>;
}

/** The upcasters of a store: applied on read, step by step, until no upcaster matches. */
export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();
  /** The types any upcaster lifts: most events read have none, and skip the look-up. */
  private readonly types = new Set<string>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) this.register(upcaster);
  }

  /** Adds an upcaster; a second one for the same type and version is a programming error. */
  register(upcaster: Upcaster): this {
    if (!Number.isSafeInteger(upcaster.fromVersion) || upcaster.fromVersion < 1) {
      throw new RangeError(`Upcaster of ${upcaster.type}: fromVersion must be a whole number ≥ 1.`);
    }
    const key = keyOf(upcaster.type, upcaster.fromVersion);
    if (this.byKey.has(key)) {
      throw new Error(`An upcaster of ${upcaster.type} v${upcaster.fromVersion} is already registered.`);
    }
    this.byKey.set(key, upcaster);
    this.types.add(upcaster.type);
    return this;
  }

  /** Whether an upcaster is registered for some version of `type`. */
  handles(type: string): boolean {
    return this.types.has(type);
  }

  /** Lifts an event's data to the newest version the registry knows. */
  upcast(
    data: Record<string, unknown>,
    schemaVersion: number,
    context: UpcastContext,
  ): { data: Record<string, unknown>; schemaVersion: number } {
    let current = data;
    let version = schemaVersion;
    if (!this.types.has(context.type)) return { data: current, schemaVersion: version };
    for (let upcaster = this.byKey.get(keyOf(context.type, version)); upcaster;) {
      try {
        current = upcaster.upcast(current, context);
      } catch (error) {
        throw new UpcastFailedError(context.eventId, context.type, version, error);
      }
      version += 1;
      upcaster = this.byKey.get(keyOf(context.type, version));
    }
    return { data: current, schemaVersion: version };
  }
}

function keyOf(type: string, version: number): string {
  return `${type}\u0000${version}`;
}
