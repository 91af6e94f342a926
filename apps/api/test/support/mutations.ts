import { buildApiSchema } from '../../src';
import { graphql, type GraphQLResponse } from './graphql-client';

const schema = buildApiSchema();
const mutationFields = schema.getMutationType()?.getFields() ?? {};

/** The names of every mutation of the schema. */
export const MUTATION_NAMES = Object.keys(mutationFields);

/** `mutation($input: XInput!) { name(input: $input) { … } }` for a mutation of the schema. */
export function mutationDocument(name: string): string {
  const field = mutationFields[name];
  if (!field) throw new Error(`No mutation ${name}`);
  const inputType = field.args[0]?.type.toString();
  return `mutation Run($input: ${inputType}) { ${name}(input: $input) { aggregateId streamId version eventTypes duplicate checkpoint } }`;
}

export interface Payload {
  aggregateId: string;
  streamId: string;
  version: number;
  eventTypes: string[];
  duplicate: boolean;
  checkpoint: string | null;
}

/** Runs one mutation with its input. */
export function mutate(
  url: string,
  token: string,
  name: string,
  input: Record<string, unknown>,
): Promise<GraphQLResponse<Record<string, Payload>>> {
  return graphql<Record<string, Payload>>(url, mutationDocument(name), { input }, token);
}

/** Runs one mutation and fails the test with the errors when it did not succeed. */
export async function mustMutate(
  url: string,
  token: string,
  name: string,
  input: Record<string, unknown>,
): Promise<Payload> {
  const response = await mutate(url, token, name, input);
  const payload = response.body.data?.[name];
  if (!payload || response.body.errors) {
    throw new Error(`${name} failed (${response.status}): ${JSON.stringify(response.body.errors)}`);
  }
  return payload;
}
