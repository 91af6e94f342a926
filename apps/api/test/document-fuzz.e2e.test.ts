import fc from 'fast-check';
import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLInputType,
} from 'graphql';
import { buildApiSchema } from '../src';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const schema = buildApiSchema();

/** A literal for an argument: usually of its type, sometimes of another kind altogether. */
function literal(type: GraphQLInputType, depth: number): fc.Arbitrary<string> {
  const named = getNamedType(type);
  const wrong = fc.constantFrom('null', '"x"', '-1', '2147483648', '1.5', 'true', '[]', '{}', 'FOO', '""');
  let right: fc.Arbitrary<string>;
  if (isEnumType(named)) right = fc.constantFrom(...named.getValues().map((v) => v.name));
  else if (isInputObjectType(named) && depth < 2) {
    const fields = Object.values(named.getFields());
    const required = fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    const optional = fields.filter((f) => !required.includes(f));
    right = fc
      .subarray(optional, { maxLength: Math.min(3, optional.length) })
      .chain((chosen) =>
        fc.tuple(
          ...[...required, ...chosen].map((f) => literal(f.type, depth + 1).map((v) => `${f.name}: ${v}`)),
        ),
      )
      .map((parts) => `{ ${parts.join(', ')} }`);
  } else if (named.name === 'Int') right = fc.integer({ min: -5, max: 200 }).map(String);
  else if (named.name === 'Boolean') right = fc.boolean().map(String);
  else if (named.name === 'DateTime')
    right = fc.constantFrom('"2026-11-01T00:00:00Z"', '"2026-12-24T12:00:00+01:00"', '"now"');
  else right = fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s));
  return fc.oneof({ weight: 8, arbitrary: right }, { weight: 1, arbitrary: wrong });
}

/** Every required argument (mostly), and some of the optional ones. */
const argumentList = (args: readonly GraphQLArgument[]): fc.Arbitrary<string> =>
  fc
    .subarray(args.filter((a) => !isNonNullType(a.type)))
    .chain((optional) =>
      fc
        .boolean()
        .map((dropRequired) => [
          ...args.filter((a) => isNonNullType(a.type)).slice(dropRequired ? 1 : 0),
          ...optional,
        ]),
    )
    .chain((chosen) =>
      chosen.length === 0
        ? fc.constant('')
        : fc
            .tuple(...chosen.map((a) => literal(a.type, 0).map((v) => `${a.name}: ${v}`)))
            .map((parts) => `(${parts.join(', ')})`),
    );

/** A selection set on a type: a few of its fields (aliased, directed, wrapped) down to `depth`. */
function selection(type: GraphQLCompositeType, depth: number): fc.Arbitrary<string> {
  const fields = isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : [];
  const field = fc.constantFrom(...fields).chain((f) => {
    const child = getNamedType(f.type);
    const sub = !isCompositeType(child)
      ? fc.constant('')
      : depth < 4
        ? selection(child, depth + 1).map((s) => ` ${s}`)
        : fc.constant(' { __typename }');
    return fc
      .tuple(
        fc.option(fc.constantFrom('a', 'b', 'x1'), { freq: 10 }),
        argumentList(f.args),
        fc.option(fc.constantFrom('@include(if: true)', '@skip(if: false)', '@skip(if: $flag)'), { freq: 5 }),
        sub,
      )
      .map(
        ([alias, args, directive, rest]) =>
          `${alias ? `${alias}: ` : ''}${f.name}${args}${directive ? ` ${directive}` : ''}${rest}`,
      );
  });
  const item = fc.oneof(
    { weight: 6, arbitrary: field },
    { weight: 1, arbitrary: fc.constant('__typename') },
    { weight: 1, arbitrary: field.map((f) => `... on ${type.name} { ${f} }`) },
  );
  return fc.array(item, { minLength: 1, maxLength: 4 }).map((items) => `{ ${items.join(' ')} }`);
}

const request = fc.record({
  query: selection(schema.getQueryType()!, 0).map((body) =>
    body.includes('$flag') ? `query Q($flag: Boolean = false) ${body}` : `query Q ${body}`,
  ),
  operationName: fc.option(fc.constantFrom('Q', 'Q', 'Q', 'x', ''), { nil: undefined }),
  variables: fc.option(fc.dictionary(fc.constantFrom('flag', 'other'), fc.jsonValue({ maxDepth: 1 })), {
    nil: undefined,
  }),
});

describe('schema-aware fuzz of query documents', () => {
  let t: TestServer;
  let token: string;

  beforeAll(async () => {
    t = await startTestServer({ limits: { rateLimitPerWindow: 1_000_000 } });
    token = await tokenFor('fuzz-docs', 'mallory', ['PROGRAM_MANAGER', 'AUDITOR', 'ADMIN', 'REQUESTER']);
  });
  afterAll(() => t.close());

  it('answers every generated document with a typed error or data, never a 500 or INTERNAL_SERVER_ERROR', async () => {
    const outcomes = { data: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(request, async (body) => {
        const response = await fetch(t.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json, application/json',
            authorization: `Bearer ${token}`,
          },
          body: JSON.stringify(body),
        });
        const json = (await response.json()) as {
          data?: unknown;
          errors?: { extensions?: { code?: string } }[];
        };
        if (json.data) outcomes.data += 1;
        else outcomes.refused += 1;
        const codes = (json.errors ?? []).map((e) => e.extensions?.code);
        if (response.status >= 500 || codes.some((c) => !c || c === 'INTERNAL_SERVER_ERROR')) {
          throw new Error(
            `${response.status} ${JSON.stringify(json).slice(0, 400)} for ${JSON.stringify(body)}`,
          );
        }
      }),
      { numRuns: 300, seed: Number(process.env.FUZZ_SEED ?? 13) },
    );
    // Both sides were exercised: documents that ran, and documents that were refused.
    expect(outcomes.data).toBeGreaterThan(3);
    expect(outcomes.refused).toBeGreaterThan(10);
  }, 120_000);
});
