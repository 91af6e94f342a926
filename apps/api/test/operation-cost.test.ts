import { parse } from 'graphql';
import { buildApiSchema } from '../src';
import { operationCost } from '../src/limits/operation-cost';

const schema = buildApiSchema();
const cost = (query: string, variables?: Record<string, unknown>) =>
  operationCost(schema, parse(query), variables, undefined);

describe('the cost of an operation', () => {
  it('prices a connection read without first or last at the default page, as the server reads it', () => {
    const implicit = cost('{ searchAdvocates { edges { node { advocateId } } } }');
    expect(implicit).toBe(cost('{ searchAdvocates(first: 20) { edges { node { advocateId } } } }'));
    expect(implicit).toBeGreaterThan(
      cost('{ searchAdvocates(first: 1) { edges { node { advocateId } } } }')!,
    );
  });

  it('prices a backward page by its size', () => {
    expect(cost('{ searchAdvocates(last: 50) { edges { node { advocateId } } } }')).toBe(
      cost('{ searchAdvocates(first: 50) { edges { node { advocateId } } } }'),
    );
  });

  it('prices nodes(ids:) one item per id, from literals and variables alike', () => {
    const one = cost('{ nodes(ids: ["a"]) { id } }')!;
    const three = cost('{ nodes(ids: ["a", "b", "c"]) { id } }')!;
    expect(three).toBeGreaterThan(one);
    expect(cost('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['a', 'b', 'c'] })).toBe(three);
  });

  it('prices a single object as one plus its fields', () => {
    expect(cost('{ viewer { userId } }')).toBe(2);
  });
});
