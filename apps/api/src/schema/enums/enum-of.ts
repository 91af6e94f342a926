/** A TypeScript-enum-like object (`{ A: 'A' }`) for type-graphql from one of the domain's value lists. */
export function enumOf<const Value extends string>(values: readonly Value[]): { readonly [K in Value]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { readonly [K in Value]: K };
}
