import type { ClassType, NonEmptyArray } from 'type-graphql';
import { AccountMutations } from './account/account-mutations';
import { AdvocateAcceptedRequesters } from './advocate/advocate-accepted-requesters';
import { AdvocateMutations } from './advocate/advocate-mutations';
import { AdvocateQueries } from './advocate/advocate-queries';
import { AuditQueries } from './audit/audit-queries';
import { IntegrityMutations } from './audit/integrity-mutations';
import { CommandPayloadEntities } from './common/command-payload-entities';
import { ConsentMutations } from './consent/consent-mutations';
import { ContentMutations } from './content/content-mutations';
import { ContentQuery } from './content/content-query';
import { IntelligenceQueries } from './intelligence/intelligence-queries';
import { EngagementMutations } from './engagement/engagement-mutations';
import { ProfileFreshnessLists, ProgramMetricsLists } from './metrics/program-metrics-lists';
import { ProgramMetricsQuery } from './metrics/program-metrics-query';
import { NominationMutations } from './nomination/nomination-mutations';
import { NominationQuery } from './nomination/nomination-query';
import { PrivacyMutations } from './privacy/privacy-mutations';
import { AccountConsents } from './program/account-consents';
import { ProgramLists } from './program/program-lists';
import { ProgramMutations } from './program/program-mutations';
import { ProgramQueries } from './program/program-queries';
import { RequestMutations } from './request/request-mutations';
import { RequestCandidateFields, RequestQueries } from './request/request-queries';
import { RewardMutations } from './reward/reward-mutations';
import { NodeQueries } from './node/node-queries';
import { AvailabilityChangeFields, ChangeSubscriptions } from './subscriptions/change-subscriptions';
import { ViewerQuery } from './viewer/viewer-query';

/** Every resolver class of the schema. */
export const RESOLVERS: NonEmptyArray<ClassType> = [
  ViewerQuery,
  NodeQueries,
  ProgramQueries,
  ProgramLists,
  AccountConsents,
  AdvocateQueries,
  AdvocateAcceptedRequesters,
  RequestQueries,
  RequestCandidateFields,
  NominationQuery,
  ContentQuery,
  AuditQueries,
  ProgramMetricsQuery,
  ProgramMetricsLists,
  ProfileFreshnessLists,
  IntelligenceQueries,
  ProgramMutations,
  AccountMutations,
  AdvocateMutations,
  ConsentMutations,
  EngagementMutations,
  RewardMutations,
  PrivacyMutations,
  NominationMutations,
  RequestMutations,
  ContentMutations,
  IntegrityMutations,
  CommandPayloadEntities,
  ChangeSubscriptions,
  AvailabilityChangeFields,
];
