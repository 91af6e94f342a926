import { personalDataOf, type Instant } from '@vouch/domain';
import { erasedPersonalData, type RecordedEvent } from '@vouch/event-store';

/**
 * What the command path holds in place of a personal field while its subject's key is in
 * force: whose it is, never the value. Decisions never read personal values (they only
 * carry them into state), so a decision made over this form is the one made over the
 * decrypted event; an idempotent replay, which answers the first result, reads the store.
 */
export interface WithheldPersonalData {
  readonly kind: 'WithheldPersonalData';
  readonly subjectId: string;
}

/** True when a value is the placeholder of a personal field withheld by the command path. */
export function isWithheldPersonalData(value: unknown): value is WithheldPersonalData {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'WithheldPersonalData'
  );
}

/** The personal fields an event type declares, when all are top-level members (else undefined). */
function topLevelFields(type: string): readonly string[] | undefined {
  const fields = personalDataOf(type)?.fields;
  return fields && fields.every((field) => !field.includes('.')) ? fields : undefined;
}

/**
 * The event with its personal values replaced by `WithheldPersonalData` (a new object; the
 * decrypted values are not referenced by it); undefined when it cannot be withheld (a nested
 * field path). An event without personal data or already erased is returned as it is.
 */
export function withheld(event: RecordedEvent): RecordedEvent | undefined {
  if (event.personalData.status !== 'present') return event;
  const fields = topLevelFields(event.type);
  if (!fields) return undefined;
  const { subjectId } = event.personalData;
  const data: Record<string, unknown> = { ...event.data };
  const marker: WithheldPersonalData = Object.freeze({ kind: 'WithheldPersonalData', subjectId });
  for (const field of fields) if (data[field] !== undefined) data[field] = marker;
  return { ...event, data };
}

/**
 * The withheld event as the store reads it once its subject is erased: each withheld field
 * becomes the erasure placeholder and the status says erased, since when.
 */
export function erasedForm(event: RecordedEvent, erasedAt: Instant): RecordedEvent {
  if (event.personalData.status !== 'present') return event;
  const { subjectId } = event.personalData;
  const placeholder = erasedPersonalData(subjectId, erasedAt);
  const data: Record<string, unknown> = { ...event.data };
  for (const [field, value] of Object.entries(data)) {
    if (isWithheldPersonalData(value)) data[field] = placeholder;
  }
  return { ...event, data, personalData: { status: 'erased', subjectId, erasedAt } };
}
