import { DomainError, DomainErrorCode } from '@vouch/domain';

// What a decider names as the id of a stream with no events: it has no id to give.
const PLACEHOLDER_ID = /^\(.+\)$/;

/**
 * Runs a decision and, when the decider refused because the stream has no events yet
 * (NOT_FOUND naming a placeholder such as "(not enrolled)"), refuses with the id the
 * command was for instead: the caller learns which id does not exist.
 */
export function namingMissingAggregate<T>(aggregateId: string, decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (
      error instanceof DomainError &&
      error.code === DomainErrorCode.NOT_FOUND &&
      PLACEHOLDER_ID.test(String(error.details.id))
    ) {
      const aggregate = String(error.details.aggregate);
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `${aggregate} ${aggregateId} does not exist. Create it first or check the id.`,
        { aggregate, id: aggregateId },
      );
    }
    throw error;
  }
}
