// The shared language of every aggregate.
export * from './shared/activity-kind';
export * from './shared/actor';
export * from './shared/command-handlers';
export * from './shared/decider';
export * from './shared/decision-context';
export * from './shared/domain-error';
export * from './shared/domain-event';
export * from './shared/event-definition';
export * from './shared/event-envelope';
export * from './shared/every-member';
export * from './shared/idempotency';
export * from './shared/money';
export * from './shared/personal-data';
export * from './shared/text-hygiene';
export * from './shared/time';
export * from './shared/validator';

// Consents (usage grants), shared by advocates and accounts.
export * from './consent/consent';
export * from './consent/consent-commands';
export * from './consent/consent-events';
export * from './consent/consent-policy';
export * from './consent/consent-gate';

// The aggregates.
export * from './program/program-policies';
export * from './program/program-commands';
export * from './program/program-events';
export * from './program/program-decider';
export * from './account/segment';
export * from './account/account-commands';
export * from './account/account-events';
export * from './account/account-decider';
export * from './account/account-delegation';
export * from './account/owner-gate';
export * from './account/account-suppression-commands';
export * from './account/account-suppression-events';
export * from './account/account-suppression-state';
export * from './account/suppression-gate';
export * from './policies/suppression-policy';
export * from './program/program-suppression-rules';
export * from './advocate/advocate-feedback';
export * from './policies/feedback-score';
export * from './advocate/seniority';
export * from './advocate/advocate-profile';
export * from './advocate/engagement';
export * from './advocate/reward';
export * from './advocate/advocate-commands';
export * from './advocate/advocate-events';
export * from './advocate/advocate-state';
export * from './advocate/advocate-decider';
export { DEPARTURE_WITHDRAWAL_REASON } from './advocate/departure-rules';
export * from './nomination/nomination-commands';
export * from './nomination/nomination-events';
export * from './nomination/nomination-decider';
export * from './reference-request/reference-request-types';
export * from './reference-request/reference-request-commands';
export * from './reference-request/reference-request-events';
export * from './reference-request/reference-request-state';
export * from './reference-request/reference-request-decider';
export * from './reference-request/ask-reservation';
export * from './reference-request/slot-offer';
export * from './program/scheduling-policy';
export * from './reference-request/scheduling-commands';
export * from './reference-request/scheduling-events';
export * from './advocate/missed-engagement-rules';
export * from './content-asset/content-asset-commands';
export * from './content-asset/content-asset-events';
export * from './content-asset/content-asset-decider';

// Policies usable by projections and the API.
export * from './policies/fatigue-policy';
export * from './policies/fatigue-gate';
export * from './policies/availability';
export * from './policies/profile-freshness';
export * from './policies/match-score';
export * from './policies/request-sla';
export * from './policies/retention';
export * from './policies/wishlist-profile';
export * from './policies/maturity-model';
export * from './policies/launch-demand';

export * from './event-catalogue';
export * from './deciders';

// Workflows: decisions over more than one stream.
export * from './workflows/workflow-step';
export * from './workflows/request-workflow';
export * from './workflows/scheduling-workflow';
// Request modes (issue 16): program modes, the self-serve pool, content use with caps and expiry.
export * from './program/request-modes';
export * from './advocate/self-serve-pool';
export * from './reference-request/self-serve-rules';
export * from './content-asset/content-usage';
export * from './workflows/self-serve-workflow';
export * from './workflows/content-use-workflow';

// What each decider needs read beyond its own stream.
export * from './shared/decision-needs';
export * from './decision-needs';

// The command catalogue: one row per command.
export * from './command-catalogue/payload-schema';
export * from './command-catalogue/command-definition';
export * from './command-catalogue/command-catalogue';
