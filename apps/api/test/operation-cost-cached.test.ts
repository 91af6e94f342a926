import fc from 'fast-check';
import { parse } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { buildApiSchema } from '../src';
import { operationCost } from '../src/limits/operation-cost';
import { referenceOperationCost } from './support/operation-cost-reference';

const schema = buildApiSchema();

const VARIABLES =
  '$n: Int, $m: Int, $ids: [ID!], $id: ID!, $b: Boolean!, $c: Boolean, $f: AdvocateSearchInput';

// Page sizes, id lists and directives from literals and variables, at the top, nested and in fragments.
const pageArgument = fc.constantFrom(
  '',
  'first: 3',
  'last: 7',
  'first: $n',
  'last: $m',
  'first: $n, last: $m',
);
const directive = fc.constantFrom(
  '',
  '@include(if: $b)',
  '@skip(if: $c)',
  '@skip(if: true)',
  '@include(if: $c)',
);
const selection = fc.oneof(
  fc
    .tuple(pageArgument, pageArgument, directive, directive)
    .map(
      ([page, nested, on, inner]) =>
        `searchAdvocates(filter: $f${page ? `, ${page}` : ''}) ${on} { edges { node { advocateId acceptedRequesters${nested ? `(${nested})` : ''} ${inner} { edges { node } } } } }`,
    ),
  fc
    .tuple(fc.constantFrom('["a"]', '["a", "b", "c"]', '$ids'), directive)
    .map(([ids, on]) => `nodes(ids: ${ids}) ${on} { id }`),
  fc
    .tuple(fc.constantFrom('', ', first: 5', ', first: $n'), directive)
    .map(([first, on]) => `matchCandidates(requestId: $id${first}) ${on} { available { advocateId } }`),
  directive.map((on) => `...pages ${on}`),
  directive.map((on) => `... on Query ${on} { viewer { userId } }`),
);
const document = fc
  .array(selection, { minLength: 1, maxLength: 4 })
  .map(
    (selections) =>
      `query Q(${VARIABLES}) { ${selections.map((s, i) => (s.startsWith('...') ? s : `a${i}: ${s}`)).join(' ')} }\n` +
      'fragment pages on Query { searchAdvocates(first: $m) { edges { node { advocateId } } } }',
  );
const optional = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: undefined });
const variables = fc
  .record({
    n: optional(fc.oneof(fc.integer({ min: 1, max: 100 }), fc.constant(null), fc.constant('x'))),
    m: optional(fc.oneof(fc.integer({ min: 1, max: 100 }), fc.constant(null))),
    ids: optional(fc.oneof(fc.array(fc.constant('id'), { maxLength: 5 }), fc.constant(null), fc.constant(7))),
    id: optional(fc.constant('r1')),
    b: optional(fc.boolean()),
    c: optional(fc.oneof(fc.boolean(), fc.constant(null))),
    f: optional(fc.oneof(fc.constant({ industries: ['Retail'] }), fc.constant({ industries: 5 }))),
  })
  .map((record) => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)));

describe('the cost of an operation, priced once per document when no variable changes it', () => {
  it('equals the cost read from every variable, request after request on one parsed document', () => {
    fc.assert(
      fc.property(document, fc.array(variables, { minLength: 1, maxLength: 6 }), (text, requests) => {
        const parsed = parse(text);
        const definitions = parsed.definitions.flatMap((d) =>
          d.kind === 'OperationDefinition' ? (d.variableDefinitions ?? []) : [],
        );
        for (const values of requests) {
          const expected = referenceOperationCost(schema, parse(text), values, 'Q');
          const cost = operationCost(schema, parsed, values, 'Q');
          // The reference gave up (no price) when any variable did not coerce; the cost now reads
          // only the variables that can change it, and the others are refused by execution.
          if (getVariableValues(schema, definitions, values).errors) {
            if (expected !== undefined) expect(cost).toBe(expected);
          } else {
            expect(cost).toBe(expected);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('still refuses to price a page size that does not coerce', () => {
    const text = 'query ($n: Int) { searchAdvocates(first: $n) { edges { node { advocateId } } } }';
    expect(operationCost(schema, parse(text), { n: 'x' }, undefined)).toBeUndefined();
    expect(operationCost(schema, parse(text), { n: 4 }, undefined)).toBe(
      referenceOperationCost(schema, parse(text), { n: 4 }, undefined),
    );
  });

  it('prices a document whose variables cannot change its cost once, whatever they are', () => {
    const parsed = parse(
      'query ($f: AdvocateSearchInput) { searchAdvocates(filter: $f, first: 20) { edges { node { advocateId } } } }',
    );
    const first = operationCost(schema, parsed, { f: { industries: ['Retail'] } }, undefined);
    expect(first).toBe(referenceOperationCost(schema, parsed, {}, undefined));
    expect(operationCost(schema, parsed, { f: { text: 'other' } }, undefined)).toBe(first);
  });
});
