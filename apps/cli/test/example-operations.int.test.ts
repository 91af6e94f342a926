import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate, type OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { toGlobalId } from '../../api/src/schema/node/global-id';
import { exampleTabs, globalIdOf } from '../src/graphiql/example-operations';

// The checked-in SDL is emitted from the API's code and checked by its own test, so a tab
// that validates here runs against the server.
const schema = buildSchema(
  readFileSync(join(__dirname, '..', '..', '..', 'schema', 'schema.graphql'), 'utf8'),
);

describe('the GraphiQL tour', () => {
  const tabs = exampleTabs(
    {
      advocateId: 'adv-1',
      accountId: 'acct-1',
      ownerId: 'olga.ae',
      consentId: 'adv-1-consent-1',
      withdrawKind: 'CASE_STUDY',
      territory: 'EMEA',
    },
    new Date('2026-11-23T10:00:00Z'),
  );

  it.each(tabs.map((tab) => [tab.title, tab] as const))(
    'tab %s is valid against the schema',
    (_title, tab) => {
      const document = parse(tab.query);
      expect(validate(schema, document)).toEqual([]);
      for (const operation of document.definitions as OperationDefinitionNode[]) {
        const { errors } = getVariableValues(schema, operation.variableDefinitions ?? [], tab.variables);
        expect([operation.name?.value, errors ?? []]).toEqual([operation.name?.value, []]);
      }
    },
  );

  it('uses fixed command ids, so running a tab again shows idempotency', () => {
    const again = exampleTabs(undefined, new Date('2026-11-23T18:00:00Z'));
    const ids = (t: typeof tabs) => JSON.stringify(t.map((tab) => tab.variables)).match(/tour-[\w-]+/g);
    expect(ids(again)).toEqual(ids(tabs));
  });

  it("refetches the tour's advocate by the API's own global id", () => {
    const find = tabs.find((tab) => tab.title === 'Find');
    expect(find?.variables.id).toBe(toGlobalId('Advocate', 'adv-1'));
    expect(globalIdOf('ReferenceRequest', 'req-1')).toBe(toGlobalId('ReferenceRequest', 'req-1'));
  });
});
