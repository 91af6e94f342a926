/**
 * Transport limits on mutation input: generous for real use, small enough that one
 * request cannot make the server hold or write megabytes. The domain checks meaning.
 */
export const INPUT_LIMITS = {
  /** Ids chosen by clients (command, aggregate, consent, … ids). */
  idLength: 128,
  /** Names, titles, codes, short labels. */
  shortText: 200,
  /** Reasons, notes, evidence, descriptions. */
  longText: 4000,
  /** Items in any list. */
  listItems: 100,
} as const;
