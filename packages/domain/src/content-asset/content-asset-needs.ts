import type { DecisionNeeds } from '../shared/decision-needs';
import type { ContentAssetCommand } from './content-asset-commands';
import type { ContentAssetState } from './content-asset-decider';

const READS_CONSENTS: ReadonlySet<ContentAssetCommand['type']> = new Set([
  'PublishContent',
  'ReinstateContent',
  'UseContent',
]);

/** Publishing, reinstating or using content needs the consents of every holder it relies on (invariants 1, 5). */
export const contentAssetNeeds: DecisionNeeds<ContentAssetCommand, ContentAssetState> = {
  needs: (command, state) =>
    READS_CONSENTS.has(command.type)
      ? state().holders.map(({ holder, holderId }) => ({ kind: 'consents', holder, holderId }))
      : [],
};
