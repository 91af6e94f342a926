import type {
  ContentUsageReport as ContentUsageResult,
  ExecutiveDigest as ExecutiveDigestResult,
  LaunchCoveragePlan as LaunchCoveragePlanResult,
  ProgramAssessment as ProgramAssessmentResult,
} from '@vouch/projections';
import type { Money } from '../request/request-types';
import type {
  ContentUsageReport,
  ExecutiveDigest,
  LaunchCoveragePlan,
  ProgramAssessment,
} from './intelligence-types';

// The projections count time in ms; the API speaks ISO instants and lists of money.

const iso = (ms: number): string => new Date(ms).toISOString();

const amounts = (byCurrency: Readonly<Record<string, number>>): Money[] =>
  Object.entries(byCurrency)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ currency, amount }));

/** The assessment with its instant as ISO. */
export function assessmentView(a: ProgramAssessmentResult): ProgramAssessment {
  return { ...a, at: iso(a.at) };
}

/** The plan with its dates as ISO. */
export function launchPlanView(plan: LaunchCoveragePlanResult): LaunchCoveragePlan {
  return {
    name: plan.launch.name,
    launchDate: iso(plan.launch.launchDate),
    asOf: iso(plan.asOf),
    lines: plan.lines,
    totalNeeded: plan.totalNeeded,
    totalGap: plan.totalGap,
  };
}

/** The content report with ISO dates and money lists. */
export function contentUsageView(report: ContentUsageResult): ContentUsageReport {
  return {
    ...report,
    at: iso(report.at),
    assets: report.assets.map(({ lastUsedAt, consentExpiresAt, wonAmounts, ...asset }) => ({
      ...asset,
      wonAmounts: amounts(wonAmounts),
      ...(lastUsedAt !== undefined ? { lastUsedAt: iso(lastUsedAt) } : {}),
      ...(consentExpiresAt !== undefined ? { consentExpiresAt: iso(consentExpiresAt) } : {}),
    })),
  };
}

/** The digest with ISO dates and money lists. */
export function digestView(d: ExecutiveDigestResult): ExecutiveDigest {
  return {
    ...d,
    from: iso(d.from),
    to: iso(d.to),
    influencedPipeline: amounts(d.influencedPipeline),
    influencedRevenue: amounts(d.influencedRevenue),
    assessment: assessmentView(d.assessment),
    usesBySlice: d.usesBySlice.map((s) => ({ from: iso(s.from), uses: s.uses })),
  };
}
