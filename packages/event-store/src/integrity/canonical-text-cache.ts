import { canonicalJson } from './canonical-json';

/**
 * The RFC 8785 text of a value. (It once answered from a cache of texts of objects the
 * store had parsed back; appends now carry their texts, see `PreparedEvent.dataText`.)
 */
export function canonicalText(value: unknown): string {
  return canonicalJson(value);
}
