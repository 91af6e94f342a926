import type { DecisionNeeds } from '../shared/decision-needs';
import type { ContentAssetCommand } from './content-asset-commands';
import type { ContentAssetState } from './content-asset-decider';

/** Publishing or reinstating content needs the consents of every holder it relies on (invariant 5). */
export const contentAssetNeeds: DecisionNeeds<ContentAssetCommand, ContentAssetState> = {
  needs: (command, state) =>
    command.type === 'PublishContent' || command.type === 'ReinstateContent'
      ? state().holders.map(({ holder, holderId }) => ({ kind: 'consents', holder, holderId }))
      : [],
};
