/**
 * Which fields of an event's data are personal data and whose. The event store encrypts
 * exactly these fields with the subject's key, so erasing the subject (destroying the key)
 * removes them from every event while the rest of the history stays readable.
 */
export interface PersonalDataDeclaration {
  /** Top-level data field holding the id of the person the data is about. */
  readonly subjectField: string;
  /** Dotted paths into `data` of the fields to encrypt (e.g. `profile`, `candidate.email`). */
  readonly fields: readonly string[];
}

/** Reads a dotted path of a plain object, `undefined` when any step is missing. */
export function readPath(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The subject id an event's personal data is about, if the event declares one. */
export function personalDataSubject(
  declaration: PersonalDataDeclaration | undefined,
  data: unknown,
): string | undefined {
  if (!declaration) return undefined;
  const subject = readPath(data, declaration.subjectField);
  return typeof subject === 'string' && subject.length > 0 ? subject : undefined;
}
