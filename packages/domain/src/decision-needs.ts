import { accountNeeds } from './account/account-needs';
import { advocateNeeds } from './advocate/advocate-needs';
import { contentAssetNeeds } from './content-asset/content-asset-needs';
import { nominationNeeds } from './nomination/nomination-needs';
import { referenceRequestNeeds } from './reference-request/reference-request-needs';
import { NO_NEEDS, type DecisionNeeds } from './shared/decision-needs';
import type { AggregateName } from './shared/event-definition';

/** What each aggregate's decider declares it needs beyond its own stream. */
export const DECISION_NEEDS: Readonly<Record<AggregateName, DecisionNeeds>> = {
  Account: accountNeeds,
  Program: NO_NEEDS,
  Advocate: advocateNeeds,
  Nomination: nominationNeeds,
  ContentAsset: contentAssetNeeds,
  ReferenceRequest: referenceRequestNeeds,
};
