import { isDomainError } from '@vouch/domain';
import { EventStoreErrorCode, isEventStoreError } from '@vouch/event-store';

/**
 * Whether retrying the same command can never succeed: the domain refused it, or it
 * concerns a subject whose personal data has been erased. Reactions and due work take
 * such an answer as final instead of retrying forever.
 */
export function isFinalRefusal(error: unknown): boolean {
  return isDomainError(error) || isEventStoreError(error, EventStoreErrorCode.SUBJECT_ERASED);
}
