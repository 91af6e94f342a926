import {
  accountActorsAt,
  type AggregateName,
  type Consent,
  type ContentAssetState,
  type DecisionContext,
  type ReferenceRequestState,
} from '@vouch/domain';
import type { AggregateReader } from './aggregate-reader';
import type { DomainCommand } from './vouch-command';

/**
 * Builds what each decider needs beyond its own state: the advocate decider the program's
 * policies; the nomination decider those and the nominated account's facts; the content
 * decider the consents of the advocates and accounts it relies on; the request decider, for
 * an owner's approval, who acts for the candidate's account now.
 */
export async function loadDecisionContext(
  reader: AggregateReader,
  tenantId: string,
  aggregate: AggregateName,
  command: DomainCommand,
  base: DecisionContext,
  currentState: () => unknown,
): Promise<DecisionContext> {
  switch (aggregate) {
    case 'Advocate':
      return { ...base, policies: await reader.policies(tenantId) } as DecisionContext;
    case 'Nomination': {
      const policies = await reader.policies(tenantId);
      const accountId = command.type === 'SubmitNomination' ? String(command.data.accountId ?? '') : '';
      const account = accountId ? await reader.account(tenantId, accountId) : undefined;
      return {
        ...base,
        policies,
        account: {
          exists: account !== undefined && account.status !== 'NONE',
          archived: account?.status === 'ARCHIVED',
          ...(account?.ownerId !== undefined ? { ownerId: account.ownerId } : {}),
          ...(account?.health !== undefined ? { healthScore: account.health.healthScore } : {}),
        },
      } as DecisionContext;
    }
    case 'ContentAsset': {
      const consents = new Map<string, readonly Consent[]>();
      if (command.type === 'PublishContent' || command.type === 'ReinstateContent') {
        for (const { holder, holderId } of (currentState() as ContentAssetState).holders) {
          const state =
            holder === 'ADVOCATE'
              ? await reader.advocate(tenantId, holderId)
              : await reader.account(tenantId, holderId);
          consents.set(`${holder}:${holderId}`, Object.values(state.consents));
        }
      }
      return {
        ...base,
        consentsOf: (holder: string, holderId: string) => consents.get(`${holder}:${holderId}`) ?? [],
      } as DecisionContext;
    }
    case 'ReferenceRequest': {
      if (command.type !== 'ApproveAsk' && command.type !== 'DeclineAsk') return base;
      const candidate = (currentState() as ReferenceRequestState).candidates[String(command.data.advocateId)];
      if (!candidate) return base;
      const account = await reader.account(tenantId, candidate.accountId);
      if (account.status === 'NONE') return base;
      const actors = accountActorsAt(account, base.now);
      return {
        ...base,
        accountActors: (accountId: string) => (accountId === candidate.accountId ? actors : []),
      } as DecisionContext;
    }
    default:
      return base;
  }
}
