import { UNCLEAN_TEXT_MESSAGE, ValidationError, uncleanTextPaths } from '@vouch/domain';
import type { VouchCommand } from './vouch-command';

/**
 * Refuses a command any of whose texts (ids, data at any depth, keys included) holds a NUL
 * character or an unpaired surrogate, naming each such field: before anything is read,
 * decided or written, whatever the caller (API, CLI, an embedding service).
 */
export function assertCleanText(command: VouchCommand): void {
  const { commandId, aggregateId, correlationId, causationId, data } = command;
  const paths = [
    ...uncleanTextPaths({ commandId, aggregateId, correlationId, causationId }, ''),
    ...uncleanTextPaths(data, ''),
  ];
  if (paths.length > 0) {
    throw new ValidationError(paths.map((field) => ({ field, message: UNCLEAN_TEXT_MESSAGE })));
  }
}
