import { COMMAND_ROUTES, INTEGRITY_OPERATIONS } from '@vouch/application';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { buildApiSchema } from '../src';
import { WEBHOOK_MUTATIONS } from '../src/schema/webhooks/webhook-resolvers';

const schema = buildApiSchema();
const mutations = schema.getMutationType()?.getFields() ?? {};
const camel = (type: string) => type.charAt(0).toLowerCase() + type.slice(1);
const named = (type: GraphQLInputType): GraphQLNamedType =>
  isNonNullType(type) ? named(type.ofType as GraphQLInputType) : (type as GraphQLNamedType);

describe('the schema', () => {
  it('has one mutation for every command of the application, integrity operation and webhook change, and no other', () => {
    expect(Object.keys(mutations).sort()).toEqual(
      [...Object.keys(COMMAND_ROUTES).map(camel), ...INTEGRITY_OPERATIONS, ...WEBHOOK_MUTATIONS].sort(),
    );
  });

  it.each([...INTEGRITY_OPERATIONS, ...WEBHOOK_MUTATIONS])(
    '%s takes one input object with a required commandId',
    (name) => {
      const field = mutations[name];
      expect(field?.args).toHaveLength(1);
      const input = named(field!.args[0]!.type);
      expect(isInputObjectType(input) && String(input.getFields().commandId?.type)).toBe('ID!');
    },
  );

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
      // Nullable: a refused mutation is null on its own, never nulling the others' results.
      expect(field?.type.toString()).toBe('CommandPayload');
    },
  );

  it('makes every mutation nullable, so one refusal never nulls the results of the others', () => {
    const nonNull = Object.values(mutations)
      .filter((field) => isNonNullType(field.type))
      .map((field) => field.name);
    expect(Object.keys(mutations).length).toBeGreaterThan(70);
    expect(nonNull).toEqual([]);
  });

  it('describes every type, field, argument and enum value for readers of GraphiQL', () => {
    expect(undescribed(schema)).toEqual([]);
  });

  it('finds what is left undescribed (the walk can fail)', () => {
    const bare = buildSchema(`
      type Query { a(x: Int): E }
      enum E { ONE TWO }
    `);
    expect(undescribed(bare)).toEqual(['Query', 'Query.a', 'Query.a(x)', 'E', 'E.ONE', 'E.TWO']);
  });
});

/** Every type, field, argument and enum value of a schema without a description (built-ins aside). */
function undescribed(target: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(target.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing;
}
