import { SENIORITIES } from '../advocate/seniority';
import { CHANNELS } from '../consent/consent';
import { ACTIVITY_KINDS } from '../shared/activity-kind';
import { alreadyExists, invalidTransition, requireProgramManager } from '../shared/guards';
import { validated, type Validator } from '../shared/validator';
import type { ReferenceRequestDecisionContext } from './reference-request-decision-context';
import type {
  ShortlistCandidates,
  SubmitReferenceRequest,
  TriageRequest,
} from './reference-request-commands';
import type { ReferenceRequestEvent } from './reference-request-events';
import type { ReferenceRequestState } from './reference-request-state';
import { requireRequestStatus } from './request-guards';
import { DEPARTMENTS, OPPORTUNITY_STAGES, REQUEST_PRIORITIES } from './reference-request-types';

// Intake: a department asks for advocates; a program manager triages and shortlists.

type SubmitData = SubmitReferenceRequest['data'];

function readOpportunity(v: Validator, d: SubmitData['opportunity']) {
  const opportunity = v.object('opportunity', d);
  const competitor = v.optionalText('opportunity.competitor', opportunity.competitor, { max: 120 });
  return {
    opportunityId: v.id('opportunity.opportunityId', opportunity.opportunityId),
    stage: v.oneOf('opportunity.stage', opportunity.stage, OPPORTUNITY_STAGES),
    amount: v.money('opportunity.amount', opportunity.amount),
    industry: v.text('opportunity.industry', opportunity.industry, { max: 80 }),
    region: v.text('opportunity.region', opportunity.region, { max: 80 }),
    products: v.tags('opportunity.products', opportunity.products),
    ...(competitor !== undefined ? { competitor } : {}),
  };
}

function readCriteria(v: Validator, d: SubmitData['criteria']) {
  const criteria = v.object('criteria', d);
  const minSeniority = v.optionalOneOf('criteria.minSeniority', criteria.minSeniority, SENIORITIES);
  return {
    industries: v.tags('criteria.industries', criteria.industries),
    regions: v.tags('criteria.regions', criteria.regions),
    products: v.tags('criteria.products', criteria.products),
    useCases: v.tags('criteria.useCases', criteria.useCases),
    languages: v.tags('criteria.languages', criteria.languages).map((l) => l.toLowerCase()),
    ...(minSeniority !== undefined ? { minSeniority } : {}),
    territory: v.text('criteria.territory', criteria.territory, { max: 80 }).toUpperCase(),
    channel: v.oneOf('criteria.channel', criteria.channel, CHANNELS),
  };
}

function parseSubmitReferenceRequest(d: SubmitData, context: ReferenceRequestDecisionContext) {
  return validated((v) => {
    // Read in the order the fields were always reported in.
    const opportunity = readOpportunity(v, d.opportunity);
    const criteria = readCriteria(v, d.criteria);
    const dueBy = v.instant('dueBy', d.dueBy);
    v.order('dueBy', context.now, dueBy, 'must be in the future');
    const notes = v.optionalText('notes', d.notes, { max: 4000 });
    return {
      requestId: v.id('requestId', d.requestId),
      requestedBy: context.actor.userId,
      department: v.oneOf('department', d.department, DEPARTMENTS),
      kind: v.oneOf('kind', d.kind, ACTIVITY_KINDS),
      advocatesNeeded: v.integer('advocatesNeeded', d.advocatesNeeded, { min: 1, max: 10 }),
      opportunity,
      criteria,
      dueBy,
      ...(notes !== undefined ? { notes } : {}),
    };
  });
}

function parseShortlistCandidates(d: ShortlistCandidates['data']) {
  return validated((v) => {
    const list = Array.isArray(d.candidates) ? d.candidates : [];
    if (list.length === 0 || list.length > 25) v.fail('candidates', 'must list 1 to 25 candidates');
    return list.map((c, i) => ({
      advocateId: v.id(`candidates[${i}].advocateId`, c?.advocateId),
      accountId: v.id(`candidates[${i}].accountId`, c?.accountId),
      ownerId: v.id(`candidates[${i}].ownerId`, c?.ownerId),
      score: v.number(`candidates[${i}].score`, c?.score, { min: 0, max: 100 }),
      breakdown: (Array.isArray(c?.breakdown) ? c.breakdown : []).map((b, j) => ({
        criterion: v.text(`candidates[${i}].breakdown[${j}].criterion`, b?.criterion, { max: 40 }),
        weight: v.number(`candidates[${i}].breakdown[${j}].weight`, b?.weight, { min: 0, max: 100 }),
        score: v.number(`candidates[${i}].breakdown[${j}].score`, b?.score, { min: 0, max: 1 }),
        explanation: v.text(`candidates[${i}].breakdown[${j}].explanation`, b?.explanation, { max: 300 }),
      })),
    }));
  });
}

/** The payload parsers of intake commands. */
export const intakeParsers = {
  SubmitReferenceRequest: parseSubmitReferenceRequest,
  TriageRequest: (d: TriageRequest['data']) =>
    validated((v) => ({
      priority: v.oneOf('priority', d.priority, REQUEST_PRIORITIES),
      note: v.optionalText('note', d.note, { max: 1000 }),
    })),
  ShortlistCandidates: parseShortlistCandidates,
};

type Input<K extends keyof typeof intakeParsers> = ReturnType<(typeof intakeParsers)[K]>;

function submitReferenceRequest(
  data: Input<'SubmitReferenceRequest'>,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  if (state.status !== 'NONE') throw alreadyExists('Reference request', data.requestId);
  return [{ type: 'ReferenceRequestSubmitted', data: { ...data, submittedAt: context.now } }];
}

function triageRequest(
  d: Input<'TriageRequest'>,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  requireProgramManager(context.actor, 'triage requests');
  requireRequestStatus(state, ['SUBMITTED'], 'TriageRequest');
  return [
    {
      type: 'RequestTriaged',
      data: {
        requestId: state.requestId,
        priority: d.priority,
        ...(d.note !== undefined ? { note: d.note } : {}),
        triagedBy: context.actor.userId,
        triagedAt: context.now,
      },
    },
  ];
}

function shortlistCandidates(
  candidates: Input<'ShortlistCandidates'>,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  const { requestId } = state;
  requireProgramManager(context.actor, 'shortlist candidates');
  requireRequestStatus(state, ['TRIAGED', 'SHORTLISTED', 'IN_PROGRESS'], 'ShortlistCandidates');
  const fresh = candidates.filter((c) => !state.candidates[c.advocateId]);
  if (fresh.length === 0)
    throw invalidTransition('Reference request', requestId, 'ALREADY_SHORTLISTED', 'ShortlistCandidates');
  return [
    {
      type: 'CandidatesShortlisted',
      data: { requestId, candidates: fresh, shortlistedBy: context.actor.userId, shortlistedAt: context.now },
    },
  ];
}

/** The rules of intake, one per command. */
export const intakeRules = {
  SubmitReferenceRequest: submitReferenceRequest,
  TriageRequest: triageRequest,
  ShortlistCandidates: shortlistCandidates,
};
