import type { Instant } from '@vouch/domain';

/**
 * What a read returns in place of a personal field whose subject was erased: the value is
 * gone for good (its key was destroyed), and the placeholder says whose it was and when.
 */
export interface ErasedPersonalData {
  readonly kind: 'ErasedPersonalData';
  readonly subjectId: string;
  readonly erasedAt: Instant;
}

/** Builds the placeholder of an erased field. */
export function erasedPersonalData(subjectId: string, erasedAt: Instant): ErasedPersonalData {
  return { kind: 'ErasedPersonalData', subjectId, erasedAt };
}

/** True when a value read from an event is the placeholder of erased personal data. */
export function isErasedPersonalData(value: unknown): value is ErasedPersonalData {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'ErasedPersonalData' &&
    typeof (value as { erasedAt?: unknown }).erasedAt === 'string'
  );
}
