import { Field, ID, InterfaceType } from 'type-graphql';
import type { NodeTypeName } from './global-id';

/** Marks an object fetched by `node(id:)` with its GraphQL type, for `Node`'s resolveType. */
export const NODE_TYPE = Symbol('nodeType');

/** An object tagged with the type `node(id:)` found it as. */
export type TaggedNode = { [NODE_TYPE]: NodeTypeName };

/** Tags an object fetched by `node(id:)` so the `Node` interface knows its type. */
export function taggedNode<Value extends object>(type: NodeTypeName, value: Value): Value & TaggedNode {
  return { ...value, [NODE_TYPE]: type };
}

@InterfaceType('Node', {
  description:
    'An object with a global id (Relay Global Object Identification): refetch it with `node(id:)`, with the same visibility as its own query.',
  resolveType: (value: TaggedNode) => value[NODE_TYPE],
})
export abstract class Node {
  @Field(() => ID, {
    description:
      'Opaque global id, unique across types; `node(id:)` refetches the object. Mutations take the domain id (`advocateId`, `requestId`, …), not this one.',
  })
  id!: string;
}
