import {
  accountActorsAt,
  activeSuppressions,
  type ActiveSuppression,
  DECISION_NEEDS,
  type AggregateName,
  type Consent,
  type DecisionContext,
  type DecisionNeed,
  type NominatedAccountFacts,
  type ProgramPolicies,
  type SelfServePreApproval,
} from '@vouch/domain';
import type { AggregateReader } from './aggregate-reader';
import type { DomainCommand } from './vouch-command';

/** Every fact a decider may declare, as the decision context carries it. */
interface DecisionFacts {
  policies?: ProgramPolicies;
  account?: NominatedAccountFacts;
  accountActors?: (accountId: string) => readonly string[];
  consentsOf?: (holder: string, holderId: string) => readonly Consent[];
  selfServePoolOf?: (
    advocateId: string,
  ) => { accountId: string; preApprovals: Readonly<Record<string, SelfServePreApproval>> } | undefined;
  accountSuppressions?: readonly ActiveSuppression[];
}

/**
 * Builds what a decision needs beyond its own state, as its decider declares it
 * (`DECISION_NEEDS`): the application reads each fact the same way whatever the aggregate.
 * `consentsOf` is always there (empty for holders not declared), so a decider that reads
 * consents never sees more than it asked for.
 */
export async function loadDecisionContext(
  reader: AggregateReader,
  tenantId: string,
  aggregate: AggregateName,
  command: DomainCommand,
  base: DecisionContext,
  currentState: () => unknown,
): Promise<DecisionContext & DecisionFacts> {
  const facts: DecisionFacts = {};
  const consents = new Map<string, readonly Consent[]>();
  for (const need of DECISION_NEEDS[aggregate].needs(command, currentState)) {
    await load(need);
  }
  return {
    ...base,
    ...facts,
    consentsOf: (holder: string, holderId: string) => consents.get(`${holder}:${holderId}`) ?? [],
  };

  async function load(need: DecisionNeed): Promise<void> {
    switch (need.kind) {
      case 'policies':
        facts.policies = await reader.policies(tenantId);
        return;
      case 'nominatedAccount': {
        const account = need.accountId ? await reader.account(tenantId, need.accountId) : undefined;
        facts.account = {
          exists: account !== undefined && account.status !== 'NONE',
          archived: account?.status === 'ARCHIVED',
          ...(account?.ownerId !== undefined ? { ownerId: account.ownerId } : {}),
          ...(account?.health !== undefined ? { healthScore: account.health.healthScore } : {}),
        };
        return;
      }
      case 'consents': {
        const holder =
          need.holder === 'ADVOCATE'
            ? await reader.advocate(tenantId, need.holderId)
            : await reader.account(tenantId, need.holderId);
        consents.set(`${need.holder}:${need.holderId}`, Object.values(holder.consents));
        return;
      }
      case 'accountActors': {
        const account = await reader.account(tenantId, need.accountId);
        if (account.status === 'NONE') return; // the owner recorded at shortlisting decides
        const actors = accountActorsAt(account, base.now);
        facts.accountActors = (accountId) => (accountId === need.accountId ? actors : []);
        return;
      }
      case 'selfServePool': {
        const advocate = await reader.advocate(tenantId, need.advocateId);
        if (advocate.status === 'NONE') return; // no such advocate: nobody pre-approved it
        const pool = { accountId: advocate.accountId, preApprovals: advocate.selfServePool ?? {} };
        facts.selfServePoolOf = (advocateId) => (advocateId === need.advocateId ? pool : undefined);
        return;
      }
      case 'accountSuppressions':
        facts.accountSuppressions = activeSuppressions(await reader.account(tenantId, need.accountId));
        return;
    }
  }
}
