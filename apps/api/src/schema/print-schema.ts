import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildApiSchema } from './build-schema';

/** The schema as SDL, sorted, exactly as `schema/schema.graphql` is checked in. */
export function printApiSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildApiSchema()))}\n`;
}
