import type { AdvocateAttributes } from '../advocate/advocate-profile';
import { seniorityRank } from '../advocate/seniority';
import type {
  ScoreComponent,
  Opportunity,
  RequestCriteria,
} from '../reference-request/reference-request-types';
import type { ActivityKind } from '../shared/activity-kind';
import { describeFeedbackShare, feedbackShare, type ActivityFeedback } from './feedback-score';
import type { Freshness } from './profile-freshness';

/** What matching knows of an advocate (no personal data: matching runs on anonymised profiles). */
export interface MatchCandidate {
  readonly advocateId: string;
  readonly attributes: AdvocateAttributes;
  readonly account: {
    readonly industry: string;
    readonly region: string;
    readonly products: readonly string[];
  };
  readonly freshness: Freshness;
  /** Remaining engagements in the window, and the limit they count against. */
  readonly headroom: { readonly remaining: number; readonly max: number };
  /** Ratings (1–5) from earlier requesters: the score before two-sided feedback. */
  readonly ratings: readonly number[];
  /** Both sides' feedback per completed activity; when given it replaces `ratings`. */
  readonly feedback?: readonly ActivityFeedback[];
}

export interface MatchRequest {
  readonly opportunity: Pick<Opportunity, 'industry' | 'region' | 'products'>;
  readonly criteria: Omit<RequestCriteria, 'territory' | 'channel'>;
  /** The asked kind: feedback on activities of this kind weighs more. */
  readonly kind?: ActivityKind;
}

export interface MatchScore {
  readonly advocateId: string;
  /** 0..100, the weighted sum of the components. */
  readonly total: number;
  readonly breakdown: readonly ScoreComponent[];
}

/** The weights, out of 100: a program can read exactly why one advocate ranks above another. */
export const MATCH_WEIGHTS = {
  industry: 20,
  products: 20,
  region: 15,
  useCases: 10,
  language: 10,
  fatigueHeadroom: 10,
  seniority: 5,
  freshness: 5,
  pastFeedback: 5,
} as const;

const norm = (s: string) => s.trim().toLowerCase();

function overlap(
  wanted: readonly string[],
  offered: readonly string[],
): { share: number; matched: string[] } {
  const have = new Set(offered.map(norm));
  const matched = wanted.filter((w) => have.has(norm(w)));
  return { share: wanted.length === 0 ? 1 : matched.length / wanted.length, matched };
}

function component(
  criterion: keyof typeof MATCH_WEIGHTS,
  score: number,
  explanation: () => string,
  explain: boolean,
): ScoreComponent {
  return {
    criterion,
    weight: MATCH_WEIGHTS[criterion],
    score: Math.round(score * 1000) / 1000,
    explanation: explain ? explanation() : '',
  };
}

/**
 * The match score of an advocate for a request, with a per-criterion breakdown that says
 * why in words. Pure and deterministic: the same inputs always give the same score.
 */
export function matchScore(candidate: MatchCandidate, request: MatchRequest): MatchScore {
  return scoreOf(candidate, request, true);
}

/**
 * The total of `matchScore` alone, without building the explanations: for ranking many
 * advocates before explaining the few that are shown.
 */
export function matchScoreTotal(candidate: MatchCandidate, request: MatchRequest): number {
  return scoreOf(candidate, request, false).total;
}

/** How well the advocate's account fits the request: industry, products, region, use cases. */
function accountFit(candidate: MatchCandidate, request: MatchRequest, explain: boolean): ScoreComponent[] {
  const { criteria, opportunity } = request;
  const industries = criteria.industries.length > 0 ? criteria.industries : [opportunity.industry];
  const regions = criteria.regions.length > 0 ? criteria.regions : [opportunity.region];
  const products = criteria.products.length > 0 ? criteria.products : opportunity.products;
  const advocateProducts = [...candidate.attributes.products, ...candidate.account.products];

  const industryHit = industries.map(norm).includes(norm(candidate.account.industry));
  const regionHit = regions.map(norm).includes(norm(candidate.account.region));
  const productMatch = overlap(products, advocateProducts);
  const useCaseMatch = overlap(criteria.useCases, candidate.attributes.useCases);
  return [
    component(
      'industry',
      industryHit ? 1 : 0,
      () =>
        industryHit
          ? `same industry (${candidate.account.industry})`
          : `industry ${candidate.account.industry} not among ${industries.join(', ')}`,
      explain,
    ),
    component(
      'products',
      productMatch.share,
      () =>
        products.length === 0
          ? 'no products requested'
          : `uses ${productMatch.matched.length} of ${products.length} requested products`,
      explain,
    ),
    component(
      'region',
      regionHit ? 1 : 0,
      () =>
        regionHit
          ? `same region (${candidate.account.region})`
          : `region ${candidate.account.region} not among ${regions.join(', ')}`,
      explain,
    ),
    component(
      'useCases',
      useCaseMatch.share,
      () =>
        criteria.useCases.length === 0
          ? 'no use cases requested'
          : `covers ${useCaseMatch.matched.length} of ${criteria.useCases.length} use cases`,
      explain,
    ),
  ];
}

/** How well the advocate fits as a person: language, headroom, seniority, freshness, feedback. */
function advocateFit(candidate: MatchCandidate, request: MatchRequest, explain: boolean): ScoreComponent[] {
  const { criteria } = request;
  const languageHit =
    criteria.languages.length === 0 ||
    criteria.languages.some((l) => candidate.attributes.languages.map(norm).includes(norm(l)));
  const seniorityOk =
    criteria.minSeniority === undefined ||
    seniorityRank(candidate.attributes.seniority) >= seniorityRank(criteria.minSeniority);
  const headroomShare =
    candidate.headroom.max <= 0 ? 0 : Math.min(1, candidate.headroom.remaining / candidate.headroom.max);
  const averageRating =
    candidate.ratings.length === 0
      ? undefined
      : candidate.ratings.reduce((a, b) => a + b, 0) / candidate.ratings.length;

  return [
    component(
      'language',
      languageHit ? 1 : 0,
      () =>
        criteria.languages.length === 0
          ? 'no language requested'
          : languageHit
            ? 'speaks a requested language'
            : 'speaks none of the requested languages',
      explain,
    ),
    component(
      'fatigueHeadroom',
      headroomShare,
      () => `${candidate.headroom.remaining} of ${candidate.headroom.max} engagements left in the window`,
      explain,
    ),
    component(
      'seniority',
      seniorityOk ? 1 : 0,
      () =>
        criteria.minSeniority === undefined
          ? 'no seniority requested'
          : seniorityOk
            ? `${candidate.attributes.seniority} meets ${criteria.minSeniority}`
            : `${candidate.attributes.seniority} is below ${criteria.minSeniority}`,
      explain,
    ),
    component(
      'freshness',
      candidate.freshness === 'FRESH' ? 1 : candidate.freshness === 'DUE' ? 0.5 : 0,
      () => `profile is ${candidate.freshness.toLowerCase()}`,
      explain,
    ),
    candidate.feedback !== undefined
      ? twoSidedFeedback(candidate.feedback, request.kind, explain)
      : component(
          'pastFeedback',
          averageRating === undefined ? 0.5 : (averageRating - 1) / 4,
          () =>
            averageRating === undefined
              ? 'no feedback yet'
              : `average rating ${averageRating.toFixed(1)} of 5 from ${candidate.ratings.length}`,
          explain,
        ),
  ];
}

/** The past-feedback component from both sides' feedback, similar asks weighing more. */
function twoSidedFeedback(
  feedback: readonly ActivityFeedback[],
  kind: ActivityKind | undefined,
  explain: boolean,
): ScoreComponent {
  const f = feedbackShare(feedback, kind);
  return component('pastFeedback', f.share, () => describeFeedbackShare(f, kind), explain);
}

function scoreOf(candidate: MatchCandidate, request: MatchRequest, explain: boolean): MatchScore {
  const breakdown = [...accountFit(candidate, request, explain), ...advocateFit(candidate, request, explain)];
  const total = Math.round(breakdown.reduce((sum, c) => sum + c.weight * c.score, 0) * 10) / 10;
  return { advocateId: candidate.advocateId, total, breakdown };
}

/** Candidates best first; ties broken by advocate id so the order never wavers. */
export function rankCandidates(candidates: readonly MatchCandidate[], request: MatchRequest): MatchScore[] {
  return candidates
    .map((c) => matchScore(c, request))
    .sort(
      (a, b) => b.total - a.total || (a.advocateId < b.advocateId ? -1 : a.advocateId > b.advocateId ? 1 : 0),
    );
}
