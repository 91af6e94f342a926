import type { ClassType, NonEmptyArray } from 'type-graphql';
import { AccountMutations } from './account/account-mutations';
import { AdvocateMutations } from './advocate/advocate-mutations';
import { ConsentMutations } from './consent/consent-mutations';
import { ContentMutations } from './content/content-mutations';
import { EngagementMutations } from './engagement/engagement-mutations';
import { NominationMutations } from './nomination/nomination-mutations';
import { PrivacyMutations } from './privacy/privacy-mutations';
import { ProgramMutations } from './program/program-mutations';
import { RequestMutations } from './request/request-mutations';
import { RewardMutations } from './reward/reward-mutations';
import { ViewerQuery } from './viewer/viewer-query';

/** Every resolver class of the schema. */
export const RESOLVERS: NonEmptyArray<ClassType> = [
  ViewerQuery,
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
];
