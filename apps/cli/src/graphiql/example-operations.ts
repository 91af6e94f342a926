import type { Role } from '@vouch/domain';
import { intelligenceTabs } from './intelligence-operations';
import { scheduleTabs } from './schedule-operations';

/** The advocate the tour works with: one the gates allow for a reference call today. */
export interface TourAdvocate {
  readonly advocateId: string;
  readonly accountId: string;
  readonly ownerId: string;
  readonly consentId: string;
  /** A kind the consent covers, for the withdrawal tab. */
  readonly withdrawKind: string;
  readonly territory: string;
}

/** One GraphiQL tab: an operation document, its variables and the headers to send. */
export interface ExampleTab {
  readonly title: string;
  /** Whose token the tab sends. */
  readonly role: Role;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

const WHO_AM_I = `# Who am I? Tenant and roles come from the verified token, never from input.
query WhoAmI {
  viewer {
    userId
    tenantId
    roles
    allowedOperations
  }
}
`;

const FIND = `# Find advocates a page at a time (a Relay connection): \`first\`/\`after\` reads forward,
# \`last\`/\`before\` backward; pageInfo says what lies on both sides. A requester sees each
# advocate anonymised until the advocate has accepted one of their requests.
query FindAdvocates($after: String) {
  searchAdvocates(first: 5, after: $after, filter: { products: ["Planner"] }) {
    totalCount
    edges { cursor node { id advocateId view company seniority status freshness } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}

query LastAdvocates($before: String) {
  searchAdvocates(last: 5, before: $before) {
    edges { node { id advocateId company } }
    pageInfo { hasPreviousPage startCursor }
  }
}

# Every object has an opaque global \`id\` (the Node interface): node(id:) refetches it with
# exactly the visibility of its own query. Mutations keep taking domain ids (advocateId, …).
query Refetch($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on Advocate { advocateId view status company }
  }
}
`;

const REQUEST = `# A sales rep asks for a reference call for a deal.
# Run it twice: the same commandId returns the first result (duplicate: true).
mutation RequestReference($input: SubmitReferenceRequestInput!) {
  submitReferenceRequest(input: $input) {
    aggregateId
    version
    eventTypes
    duplicate
  }
}
`;

const TRIAGE = `# The program manager triages the request and shortlists a candidate.
# Run TriageRequest first, then ShortlistCandidate.
mutation TriageRequest($triage: TriageRequestInput!) {
  triageRequest(input: $triage) { aggregateId version eventTypes }
}

mutation ShortlistCandidate($shortlist: ShortlistCandidatesInput!) {
  shortlistCandidates(input: $shortlist) { aggregateId version eventTypes }
}
`;

const OWNER = `# The account owner approves asking their customer: no silent asks, no pocket references.
# (Try askAdvocate before this: OWNER_APPROVAL_REQUIRED.)
mutation ApproveAsk($input: ApproveAskInput!) {
  approveAsk(input: $input) { aggregateId version eventTypes }
}
`;

const FULFIL = `# The program manager asks the advocate: the consent, fatigue, owner and status gates
# hold here. Then the advocate accepts, the call is scheduled and completed.
# Run the operations in order.
mutation AskAdvocate($ask: AskAdvocateInput!) {
  askAdvocate(input: $ask) { aggregateId version eventTypes }
}

mutation AdvocateAccepts($response: RecordAdvocateResponseInput!) {
  recordAdvocateResponse(input: $response) { aggregateId version eventTypes }
}

mutation ScheduleCall($schedule: ScheduleActivityInput!) {
  scheduleActivity(input: $schedule) { aggregateId version eventTypes }
}

mutation CompleteCall($complete: CompleteActivityInput!) {
  completeActivity(input: $complete) { aggregateId version eventTypes }
}
`;

const OUTCOME = `# The rep records the deal's outcome: the program's business value. Only whoever asked
# (or a program manager) may: another rep's request is NOT_FOUND for them.
mutation RecordOutcome($input: RecordOutcomeInput!) {
  recordOutcome(input: $input) { aggregateId version eventTypes }
}
`;

const MINE = `# Relationships, not only roles: an account owner sees and changes only their accounts'
# advocates and nominations, and approves asks only of their own customers; a requester
# cancels, rates and closes only their own requests. What is not yours does not exist for
# you: a query answers null and a mutation NOT_FOUND, exactly as for an id that does not
# exist. Change accountId to another owner's account and run MyAccount: account is null.
query MyAccount($accountId: ID!, $advocateId: ID!) {
  account(accountId: $accountId) { accountId ownerId }
  advocate(advocateId: $advocateId) { __typename ... on Advocate { contact { email } } }
}

# Going on leave? Let a colleague act for your account until a date (you, or an admin).
# A new owner starts without the previous owner's delegates; the history keeps who owned what when.
mutation DelegateAccount($delegate: DelegateAccountInput!) {
  delegateAccount(input: $delegate) { aggregateId version eventTypes }
}
`;

const WITHDRAW = `# The advocate withdraws consent for one kind of use: it takes effect at once, pending
# engagements are released and dependent content is suspended; earlier uses stay in history.
mutation WithdrawConsent($input: WithdrawConsentInput!) {
  withdrawConsent(input: $input) { aggregateId version eventTypes }
}
`;

/** The API's global id of an object: base64url of `Type:domainId` (what `node(id:)` takes). */
export function globalIdOf(type: string, domainId: string): string {
  return Buffer.from(`${type}:${domainId}`, 'utf8').toString('base64url');
}

/**
 * The tour's tabs, one per main flow, with variables filled in for the demo program (or
 * placeholders when no advocate is known). Command ids are fixed, so running a tab again
 * shows idempotency instead of doing the thing twice.
 */
export function exampleTabs(advocate: TourAdvocate | undefined, now: Date): ExampleTab[] {
  const day = 86_400_000;
  const at = (days: number) => new Date(now.getTime() + days * day).toISOString();
  const requestId = `tour-${now.toISOString().slice(0, 10)}`;
  const a = advocate ?? {
    advocateId: 'ADVOCATE_ID',
    accountId: 'ACCOUNT_ID',
    ownerId: 'OWNER_USER_ID',
    consentId: 'CONSENT_ID',
    withdrawKind: 'CASE_STUDY',
    territory: 'EMEA',
  };
  const candidate = { requestId, advocateId: a.advocateId };
  return [
    { title: 'Who am I', role: 'PROGRAM_MANAGER', query: WHO_AM_I, variables: {} },
    {
      title: '1 Request',
      role: 'REQUESTER',
      query: REQUEST,
      variables: {
        input: {
          commandId: `${requestId}-submit`,
          requestId,
          department: 'SALES',
          kind: 'REFERENCE_CALL',
          advocatesNeeded: 1,
          opportunity: {
            opportunityId: 'opp-tour',
            stage: 'EVALUATION',
            amount: { amount: 240000, currency: 'USD' },
            industry: 'Manufacturing',
            region: a.territory,
            products: ['Planner'],
            competitor: 'Anaplan',
          },
          criteria: { territory: a.territory, channel: 'PRIVATE', products: ['Planner'] },
          dueBy: at(14),
        },
      },
    },
    {
      title: '2 Triage',
      role: 'PROGRAM_MANAGER',
      query: TRIAGE,
      variables: {
        triage: { commandId: `${requestId}-triage`, requestId, priority: 'HIGH' },
        shortlist: {
          commandId: `${requestId}-shortlist`,
          requestId,
          candidates: [
            {
              advocateId: a.advocateId,
              accountId: a.accountId,
              ownerId: a.ownerId,
              score: 80,
              breakdown: [],
            },
          ],
        },
      },
    },
    {
      title: '3 Owner',
      role: 'ACCOUNT_OWNER',
      query: OWNER,
      variables: { input: { commandId: `${requestId}-approve`, ...candidate, note: 'Go ahead.' } },
    },
    {
      title: '4 Fulfil',
      role: 'PROGRAM_MANAGER',
      query: FULFIL,
      variables: {
        ask: { commandId: `${requestId}-ask`, ...candidate },
        response: { commandId: `${requestId}-accept`, ...candidate, accepted: true },
        schedule: { commandId: `${requestId}-schedule`, ...candidate, at: at(3) },
        complete: { commandId: `${requestId}-complete`, ...candidate },
      },
    },
    ...scheduleTabs(requestId, a.advocateId, now),
    {
      title: '5 Outcome',
      role: 'REQUESTER',
      query: OUTCOME,
      variables: {
        input: {
          commandId: `${requestId}-outcome`,
          requestId,
          result: 'WON',
          amount: { amount: 240000, currency: 'USD' },
          note: 'The reference call settled it.',
        },
      },
    },
    {
      title: 'Mine only',
      role: 'ACCOUNT_OWNER',
      query: MINE,
      variables: {
        accountId: a.accountId,
        advocateId: a.advocateId,
        delegate: {
          commandId: `${requestId}-delegate`,
          accountId: a.accountId,
          delegateId: 'dana.csm',
          until: at(7),
          reason: 'Holiday cover.',
        },
      },
    },
    {
      title: 'Withdraw',
      role: 'PROGRAM_MANAGER',
      query: WITHDRAW,
      variables: {
        input: {
          commandId: `${requestId}-withdraw`,
          advocateId: a.advocateId,
          withdrawal: {
            consentId: a.consentId,
            kinds: [a.withdrawKind],
            reason: 'Step back from this kind of use.',
          },
        },
      },
    },
    {
      title: 'Find',
      role: 'REQUESTER',
      query: FIND,
      variables: { after: null, before: null, id: globalIdOf('Advocate', a.advocateId) },
    },
    ...intelligenceTabs(now),
  ];
}
