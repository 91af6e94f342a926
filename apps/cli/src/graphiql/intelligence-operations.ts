import type { ExampleTab } from './example-operations';

const ASSESSMENT = `# Program health over the eleven elements of the seeds' maturity model ("Customer
# Reference Program Bad Practices"): each score computed from the program's own events,
# the evidence in numbers, and the seeds' pitfall as the finding where it shows.
# \`at\` shows the program as it stood on any date; the trend samples a year.
query Assessment($at: DateTime) {
  programAssessment(at: $at) {
    at score grade
    elements { element title score grade evidence findings }
  }
  assessmentTrend(points: 5) { at score grade }
}
`;

const LAUNCH = `# "How many customer references will the next launch need, and from where?" From the demand
# history (requests per opportunity, advocates per request, acceptance) against the advocates
# who can be asked on the launch date (consent in force then, fatigue headroom): the gaps, and
# where to recruit (pending nominations, happy accounts without advocates, wishlist look-alikes).
query LaunchPlan($launch: LaunchInput!) {
  launchCoveragePlan(launch: $launch) {
    name launchDate totalNeeded totalGap
    lines {
      segment region kind expectedOpportunities referencesNeeded
      advocatesAvailable usesAvailable gap advocatesToRecruit
      rates { requestsPerOpportunity advocatesPerRequest acceptanceRate fulfilmentRate }
      recruitFrom { source ref why }
      explanation
    }
  }
}
`;

const CONTENT = `# Content that doesn't get used wastes the program's scarcest resource: per asset its uses,
# the requests it served, deals won and lost, last use and consent expiry; assets unused for
# 90 days flagged; and what the requests asked for that does not exist.
query ContentUsage {
  contentUsage(unusedDays: 90) {
    published unusedPublished
    missing { kind industry requests }
    assets(first: 10) {
      edges { node { contentId kind state uses requestsServed dealsWon dealsLost lastUsedAt consentExpiresAt unused } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
`;

const DIGEST = `# The executive digest of the last quarter (the same numbers \`vouch report digest\` renders
# as HTML with charts): influenced pipeline and revenue, win rate with vs without references,
# time to fulfil, coverage, fatigue, consents expiring, top advocates and nominators.
query Digest($from: DateTime!) {
  executiveDigest(from: $from) {
    from to
    influencedPipeline { amount currency }
    influencedRevenue { amount currency }
    winRateWithReferences { numerator denominator rate }
    winRateWithoutReferences { numerator denominator rate }
    timeToFulfilHours { count median }
    coverage { targets met }
    topDecileShare consentsExpiringAhead
    topAdvocates { advocateId company uses }
    usesBySlice { from uses }
    assessment { score grade }
  }
}
`;

const LEADERBOARD = `# Recognition for the nominators whose advocates were then used (the seeds' remedy for
# too few references), ranked by advocates used, never by how many nominations were made.
# A sales rep sees the leaderboard; the assessment, plans, content and digest are the
# program's (PROGRAM_MANAGER, AUDITOR, ADMIN).
query Leaderboard {
  nominatorLeaderboard(first: 10) {
    edges { node { nominatorId nominations advocatesUsed uses dealsWon conversion } }
  }
}
`;

/** The program-intelligence tabs of the GraphiQL tour; `now` sets the launch date and digest period. */
export function intelligenceTabs(now: Date): ExampleTab[] {
  const at = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
  return [
    { title: 'Health', role: 'PROGRAM_MANAGER', query: ASSESSMENT, variables: { at: null } },
    {
      title: 'Launch plan',
      role: 'PROGRAM_MANAGER',
      query: LAUNCH,
      variables: {
        launch: {
          name: 'Guard 3 launch',
          products: ['Guard'],
          launchDate: at(60),
          horizonDays: 90,
          cells: [
            { segment: 'ENTERPRISE', region: 'EMEA', expectedOpportunities: 40 },
            { segment: 'MID_MARKET', region: 'NA', expectedOpportunities: 60 },
            { segment: 'ENTERPRISE', region: 'APAC', expectedOpportunities: 15 },
          ],
        },
      },
    },
    { title: 'Content use', role: 'PROGRAM_MANAGER', query: CONTENT, variables: {} },
    { title: 'Digest', role: 'PROGRAM_MANAGER', query: DIGEST, variables: { from: at(-91) } },
    { title: 'Nominators', role: 'REQUESTER', query: LEADERBOARD, variables: {} },
  ];
}
