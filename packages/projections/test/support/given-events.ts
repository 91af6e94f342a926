import { checkpointOf, type RecordedEvent } from '@vouch/event-store';
import { ProgramHistory } from '../../src/intelligence/program-history';

/** A recorded event as the store would hand it over, effective (and recorded) on `day` of 2026. */
export function event(type: string, data: Record<string, unknown>, day: string, n = 0): RecordedEvent {
  const at = `2026-${day}T09:00:00.000Z`;
  return {
    eventId: `e-${type}-${n}-${day}`,
    type,
    schemaVersion: 1,
    storedSchemaVersion: 1,
    data,
    metadata: {
      tenantId: 't',
      actor: { userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] },
      commandId: 'c',
      correlationId: 'c',
      causationId: 'c',
      effectiveAt: at,
    },
    streamId: 's',
    version: 1,
    checkpoint: checkpointOf(1),
    recordedAt: at,
    personalData: { status: 'none' },
  } as RecordedEvent;
}

/** Given these events, the program's history. */
export function given(events: readonly RecordedEvent[]): ProgramHistory {
  const history = new ProgramHistory();
  for (const e of events) history.apply(e);
  return history;
}

/** An instant on a day of 2026, in ms. */
export const on = (day: string): number => Date.parse(`2026-${day}T12:00:00.000Z`);

const attributes = (products: string[]) => ({
  seniority: 'VP',
  products,
  useCases: [],
  languages: ['en'],
  topics: [],
});

export const account = (
  accountId: string,
  day: string,
  p: Partial<{ industry: string; region: string; segment: string; products: string[]; name: string }> = {},
) =>
  event(
    'AccountRegistered',
    {
      accountId,
      ownerId: 'olga-ae',
      name: p.name ?? `${accountId} Inc`,
      industry: p.industry ?? 'Manufacturing',
      segment: p.segment ?? 'ENTERPRISE',
      region: p.region ?? 'EMEA',
      products: p.products ?? ['Planner'],
      registeredAt: day,
    },
    day,
  );

export const health = (accountId: string, score: number, day: string) =>
  event(
    'AccountHealthRecorded',
    { accountId, healthScore: score, recordedBy: 'pat-pm', measuredAt: day },
    day,
  );

export const enrolled = (
  advocateId: string,
  accountId: string,
  day: string,
  nominationId?: string,
  products = ['Planner'],
) => [
  event(
    'AdvocateEnrolled',
    {
      advocateId,
      accountId,
      ...(nominationId ? { nominationId } : {}),
      contact: {},
      attributes: attributes(products),
      enrolledAt: day,
    },
    day,
  ),
  event('AdvocateActivated', { advocateId, activatedAt: day }, day),
];

export const consent = (
  advocateId: string,
  consentId: string,
  kinds: string[],
  day: string,
  until?: string,
) =>
  event(
    'ConsentGranted',
    {
      advocateId,
      consentId,
      version: 1,
      kinds,
      territories: ['EMEA'],
      channels: ['PRIVATE'],
      validFrom: `2026-${day}T09:00:00.000Z`,
      ...(until ? { validUntil: `2026-${until}T09:00:00.000Z` } : {}),
      perUseApprovalRequired: false,
      collection: {},
      grantedAt: day,
    },
    day,
  );

export const used = (advocateId: string, kind: string, day: string, requestId?: string, n = 0) =>
  event(
    'EngagementCompleted',
    {
      advocateId,
      engagementId: `eng-${advocateId}-${day}-${n}`,
      kind,
      ...(requestId ? { requestId } : {}),
      completedAt: day,
      consentId: 'x',
      consentVersion: 1,
    },
    day,
    n,
  );

export const submitted = (
  requestId: string,
  day: string,
  p: Partial<{
    requestedBy: string;
    department: string;
    kind: string;
    industry: string;
    region: string;
    products: string[];
    amount: number;
    opportunityId: string;
    advocatesNeeded: number;
  }> = {},
) =>
  event(
    'ReferenceRequestSubmitted',
    {
      requestId,
      requestedBy: p.requestedBy ?? 'sam-sales',
      department: p.department ?? 'SALES',
      kind: p.kind ?? 'REFERENCE_CALL',
      advocatesNeeded: p.advocatesNeeded ?? 1,
      opportunity: {
        opportunityId: p.opportunityId ?? `opp-${requestId}`,
        stage: 'EVALUATION',
        amount: { amount: p.amount ?? 100000, currency: 'EUR' },
        industry: p.industry ?? 'Manufacturing',
        region: p.region ?? 'EMEA',
        products: p.products ?? ['Planner'],
      },
      criteria: {},
      dueBy: day,
      submittedAt: day,
    },
    day,
  );

export const triaged = (requestId: string, day: string) =>
  event('RequestTriaged', { requestId, priority: 'HIGH', triagedBy: 'pat-pm', triagedAt: day }, day);
export const asked = (requestId: string, advocateId: string, day: string) =>
  event(
    'AdvocateAsked',
    {
      requestId,
      advocateId,
      engagementId: `eng-${advocateId}`,
      clearance: 'OWNER',
      askedBy: 'pat-pm',
      askedAt: day,
    },
    day,
  );
export const accepted = (requestId: string, advocateId: string, day: string) =>
  event(
    'AdvocateAcceptedRequest',
    { requestId, advocateId, engagementId: `eng-${advocateId}`, acceptedAt: day },
    day,
  );
export const completed = (requestId: string, advocateId: string, day: string) =>
  event(
    'ActivityCompleted',
    { requestId, advocateId, engagementId: `eng-${advocateId}`, completedAt: day },
    day,
  );
export const feedback = (requestId: string, advocateId: string, day: string) =>
  event(
    'RequestFeedbackRecorded',
    { requestId, advocateId, engagementId: `eng-${advocateId}`, rating: 5, recordedBy: 'sam-sales' },
    day,
  );
export const outcome = (requestId: string, result: string, day: string, amount?: number) =>
  event(
    'OutcomeRecorded',
    {
      requestId,
      result,
      ...(amount ? { amount: { amount, currency: 'EUR' } } : {}),
      recordedBy: 'sam-sales',
      recordedAt: day,
    },
    day,
  );
export const ownerAnswer = (requestId: string, advocateId: string, approved: boolean, day: string) =>
  event(
    approved ? 'AskApprovedByOwner' : 'AskDeclinedByOwner',
    { requestId, advocateId, ownerId: 'olga-ae', reason: 'busy', approvedAt: day, declinedAt: day },
    day,
  );

export const nominated = (nominationId: string, accountId: string, by: string, day: string) =>
  event(
    'NominationSubmitted',
    {
      nominationId,
      accountId,
      candidateId: `cand-${nominationId}`,
      candidate: {},
      attributes: attributes(['Planner']),
      evidenceKind: 'NPS_PROMOTER',
      evidence: 'x',
      nominatedBy: by,
      submittedAt: day,
    },
    day,
  );
export const nominationApproved = (nominationId: string, accountId: string, day: string) =>
  event(
    'NominationApproved',
    { nominationId, accountId, candidateId: `cand-${nominationId}`, approvedBy: 'pat-pm', approvedAt: day },
    day,
  );

export const drafted = (
  contentId: string,
  kind: string,
  accountId: string,
  holders: { holder: string; holderId: string }[],
  day: string,
) =>
  event(
    'ContentDrafted',
    {
      contentId,
      kind,
      title: 't',
      accountId,
      holders,
      territory: 'EMEA',
      channel: 'WEB',
      draftedBy: 'pat-pm',
      draftedAt: day,
    },
    day,
  );
export const published = (
  contentId: string,
  reliesOn: { holder: string; holderId: string; consentId: string }[],
  day: string,
) =>
  event(
    'ContentPublished',
    {
      contentId,
      reliesOn: reliesOn.map((r) => ({ ...r, consentVersion: 1 })),
      publishedBy: 'pat-pm',
      publishedAt: day,
    },
    day,
  );

export const coverageTarget = (
  industry: string,
  region: string,
  product: string,
  advocatesNeeded: number,
  day: string,
) =>
  event(
    'CoverageTargetSet',
    { target: { industry, region, product, advocatesNeeded }, setBy: 'pat-pm' },
    day,
  );
export const wishlisted = (
  wishId: string,
  accountName: string,
  day: string,
  p: Partial<{ region: string; segment: string; industry: string }> = {},
) =>
  event(
    'AccountWishlisted',
    {
      wishId,
      accountName,
      industry: p.industry ?? 'Manufacturing',
      segment: p.segment ?? 'ENTERPRISE',
      region: p.region ?? 'EMEA',
      products: ['Planner'],
      reason: 'logo',
      wishedBy: 'sam-sales',
      wishedAt: day,
    },
    day,
  );
