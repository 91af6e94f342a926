import { COMMAND_ROUTES, INTEGRITY_OPERATIONS } from '@vouch/application';
import { isInputObjectType, isNonNullType, type GraphQLInputType, type GraphQLNamedType } from 'graphql';
import { buildApiSchema } from '../src';

const schema = buildApiSchema();
const mutations = schema.getMutationType()?.getFields() ?? {};
const camel = (type: string) => type.charAt(0).toLowerCase() + type.slice(1);
const named = (type: GraphQLInputType): GraphQLNamedType =>
  isNonNullType(type) ? named(type.ofType as GraphQLInputType) : (type as GraphQLNamedType);

describe('the schema', () => {
  it('has one mutation for every command of the application and integrity operation, and no other', () => {
    expect(Object.keys(mutations).sort()).toEqual(
      [...Object.keys(COMMAND_ROUTES).map(camel), ...INTEGRITY_OPERATIONS].sort(),
    );
  });

  it.each([...INTEGRITY_OPERATIONS])('%s takes one input object with a required commandId', (name) => {
    const field = mutations[name];
    expect(field?.args).toHaveLength(1);
    const input = named(field!.args[0]!.type);
    expect(isInputObjectType(input) && String(input.getFields().commandId?.type)).toBe('ID!');
  });

  it.each(Object.keys(COMMAND_ROUTES).map(camel))(
    '%s takes one input object with a required commandId',
    (name) => {
      const field = mutations[name];
      expect(field?.args).toHaveLength(1);
      const input = named(field!.args[0]!.type);
      expect(isInputObjectType(input)).toBe(true);
      if (!isInputObjectType(input)) return;
      const commandId = input.getFields().commandId;
      expect(commandId && String(commandId.type)).toBe('ID!');
      expect(field?.type.toString()).toBe('CommandPayload!');
    },
  );

  it('describes every type and field for readers of GraphiQL', () => {
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (
        type.name.startsWith('__') ||
        ['String', 'Boolean', 'Int', 'Float', 'ID', 'Query', 'Mutation', 'Subscription'].includes(type.name)
      )
        continue;
      if (!type.description) undocumented.push(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });
});
