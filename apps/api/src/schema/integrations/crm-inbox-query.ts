import { CrmInbound } from '@vouch/application';
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { badUserInput } from '../../errors/bad-user-input';
import { ForwardPageArgs, pageRequest, type ConnectionShape } from '../common/connection';
import { CrmInboxEntryConnection, CrmInboxStatus, type CrmInboxEntryView } from './crm-inbox-types';
import type { CrmInboxStatus as CrmInboxStatusValue } from '@vouch/application';

/** The CRM inbox, a page at a time, from the integration's read model (no scan of the log). */
@Resolver()
export class CrmInboxQuery {
  @Query(() => CrmInboxEntryConnection, {
    description:
      'Inbound CRM events in one status (default PARKED), oldest received first, a page at a time. Admins and program managers.',
  })
  async crmInbox(
    @Args(() => ForwardPageArgs) page: ForwardPageArgs,
    @Ctx() { vouch, principal }: ApiContext,
    @Arg('status', () => CrmInboxStatus, { nullable: true, description: 'Which entries; default PARKED.' })
    status?: CrmInboxStatusValue | null,
  ): Promise<ConnectionShape<CrmInboxEntryView>> {
    try {
      const inbox = await new CrmInbound(vouch).inboxPage(principal, status ?? 'PARKED', pageRequest(page));
      return {
        ...inbox,
        edges: inbox.edges.map(({ cursor, node }) => ({
          cursor,
          node: { ...node, outcomes: [...node.outcomes], event: node.event },
        })),
      };
    } catch (error) {
      // The read model names the cursor it does not know: `"after" is not a cursor of the CRM inbox.`
      const field = error instanceof RangeError ? /^"(after|before)"/.exec(error.message)?.[1] : undefined;
      if (field) throw badUserInput(field, 'is not a cursor of the CRM inbox');
      throw error;
    }
  }
}
