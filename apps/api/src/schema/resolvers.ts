import type { ClassType, NonEmptyArray } from 'type-graphql';
import { AdvocateAcceptedRequesters } from './advocate/advocate-accepted-requesters';
import { AdvocateQueries } from './advocate/advocate-queries';
import { SelfServePoolQuery } from './advocate/self-serve-pool-query';
import { AuditQueries } from './audit/audit-queries';
import { IntegrityMutations } from './audit/integrity-mutations';
import { CommandMutations } from './commands/command-mutations';
import { CommandPayloadEntities } from './common/command-payload-entities';
import { ContentQuery } from './content/content-query';
import { IntelligenceQueries } from './intelligence/intelligence-queries';
import { CrmInboxQuery } from './integrations/crm-inbox-query';
import { ProfileFreshnessLists, ProgramMetricsLists } from './metrics/program-metrics-lists';
import { ProgramMetricsQuery } from './metrics/program-metrics-query';
import { NominationQuery } from './nomination/nomination-query';
import { AccountConsents } from './program/account-consents';
import { ProgramLists } from './program/program-lists';
import { ProgramQueries } from './program/program-queries';
import { RequestCandidateFields, RequestQueries } from './request/request-queries';
import { CallInvitationQuery } from './request/call-schedule-queries';
import { NodeQueries } from './node/node-queries';
import { AvailabilityChangeFields, ChangeSubscriptions } from './subscriptions/change-subscriptions';
import { ViewerQuery } from './viewer/viewer-query';
import { WebhookResolvers } from './webhooks/webhook-resolvers';

/** Every resolver class of the schema. */
export const RESOLVERS: NonEmptyArray<ClassType> = [
  ViewerQuery,
  NodeQueries,
  ProgramQueries,
  ProgramLists,
  AccountConsents,
  AdvocateQueries,
  AdvocateAcceptedRequesters,
  SelfServePoolQuery,
  RequestQueries,
  RequestCandidateFields,
  CallInvitationQuery,
  NominationQuery,
  ContentQuery,
  AuditQueries,
  ProgramMetricsQuery,
  ProgramMetricsLists,
  ProfileFreshnessLists,
  CommandMutations,
  IntelligenceQueries,
  IntegrityMutations,
  CommandPayloadEntities,
  ChangeSubscriptions,
  AvailabilityChangeFields,
  WebhookResolvers,
  CrmInboxQuery,
];
