import { registerEnumType } from 'type-graphql';

/** A TypeScript-enum-like object (`{ A: 'A' }`) for type-graphql from one of the domain's value lists. */
export function enumOf<const Value extends string>(values: readonly Value[]): { readonly [K in Value]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { readonly [K in Value]: K };
}

/**
 * Registers a GraphQL enum with a description of the type and of every value. The values'
 * descriptions are typed by the enum's own values, so a value the domain adds fails the
 * build until it is described.
 */
export function registerDescribedEnum<const Value extends string>(
  enumObject: { readonly [K in Value]: K },
  config: { name: string; description: string; values: { readonly [K in Value]: string } },
): void {
  const entries = Object.entries(config.values) as [Value, string][];
  registerEnumType(enumObject, {
    name: config.name,
    description: config.description,
    valuesConfig: Object.fromEntries(entries.map(([value, description]) => [value, { description }])) as {
      [K in Value]: { description: string };
    },
  });
}
