import { PROGRAM_ID } from '@vouch/application';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { badUserInput } from '../../errors/bad-user-input';
import { AdvocateQueries } from '../advocate/advocate-queries';
import { ContentQuery } from '../content/content-query';
import { NominationQuery } from '../nomination/nomination-query';
import { ProgramQueries } from '../program/program-queries';
import { RequestQueries } from '../request/request-queries';
import { fromGlobalId, toGlobalId, type NodeTypeName } from './global-id';
import { Node, taggedNode, type TaggedNode } from './node-interface';

/** The most ids one `nodes` call takes: the same bound as a page. */
const MAX_IDS = 100;

// Each type is fetched through its own query's resolver, so `node(id:)` sees exactly what
// that query shows (permissions, relationships, anonymisation, read-your-writes) and is null
// where it is null.
const advocates = new AdvocateQueries();
const requests = new RequestQueries();
const programs = new ProgramQueries();
const nominations = new NominationQuery();
const contents = new ContentQuery();

const FETCH: Record<NodeTypeName, (domainId: string, context: ApiContext) => Promise<object | undefined>> = {
  Advocate: (id, context) => advocates.advocate(id, context),
  ReferenceRequest: (id, context) => requests.request(id, context),
  Account: (id, context) => programs.account(id, context),
  Nomination: (id, context) => nominations.nomination(id, context),
  ContentAsset: (id, context) => contents.content(id, context),
  // One program per tenant: its only id is the program's.
  Program: async (id, context) => (id === PROGRAM_ID ? programs.program(context) : undefined),
};

/** The domain id of an object of a Node type, from the field that states it. */
const DOMAIN_ID: Record<NodeTypeName, (root: Record<string, unknown>) => unknown> = {
  Advocate: (root) => root.advocateId,
  ReferenceRequest: (root) => root.requestId,
  Account: (root) => root.accountId,
  Nomination: (root) => root.nominationId,
  ContentAsset: (root) => root.contentId,
  Program: () => PROGRAM_ID,
};

/** One object by global id, or undefined when there is none the caller may see. */
async function fetchNode(globalId: string, context: ApiContext): Promise<TaggedNode | undefined> {
  const target = fromGlobalId(globalId);
  if (!target) throw badUserInput('id', 'is not a global id of this API');
  const found = await FETCH[target.type](target.domainId, context);
  return found && taggedNode(target.type, found);
}

/** Relay Global Object Identification: `node(id:)`, `nodes(ids:)` and every Node's `id`. */
@Resolver(() => Node)
export class NodeQueries {
  @Query(() => Node, {
    nullable: true,
    description:
      "Any object by its global id, with exactly the visibility of its type's own query: null when there is none or you may not see it.",
  })
  node(
    @Arg('id', () => ID, { description: 'The global id (a Node’s `id`).' }) id: string,
    @Ctx() context: ApiContext,
  ): Promise<TaggedNode | undefined> {
    return fetchNode(id, context);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description:
      'Objects by global id, in the order asked, each as `node(id:)` answers it: null (with its error, if any) where there is none you may see.',
  })
  nodes(
    @Arg('ids', () => [ID], { description: `The global ids, at most ${MAX_IDS}.` }) ids: string[],
    @Ctx() context: ApiContext,
  ): Promise<(TaggedNode | undefined | Error)[]> {
    if (ids.length > MAX_IDS) throw badUserInput('ids', `must list at most ${MAX_IDS} ids`);
    // An error for one id (malformed, forbidden) nulls that item only.
    return Promise.all(ids.map((id) => fetchNode(id, context).catch((error: unknown) => error as Error)));
  }

  @FieldResolver(() => ID)
  id(@Root() root: Record<string, unknown>, @Info() info: GraphQLResolveInfo): string {
    const type = info.parentType.name as NodeTypeName;
    return toGlobalId(type, String(DOMAIN_ID[type](root)));
  }
}
