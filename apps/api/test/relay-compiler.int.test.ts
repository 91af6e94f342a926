import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCHEMA = resolve(__dirname, '../../../schema/schema.graphql');
const RELAY_CLI = require.resolve('relay-compiler/cli.js');

/**
 * What a Relay front end writes against Vouch: a refetchable advocate card, searches paged
 * forward and requests paged backward (`@connection` + `@refetchable`), a query through
 * `node(id:)`, and a mutation whose payload updates the store by global id. Relay names
 * each document after its module, so each lives in a file of its own.
 */
const DOCUMENTS: Record<string, string> = {
  'AdvocateCard.ts': `
    fragment AdvocateCard_advocate on Advocate
    @refetchable(queryName: "AdvocateCardRefetchQuery") {
      id
      advocateId
      view
      company
      seniority
      status
      contact { name title }
    }`,
  'AdvocateSearch.ts': `
    fragment AdvocateSearch_query on Query
    @refetchable(queryName: "AdvocateSearchPaginationQuery")
    @argumentDefinitions(
      count: { type: "Int", defaultValue: 10 }
      cursor: { type: "String" }
      filter: { type: "AdvocateSearchInput" }
    ) {
      searchAdvocates(first: $count, after: $cursor, filter: $filter)
      @connection(key: "AdvocateSearch_searchAdvocates", filters: ["filter"]) {
        totalCount
        edges { node { id ...AdvocateCard_advocate } }
      }
    }`,
  'RecentRequests.ts': `
    fragment RecentRequests_query on Query
    @refetchable(queryName: "RecentRequestsPaginationQuery")
    @argumentDefinitions(count: { type: "Int", defaultValue: 5 }, cursor: { type: "String" }) {
      requests(last: $count, before: $cursor) @connection(key: "RecentRequests_requests") {
        edges { node { id requestId status sla { state } } }
      }
    }`,
  'RequestDetail.ts': `
    fragment RequestDetail_request on ReferenceRequest
    @refetchable(queryName: "RequestDetailRefetchQuery") {
      id
      requestId
      status
      candidates { advocateId status advocate { ...AdvocateCard_advocate } }
    }`,
  'App.ts': `
    query AppQuery($advocate: ID!) {
      viewer { userId roles }
      ...AdvocateSearch_query
      ...RecentRequests_query
      node(id: $advocate) { id ...AdvocateCard_advocate @alias }
    }`,
  'RestAdvocate.ts': `
    mutation RestAdvocateMutation($input: RestAdvocateInput!) {
      restAdvocate(input: $input) {
        duplicate
        advocate { id status restingUntil ...AdvocateCard_advocate }
      }
    }`,
};

/** Writes the documents and a Relay config into a fresh directory, compiles, and returns what happened. */
function compile(schemaText: string): { status: number | null; output: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-relay-'));
  mkdirSync(join(dir, 'src'));
  for (const [file, document] of Object.entries(DOCUMENTS)) {
    writeFileSync(
      join(dir, 'src', file),
      `import { graphql } from 'react-relay';\nexport default graphql\`${document}\`;\n`,
    );
  }
  writeFileSync(join(dir, 'schema.graphql'), schemaText);
  writeFileSync(
    join(dir, 'relay.config.json'),
    JSON.stringify({ src: './src', schema: './schema.graphql', language: 'typescript' }),
  );
  const run = spawnSync(process.execPath, [RELAY_CLI], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}`, dir };
}

describe('relay-compiler against schema/schema.graphql', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('compiles fragments, @refetchable, @connection both ways, node(id:) and a mutation', () => {
    const result = compile(readFileSync(SCHEMA, 'utf8'));
    dirs.push(result.dir);
    // On failure the compiler's own words say why.
    if (result.status !== 0) throw new Error(`relay-compiler failed:\n${result.output}`);
    const generated = (name: string) => join(result.dir, 'src', '__generated__', `${name}.graphql.ts`);
    for (const artifact of [
      'AdvocateCard_advocate',
      'AdvocateCardRefetchQuery',
      'AdvocateSearchPaginationQuery',
      'RecentRequestsPaginationQuery',
      'RequestDetailRefetchQuery',
      'AppQuery',
      'RestAdvocateMutation',
    ]) {
      expect(existsSync(generated(artifact))).toBe(true);
    }
    // Refetching an advocate goes through node(id:); paging requests goes backward.
    expect(readFileSync(generated('AdvocateCardRefetchQuery'), 'utf8')).toContain('"node"');
    expect(readFileSync(generated('RecentRequests_query'), 'utf8')).toContain('"backward"');
  });

  it.each([
    ['PageInfo.hasPreviousPage', /^\s*hasPreviousPage: Boolean!\n/m],
    ['Query.node', /^ {2}node\(\n[\s\S]*?\): Node\n/m],
  ])('fails on the schema without %s, so the test above can fail', (_missing, cut) => {
    const schema = readFileSync(SCHEMA, 'utf8');
    const result = compile(schema.replace(cut, ''));
    dirs.push(result.dir);
    expect(schema.replace(cut, '')).not.toBe(schema);
    expect(result.status).not.toBe(0);
  });
});
