import { connectionOfList, PAGE_SIZE, type PageRequest } from '@vouch/application';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { GraphQLScalarType } from 'graphql';
import type { ClassType } from 'type-graphql';
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { badUserInput } from '../../errors/bad-user-input';

/** The GraphQL conventions' page size bounds and default. */
export const PAGE = { min: 1, max: PAGE_SIZE.max, default: PAGE_SIZE.default } as const;

@ObjectType({
  simpleResolvers: true,
  description:
    'Where a page of a connection starts and ends, and whether items lie before and after it (Relay Cursor Connections).',
})
export class PageInfo {
  @Field(() => Boolean, {
    description:
      'True when items follow this page: ask again with `first` and `after: endCursor`. Reading backward, true when items follow `before`.',
  })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description:
      'True when items precede this page: ask again with `last` and `before: startCursor`. Reading forward, true when items precede `after`.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the first edge of this page; null when the page is empty.',
  })
  startCursor?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the last edge of this page; null when the page is empty.',
  })
  endCursor?: string | null;
}

/**
 * `first`/`after` of a connection that reads forward only (one that streams the log). Neither
 * given reads the first `PAGE.default`.
 */
@ArgsType()
export class ForwardPageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Read forward: how many items to return after \`after\` (or from the start), ${PAGE.min}..${PAGE.max}; default ${PAGE.default} unless \`last\` reads backward.`,
  })
  @IsOptional()
  @IsInt()
  @Min(PAGE.min)
  @Max(PAGE.max)
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Return the items after this cursor (a previous page's `pageInfo.endCursor`).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string | null;
}

/**
 * `first`/`after` (forward) and `last`/`before` (backward) of a Relay connection. Neither size
 * given reads the first `PAGE.default`; both given, or out of range, is BAD_USER_INPUT.
 */
@ArgsType()
export class PageArgs extends ForwardPageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Read backward: how many items to return before \`before\` (or up to the end), ${PAGE.min}..${PAGE.max}. Not with \`first\`.`,
  })
  @IsOptional()
  @IsInt()
  @Min(PAGE.min)
  @Max(PAGE.max)
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Return the items before this cursor (a later page's `pageInfo.startCursor`).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  before?: string | null;
}

/** A page request as the facade takes it; `first` and `last` together are refused here. */
export function pageRequest(args: ForwardPageArgs & Partial<PageArgs>): PageRequest {
  if (args.first != null && args.last != null) throw badUserInput('last', 'cannot be given with "first"');
  return {
    ...(args.first != null ? { first: args.first } : {}),
    ...(args.last != null ? { last: args.last } : {}),
    ...(args.after ? { after: args.after } : {}),
    ...(args.before ? { before: args.before } : {}),
  };
}

/** The shape every connection class has. */
export interface ConnectionShape<Node> {
  edges: readonly { cursor: string; node: Node }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor?: string | null;
    endCursor?: string | null;
  };
  totalCount?: number | null;
}

/**
 * A Relay connection type (`<Name>Connection` with `<Name>Edge`) over a node type (an object,
 * or a scalar such as a user id). The facade's `Connection` objects resolve as they are.
 */
export function connectionOf<Node>(
  name: string,
  node: ClassType<Node & object> | GraphQLScalarType<Node>,
  description: string,
  plural = `${description}s`,
): ClassType<ConnectionShape<Node>> {
  // Plain data (`{ cursor, node }`, the facade's pages): graphql-js's default resolver reads each field.
  @ObjectType(`${name}Edge`, {
    simpleResolvers: true,
    description: `One ${description} of a page, with its cursor.`,
  })
  class Edge {
    @Field(() => String, {
      description: 'Opaque position of this item: pass it as `after` (or `before`) to read on from it.',
    })
    cursor!: string;

    @Field(() => node, { description: `The ${description}.` })
    node!: Node;
  }

  @ObjectType(`${name}Connection`, {
    simpleResolvers: true,
    description: `A page of ${plural} (Relay connection).`,
  })
  class Connection {
    @Field(() => [Edge], { description: 'The items of this page, in order.' })
    edges!: Edge[];

    @Field(() => PageInfo, {
      description: 'Where the page starts and ends, and whether items lie before and after it.',
    })
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
 * A Relay page of a list the facade returns whole (an audit trail, a wishlist), in its order,
 * the cursor being the item's own stable key.
 */
export function pageOfList<Item>(
  items: readonly Item[],
  keyOf: (item: Item) => string,
  args: PageArgs,
): ConnectionShape<Item> {
  try {
    return connectionOfList(items, keyOf, pageRequest(args));
  } catch (error) {
    // The list names the cursor it does not know: `"after" is not a cursor of this list.`
    const field = error instanceof RangeError ? /^"(after|before)"/.exec(error.message)?.[1] : undefined;
    if (field) throw badUserInput(field, 'is not a cursor of this list');
    throw error;
  }
}
