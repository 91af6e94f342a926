import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
} from 'graphql';
import { buildApiSchema } from '../../src';

const schema = buildApiSchema();

/** Scalar values that pass the input rules, by field name where the name matters. */
function scalarFor(typeName: string, field: string, seed: string): unknown {
  if (field === 'currency') return 'EUR';
  if (field === 'email') return 'someone@example.com';
  if (field === 'durationMinutes') return 30;
  switch (typeName) {
    case 'ID':
      return `${field}-${seed}`;
    case 'String':
      return `${field} text`;
    case 'Int':
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTime':
      return '2026-12-01T10:00:00.000Z';
    default:
      throw new Error(`No sample for scalar ${typeName}`);
  }
}

function valueOf(type: GraphQLInputType, field: string, seed: string): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [valueOf(inner.ofType as GraphQLInputType, field, seed)];
  if (isEnumType(inner)) return inner.getValues()[0]?.value;
  if (isScalarType(inner)) return scalarFor(inner.name, field, seed);
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const child of Object.values(inner.getFields())) {
      if (isNonNullType(child.type)) value[child.name] = valueOf(child.type, child.name, seed);
    }
    return value;
  }
  throw new Error(`No sample for ${String(type)}`);
}

/**
 * A well-formed input for a mutation, built from the schema: every required field with a
 * value that passes GraphQL's and class-validator's rules (not necessarily the domain's).
 */
export function sampleInput(mutation: string, seed: string): Record<string, unknown> {
  const field = schema.getMutationType()?.getFields()[mutation];
  const arg = field?.args[0];
  if (!arg) throw new Error(`No mutation ${mutation}`);
  return valueOf(arg.type, 'input', seed) as Record<string, unknown>;
}

/** The input object type of a mutation's `input` argument. */
export function inputTypeOf(mutation: string) {
  const type = getNamedType(schema.getMutationType()?.getFields()[mutation]?.args[0]?.type);
  if (!isInputObjectType(type)) throw new Error(`No input type for ${mutation}`);
  return type;
}
