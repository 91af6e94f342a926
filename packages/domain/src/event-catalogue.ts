import type { AggregateName, EventDefinition } from './shared/event-definition';
import type { PersonalDataDeclaration } from './shared/personal-data';

type Entry = [type: string, description: string, personalData?: PersonalDataDeclaration];

const advocatePersonal = (...fields: string[]): PersonalDataDeclaration => ({
  subjectField: 'advocateId',
  fields,
});

function entries(aggregate: AggregateName, list: readonly Entry[]): EventDefinition[] {
  return list.map(([type, description, personalData]) => ({
    type,
    version: 1,
    aggregate,
    description,
    ...(personalData ? { personalData } : {}),
  }));
}

/** Every event type of the domain, with its version, aggregate, meaning and personal data. */
export const EVENT_CATALOGUE: readonly EventDefinition[] = [
  ...entries('Program', [
    [
      'FatiguePolicySet',
      'The program set how often an advocate may be used (rolling window, per-kind limits, rest days).',
    ],
    ['RequestSlaPolicySet', 'The program set how fast requests are triaged and fulfilled.'],
    ['RewardPolicySet', 'The program set the per-reward cap and the yearly cap per advocate.'],
    ['FreshnessPolicySet', 'The program set how often profiles are verified and when they go stale.'],
    ['NominationPolicySet', 'The program set the account health below which nominations need an override.'],
    ['RetentionPolicySet', 'The program set how long personal data of retired advocates is kept.'],
    ['CoverageTargetSet', 'The growth plan needs this many advocates for an industry × region × product.'],
    ['CoverageTargetRemoved', 'A coverage target was dropped from the growth plan.'],
    [
      'AccountWishlisted',
      'Sales wished this company were a reference; its traits shape the preferred candidate profile.',
    ],
    ['WishlistEntryRemoved', 'A company was taken off the sales wishlist.'],
    [
      'RequestModePolicySet',
      'The program set how requests of each kind are fulfilled (PM, owner approval, self-serve, auto-complete).',
    ],
  ]),
  ...entries('Account', [
    ['AccountRegistered', 'A customer organisation was registered with its owner and profile.'],
    ['AccountProfileUpdated', "The account's industry, segment, region or products changed."],
    ['AccountOwnerReassigned', 'The account got a new owner (AE/CSM).'],
    ['AccountHealthRecorded', "The account's health (score, NPS, CSAT) was measured."],
    ['AccountConsentGranted', 'The company granted a consent of its own (e.g. to use its logo).'],
    ['AccountConsentRenewed', "The company's consent was extended; its version went up."],
    ['AccountConsentWithdrawn', 'The company withdrew its consent for some or all kinds.'],
    ['AccountArchived', 'The account is no longer a customer; it is kept for history.'],
    [
      'AccountDelegated',
      "The account's owner (or an admin) let a colleague act for the account until a date.",
    ],
    ['AccountDelegationRevoked', 'A delegation of the account ended before its date.'],
  ]),
  ...entries('Advocate', [
    [
      'AdvocateEnrolled',
      'A customer contact became an advocate (as a CANDIDATE).',
      advocatePersonal('contact'),
    ],
    ['AdvocateActivated', 'The advocate became ACTIVE and may be asked.'],
    [
      'AdvocateContactUpdated',
      "The advocate's name, email, phone or title changed.",
      advocatePersonal('contact'),
    ],
    [
      'AdvocateAttributesUpdated',
      "The advocate's seniority, products, use cases, languages or topics changed.",
    ],
    ['AdvocatePreferencesSet', 'The advocate said how often and for what they are willing to be asked.'],
    [
      'AdvocateRested',
      'The advocate rests until a date and is not asked meanwhile.',
      advocatePersonal('reason'),
    ],
    ['AdvocateReactivated', 'The advocate is back from rest.'],
    ['AdvocateRetired', 'The advocate left the program.', advocatePersonal('reason')],
    ['AdvocateMarkedDoNotContact', 'The advocate must not be contacted.', advocatePersonal('reason')],
    [
      'AdvocateLeftAccount',
      'The advocate left their company: the consents given in that role were withdrawn, history kept.',
    ],
    [
      'ConsentGranted',
      'The advocate granted a consent: kinds, scope, validity, uses, and how it was collected.',
    ],
    ['ConsentRenewed', "The advocate's consent was extended; its version went up."],
    ['ConsentWithdrawn', 'The advocate withdrew consent for some or all kinds; it takes effect at once.'],
    ['ConsentExpired', "A consent's validity ended; what relied on it after that date is released."],
    ['EngagementReserved', 'The advocate was reserved for one activity under a named consent version.'],
    ['EngagementAccepted', 'The advocate accepted the engagement.'],
    ['UseApproved', 'The advocate approved this particular use (per-use approval).'],
    ['EngagementScheduled', 'The activity was scheduled for a date, under a named consent version.'],
    ['EngagementCompleted', 'The activity took place: a use, under a named consent version.'],
    ['EngagementReleased', 'The reservation was released (declined, cancelled, consent withdrawn, ...).'],
    [
      'EngagementFeedbackRecorded',
      'The requester rated how the engagement went (and how well the advocate fitted the topic).',
      advocatePersonal('comment'),
    ],
    ['RewardGranted', 'The program gave the advocate a reward; its value and disclosure are on record.'],
    ['ProfileVerificationRequested', 'Someone was asked to confirm or correct the profile by a date.'],
    ['ProfileVerified', 'The profile was confirmed as correct.'],
    ['ProfileVerificationLapsed', 'A verification request went unanswered: the profile is stale.'],
    ['LegalHoldPlaced', "A legal hold keeps the advocate's data from erasure."],
    ['LegalHoldReleased', 'A legal hold was released.'],
    ['ErasureDeferred', 'Erasure was requested during a legal hold; it runs when the last hold is released.'],
    ['AdvocateErased', "The advocate's personal data was erased by destroying their key."],
    [
      'SelfServePreApproved',
      'The account owner put the advocate in the self-serve pool for some kinds until a date.',
    ],
    ['SelfServePreApprovalRevoked', 'The advocate was taken out of the self-serve pool.'],
    ['ConsentUseRecorded', "A use of content was counted against the advocate's consent and its max uses."],
  ]),
  ...entries('Nomination', [
    [
      'NominationSubmitted',
      'An account owner proposed a customer contact as an advocate, with evidence of satisfaction.',
      // The evidence is free text about the candidate ("said at the QBR…"): theirs too.
      { subjectField: 'candidateId', fields: ['candidate', 'evidence'] },
    ],
    ['NominationApproved', 'A program manager approved the nomination; the candidate is enrolled.'],
    ['NominationRejected', 'A program manager rejected the nomination.'],
    ['NominationWithdrawn', 'The nominator withdrew the nomination.'],
  ]),
  ...entries('ReferenceRequest', [
    [
      'ReferenceRequestSubmitted',
      'Someone asked for advocates for an activity, for an opportunity, by a date.',
    ],
    ['RequestTriaged', 'A program manager triaged the request and set its priority.'],
    ['CandidatesShortlisted', 'Candidates were shortlisted, each with a score and its explanation.'],
    ['OwnerApprovalRequested', "The account owner was asked to approve asking their customer's advocate."],
    ['AskApprovedByOwner', 'The account owner approved asking the advocate.'],
    ['AskDeclinedByOwner', 'The account owner declined, with a reason.'],
    ['OwnerApprovalOverridden', "A program manager overrode the owner's approval, with a reason."],
    ['AdvocateAsked', 'The advocate was asked (an engagement was reserved for them).'],
    ['AdvocateAcceptedRequest', 'The advocate accepted the request.'],
    ['AdvocateDeclinedRequest', 'The advocate declined the request.'],
    ['ActivityScheduled', 'The activity was scheduled.'],
    ['ActivityCompleted', 'The activity took place.'],
    ['RequestFeedbackRecorded', 'The requester rated the advocate.', advocatePersonal('comment')],
    ['OutcomeRecorded', 'The opportunity was won, lost or ended without decision, with the amount.'],
    ['CandidateReleased', 'A candidate dropped out (e.g. consent withdrawn); the requester is told.'],
    ['RequestCancelled', 'The request was cancelled.'],
    ['RequestLapsed', 'The request passed its due date unfulfilled.'],
    [
      'AdvocateTakenFromPool',
      "The requester took an advocate from the owner's self-serve pool; the owner is notified.",
    ],
  ]),
  ...entries('ContentAsset', [
    ['ContentDrafted', 'A case study, quote, video or logo use was drafted, naming whose consent it needs.'],
    ['ContentApproved', 'The customer signed off the content.'],
    ['ContentPublished', 'The content was published under the named consent versions.'],
    ['ContentSuspended', 'The content was taken down (e.g. its consent was withdrawn or expired).'],
    ['ContentReinstated', 'The content is published again under consents in force.'],
    ['ContentRetired', 'The content is retired for good.'],
    ['ContentUsed', 'The content was used (who, where, for which request) under the consents in force.'],
  ]),
  // Scheduling with proof: times, the meeting's time zone and user ids. Kept out of personal data on
  // purpose: the request's read model holds them, and read models never hold personal values (invariant 10).
  ...entries('ReferenceRequest', [
    ['SlotsOffered', 'Times were offered for the call (a new round reschedules).'],
    ['SlotPicked', 'The requester picked one offered slot (or moved the call).'],
    ['AttendanceConfirmed', 'One party confirmed the call took place.'],
    ['ActivityMissed', 'Nobody proved the call took place in time: it was missed.'],
  ]),
  ...entries('Program', [
    [
      'SchedulingPolicySet',
      'The program set the grace period before a call is missed, and whether missed calls count toward fatigue.',
    ],
  ]),
  ...entries('Advocate', [
    [
      'EngagementMissed',
      'The scheduled call was not proven within the grace period; counted as the program decides.',
    ],
  ]),
  // Automatic suppression (issue 16): the program's rules and the account facts they read.
  ...entries('Program', [
    [
      'SuppressionPolicySet',
      'The program turned automatic suppression rules on or off (renewal, health, escalation).',
    ],
  ]),
  ...entries('Account', [
    ['AccountRenewalSet', "The account's next renewal date was recorded."],
    ['AccountEscalationOpened', 'A customer escalation was opened on the account.'],
    ['AccountEscalationClosed', 'An escalation on the account was closed.'],
    [
      'AccountSuppressed',
      "A suppression rule started to hold (which rule, on which value): the account's advocates are not asked.",
    ],
    ['AccountSuppressionLifted', 'A suppression rule stopped holding (which rule, and why it ended).'],
  ]),
  // Two-sided feedback (issue 16): the advocate's side; the comment is about the advocate.
  ...entries('Advocate', [
    [
      'AdvocateFeedbackRecorded',
      'The advocate said how the activity went and how well the ask fitted their topics.',
      advocatePersonal('comment'),
    ],
  ]),
];

const byType = new Map(EVENT_CATALOGUE.map((d) => [d.type, d]));

/** The catalogue entry of an event type, if it is one of the domain's. */
export function eventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}

/** The personal data an event type carries (what the event store encrypts), if any. */
export function personalDataOf(type: string): PersonalDataDeclaration | undefined {
  return byType.get(type)?.personalData;
}

/** The schema version new events of a type are written with. */
export function currentSchemaVersion(type: string): number {
  return byType.get(type)?.version ?? 1;
}
