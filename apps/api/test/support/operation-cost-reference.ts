// The cost as it was computed before the cached path (commit b115c4e): every variable
// coerced and every argument read on each request. The property test compares with it.
import {
  getNamedType,
  getOperationAST,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues, getDirectiveValues, getVariableValues } from 'graphql/execution/values';
import { PAGE_SIZE } from '@vouch/application';

type Variables = Record<string, unknown>;

/**
 * The cost of one field from its arguments and the cost of one of its items: a connection
 * (a field that takes `first`/`last`) costs its page size — the default page when neither
 * is given — times its items; a field fetching a list of ids (`nodes(ids:)`) costs one item
 * per id; anything else 1 plus its children. These are Vouch's weights.
 */
function fieldCost(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  childCost: number,
): number {
  const size = pageSizeOf(field, args);
  if (size === undefined) return 1 + childCost;
  return 1 + Math.max(1, size) * Math.max(1, childCost);
}

/** How many items a field returns at most, from its arguments; undefined for a single item. */
function pageSizeOf(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): number | undefined {
  if (typeof args.first === 'number') return args.first;
  if (typeof args.last === 'number') return args.last;
  if (field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) return PAGE_SIZE.default;
  if (Array.isArray(args.ids)) return args.ids.length;
  return undefined;
}

/**
 * The estimated cost of an operation: a field costs 1 plus its children; a connection
 * multiplies its children by the page size; on an abstract type the most expensive possible
 * type counts. Each fragment is costed once per operation and its cost reused at every
 * spread, so a fan-out of fragments (10 fragments each spreading the next 10 times) is
 * priced at its true 10¹⁰ without walking 10¹⁰ paths: the walk is linear in the document.
 * Undefined when the operation cannot be chosen or the variables do not coerce: Apollo and
 * graphql-js refuse those with their own typed errors.
 */
export function referenceOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Variables | undefined,
  operationName: string | undefined | null,
): number | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return undefined;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, {
    maxErrors: 1,
  });
  if (coerced.errors) return undefined;
  const values = coerced.coerced;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fragmentCosts = new Map<string, number>();

  const included = (node: SelectionNode): boolean => {
    if (!node.directives?.length) return true;
    if (getDirectiveValues(GraphQLSkipDirective, node, values)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, values)?.if !== false;
  };

  const fieldDefinition = (
    type: GraphQLCompositeType,
    name: string,
  ): GraphQLField<unknown, unknown> | undefined => {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
    return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
  };

  const fragmentCost = (name: string): number => {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    // A cycle is refused by validation; pricing it at 0 only keeps this walk finite.
    fragmentCosts.set(name, 0);
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    const cost = fragment && isCompositeType(type) ? selectionSetCost(fragment.selectionSet, type) : 0;
    fragmentCosts.set(name, cost);
    return cost;
  };

  /** The cost of a selection set: per possible type, the sum of what applies to it; the most expensive type wins. */
  function selectionSetCost(selectionSet: SelectionSetNode, type: GraphQLCompositeType): number {
    const typesOf = (of: GraphQLCompositeType): readonly string[] =>
      isAbstractType(of) ? schema.getPossibleTypes(of).map((possible) => possible.name) : [of.name];
    const perType = new Map<string, number>();
    const add = (cost: number, types: readonly string[]) => {
      for (const name of types) perType.set(name, (perType.get(name) ?? 0) + cost);
    };
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const field = fieldDefinition(type, selection.name.value);
        if (!field) continue;
        const namedType = getNamedType(field.type);
        const childCost =
          selection.selectionSet && isCompositeType(namedType)
            ? selectionSetCost(selection.selectionSet, namedType)
            : 0;
        // A field that declares its cost (weighted by the work it does, e.g. a whole-log
        // verification) is priced so, plus its children.
        const declared = field.extensions?.complexity;
        const cost =
          typeof declared === 'number'
            ? declared + childCost
            : fieldCost(field, getArgumentValues(field, selection, values), childCost);
        add(cost, typesOf(type));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (isCompositeType(condition))
          add(selectionSetCost(selection.selectionSet, condition), typesOf(condition));
      } else {
        const fragment = fragments.get(selection.name.value);
        const condition = fragment && schema.getType(fragment.typeCondition.name.value);
        if (isCompositeType(condition)) add(fragmentCost(selection.name.value), typesOf(condition));
      }
    }
    return Math.max(0, ...perType.values());
  }

  try {
    return selectionSetCost(operation.selectionSet, rootType);
  } catch {
    // An argument that does not coerce: execution refuses it as BAD_USER_INPUT.
    return undefined;
  }
}
