/** Lower-cased and trimmed: how filters and the text index compare values. */
export function normalise(value: string): string {
  return value.trim().toLowerCase();
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text, lower-cased, for the text index and text queries. */
export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}
