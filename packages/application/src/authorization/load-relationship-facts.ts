import {
  accountActorsAt,
  type AccountState,
  type AdvocateState,
  type AggregateName,
  type Candidate,
  type Instant,
  type NominationState,
  type ProgramState,
  type ReferenceRequestState,
} from '@vouch/domain';
import type { AggregateReader } from '../commands/aggregate-reader';
import type { DomainCommand } from '../commands/vouch-command';
import type { Relationship } from './permissions';
import type { RelationshipFacts } from './relationship-facts';

/** The facts of an account: who acts for it at `now`, and who owns it. */
export function accountFacts(account: AccountState | undefined, now: Instant): RelationshipFacts {
  if (!account || account.status === 'NONE') return {};
  return {
    accountActors: accountActorsAt(account, now),
    ...(account.ownerId !== undefined ? { accountOwner: account.ownerId } : {}),
  };
}

/**
 * The facts of a request: its requester, and who approves its asks — of the named
 * advocate's only, when one is named — as `approversOf` tells for each candidate (who acts
 * for the candidate's account now; by default the owner recorded at shortlisting).
 */
export function requestFacts(
  request: ReferenceRequestState | undefined,
  advocateId?: string,
  approversOf: (candidate: Candidate) => readonly string[] = (candidate) => [candidate.ownerId],
): RelationshipFacts {
  if (!request || request.status === 'NONE') return {};
  const candidates =
    advocateId === undefined
      ? Object.values(request.candidates)
      : [request.candidates[advocateId]].filter((c) => c !== undefined);
  return {
    ...(request.requestedBy !== undefined ? { requestedBy: request.requestedBy } : {}),
    askApprovers: candidates.flatMap(approversOf),
  };
}

const data = (command: DomainCommand) => command.data as unknown as Record<string, unknown>;

/**
 * The facts a command's relationship check needs, from the state the handler has folded.
 * Only what the caller's relationships ask for is looked up: a program manager's commands
 * never get here, and only an account owner's commands on an advocate or a nomination read
 * the account (where the relationship is recorded) besides the stream itself.
 */
export async function loadRelationshipFacts(
  reader: AggregateReader,
  tenantId: string,
  aggregate: AggregateName,
  command: DomainCommand,
  state: unknown,
  needed: ReadonlySet<Relationship>,
  now: Instant,
): Promise<RelationshipFacts> {
  const needsAccount = needed.has('ACTS_FOR_ACCOUNT') || needed.has('OWNS_ACCOUNT');
  const account = async (accountId: unknown) =>
    needsAccount && typeof accountId === 'string' && accountId !== ''
      ? accountFacts(await reader.account(tenantId, accountId), now)
      : {};
  switch (aggregate) {
    case 'Account': {
      if (command.type === 'RegisterAccount') {
        // Registering: the account will be the named owner's.
        const ownerId = String(command.data.ownerId ?? '');
        return { accountActors: [ownerId], accountOwner: ownerId };
      }
      return accountFacts(state as AccountState, now);
    }
    case 'Advocate': {
      const advocate = state as AdvocateState;
      if (advocate.status === 'NONE') return {};
      let facts = await account(advocate.accountId);
      if (needed.has('REQUESTED_IT') && command.type === 'RecordEngagementFeedback') {
        const requestId = advocate.engagements[String(data(command).engagementId ?? '')]?.requestId;
        if (requestId !== undefined) {
          const request = await reader.request(tenantId, requestId);
          if (request.requestedBy !== undefined) facts = { ...facts, requestedBy: request.requestedBy };
        }
      }
      return facts;
    }
    case 'Nomination': {
      const nomination = state as NominationState;
      return account(command.type === 'SubmitNomination' ? command.data.accountId : nomination.accountId);
    }
    case 'ReferenceRequest': {
      const request = state as ReferenceRequestState;
      const advocateId = String(data(command).advocateId ?? '');
      const candidate = request.candidates[advocateId];
      // Who approves an ask is whoever acts for the candidate's account now (the decision reads it too).
      const approvers =
        candidate && needed.has('APPROVES_ITS_ASKS')
          ? accountFacts(await reader.account(tenantId, candidate.accountId), now).accountActors
          : undefined;
      return requestFacts(request, advocateId, (c) => approvers ?? [c.ownerId]);
    }
    case 'ContentAsset': {
      // A content use names the request it serves: the caller must have submitted it.
      const requestId = command.type === 'UseContent' ? data(command).requestId : undefined;
      return typeof requestId === 'string' ? requestFacts(await reader.request(tenantId, requestId)) : {};
    }
    case 'Program': {
      const wish = (state as ProgramState).wishlist[String(data(command).wishId ?? '')];
      return wish ? { wishedBy: wish.wishedBy } : {};
    }
    default:
      return {};
  }
}
