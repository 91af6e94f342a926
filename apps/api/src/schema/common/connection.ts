import { Max, Min, MaxLength, IsInt, IsOptional, IsString } from 'class-validator';
import type { ClassType } from 'type-graphql';
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { badUserInput } from '../../errors/bad-user-input';

/** The GraphQL conventions' page size bounds and default. */
export const PAGE = { min: 1, max: 100, default: 20 } as const;

@ObjectType({ description: 'Where a page of a connection ends and whether more follow (Relay).' })
export class PageInfo {
  @Field(() => Boolean, {
    description: 'True when items follow this page: ask again with `after: endCursor`.',
  })
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the last edge of this page; null when the page is empty.',
  })
  endCursor?: string | null;
}

/**
 * `first` and `after` of a Relay connection. `first` has a default so the cost limit always
 * prices a list by its page size; out of range it is refused as BAD_USER_INPUT.
 */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    defaultValue: PAGE.default,
    description: `How many items to return, ${PAGE.min}..${PAGE.max}; default ${PAGE.default}.`,
  })
  @IsInt()
  @Min(PAGE.min)
  @Max(PAGE.max)
  first: number = PAGE.default;

  @Field(() => String, {
    nullable: true,
    description: "Return the items after this cursor (a previous page's `pageInfo.endCursor`).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string | null;
}

/** A page request as the facade takes it. */
export function pageRequest(args: PageArgs): { first: number; after?: string } {
  return { first: args.first, ...(args.after ? { after: args.after } : {}) };
}

/** The shape every connection class has. */
export interface ConnectionShape<Node> {
  edges: readonly { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  totalCount?: number | null;
}

/**
 * A Relay connection type (`<Name>Connection` with `<Name>Edge`) over a node type. The
 * facade's `Connection` objects resolve as they are.
 */
export function connectionOf<Node extends object>(
  name: string,
  node: ClassType<Node>,
  description: string,
): ClassType<ConnectionShape<Node>> {
  @ObjectType(`${name}Edge`, { description: `One ${description} of a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque position of this item: pass it as `after` to read on.' })
    cursor!: string;

    @Field(() => node, { description: `The ${description}.` })
    node!: Node;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${description}s (Relay connection).` })
  class Connection {
    @Field(() => [Edge], { description: 'The items of this page, in order.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Whether more items follow, and the cursor to read them.' })
    pageInfo!: PageInfo;

    @Field(() => Int, {
      nullable: true,
      description: 'How many items match in all, when counting costs no more than the page; else null.',
    })
    totalCount?: number | null;
  }
  return Connection as ClassType<ConnectionShape<Node>>;
}

/**
 * A Relay page of a list the facade returns whole (an audit trail), in its order, the cursor
 * being the item's own stable key.
 */
export function pageOfList<Item>(
  items: readonly Item[],
  keyOf: (item: Item) => string,
  args: PageArgs,
): ConnectionShape<Item> {
  const cursorOf = (item: Item) => Buffer.from(keyOf(item), 'utf8').toString('base64url');
  let start = 0;
  if (args.after) {
    start = items.findIndex((item) => cursorOf(item) === args.after) + 1;
    if (start === 0) throw badUserInput('after', 'is not a cursor of this list');
  }
  const page = items.slice(start, start + args.first);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: start + page.length < items.length, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: items.length,
  };
}
