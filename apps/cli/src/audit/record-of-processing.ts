import { ACTIVITY_KINDS, EVENT_CATALOGUE, ROLES, type ProgramState } from '@vouch/domain';

/** Activity kinds whose result reaches people outside the company (the rest stay with prospects and staff). */
const PUBLIC_KINDS = new Set([
  'CASE_STUDY',
  'QUOTE',
  'LOGO',
  'PRESS',
  'VIDEO',
  'SPEAKING',
  'PEER_REVIEW',
  'ANALYST',
]);

/**
 * A GDPR Article 30(1) record of processing activities for one tenant, generated from the
 * program's configuration (its policies) and the event catalogue (which fields of which
 * events are personal data). What only the controller can state (its name and contact,
 * its DPO, its legal assessment) is left for it to fill in, and says so.
 */
export function recordOfProcessing(
  tenantId: string,
  program: ProgramState,
  programVersion: number,
  generatedAt: string,
) {
  const personal = new Map<string, Set<string>>();
  for (const event of EVENT_CATALOGUE) {
    if (!event.personalData) continue;
    for (const field of event.personalData.fields) {
      const fields = personal.get(event.aggregate) ?? new Set<string>();
      fields.add(field);
      personal.set(event.aggregate, fields);
    }
  }
  const { policies } = program;
  return {
    format: 'vouch.record-of-processing.v1',
    article: 'GDPR Art. 30(1)',
    tenantId,
    generatedAt,
    programVersion,
    controller: {
      tenant: tenantId,
      nameAndContact: 'to be completed by the controller (Art. 30(1)(a))',
      dataProtectionOfficer: 'to be completed by the controller',
    },
    processing:
      'Customer reference program: recruiting customer contacts as advocates, recording what each consented to, and asking them to speak for the company on sales, marketing, PR and product requests.',
    purposes: ACTIVITY_KINDS.map((kind) => ({
      activityKind: kind,
      requires: `a consent in force covering ${kind}, the territory and the channel (invariant 1); the use names the consent and its version`,
      reachesThePublic: PUBLIC_KINDS.has(kind),
    })),
    categoriesOfDataSubjects: [
      'advocates: contacts at customer accounts who speak (or may speak) for the company',
      'nominated candidates: customer contacts proposed as advocates',
      "the company's own users (account owners, requesters, program managers, auditors, admins), by user id",
    ],
    categoriesOfPersonalData: [...personal].map(([aggregate, fields]) => ({
      recordedWith: aggregate,
      fields: [...fields].sort(),
      protection:
        'encrypted per data subject (AES-256-GCM); destroyed for good by erasure (crypto-shredding)',
    })),
    otherDataAboutSubjects:
      'seniority, products, use cases, languages, topics, preferences, engagements, consents (kinds, scope, validity, collection method and notice version), rewards',
    recipients: [
      ...ROLES.map((role) => ({ internal: role })),
      {
        external:
          'prospects and customers a reference call or site visit is arranged with (only under consent)',
      },
      {
        external:
          'the public, for published content (case studies, quotes, logos, press, video, speaking), only under consent',
      },
    ],
    transfersToThirdCountries:
      'none by Vouch itself; each consent records the territories it covers, and a use outside them is refused',
    retention: {
      retiredAdvocatesKeptDays: policies.retention.retainRetiredAdvocateDays,
      erasure:
        'on request or after retention: the subject key is destroyed; the history keeps ids, kinds, dates and amounts only',
      legalHolds: 'an erasure under a legal hold is deferred and runs when the last hold is released',
      profileFreshness: `profiles are verified every ${policies.freshness.verifyEveryDays} days and stale after ${policies.freshness.staleAfterDays}`,
    },
    securityMeasures: [
      'personal data encrypted per data subject (AES-256-GCM), data keys wrapped by a master key kept outside the database',
      'erasure by destroying the subject key (crypto-shredding), also in read-model snapshots and logs',
      'every event hash-chained per stream; Ed25519-signed, chained digests of all stream heads with a key kept outside the database; offline verification (vouch verify)',
      'tenants isolated in every query; role- and relationship-based access (what a caller may not see does not exist for them)',
      'append-only history with recorded and effective time, actor and the consent relied on for every use',
    ],
    safeguardsForPeople: {
      fatigueLimits: `at most ${policies.fatigue.maxPerWindow} engagements per ${policies.fatigue.windowDays} days, ${policies.fatigue.minRestDays} rest days between`,
      rewardCaps: `${policies.reward.perRewardCap} ${policies.reward.currency} per reward, ${policies.reward.yearlyCapPerAdvocate} ${policies.reward.currency} per advocate per year, disclosed`,
    },
  };
}
