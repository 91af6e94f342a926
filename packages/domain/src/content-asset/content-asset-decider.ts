import { commandRules } from '../shared/command-handlers';
import type { Decider } from '../shared/decider';
import { notFound } from '../shared/guards';
import type { ContentAssetCommand } from './content-asset-commands';
import type { ContentAssetEvent } from './content-asset-events';
import { contentParsers, contentRules } from './content-asset-rules';
import {
  evolveContentAsset,
  initialContentAssetState,
  type ContentAssetState,
  type ContentDecisionContext,
} from './content-asset-state';

export * from './content-asset-state';

/** The content asset's rules, each command one named rule after one parse step. */
const CONTENT_RULES = commandRules<
  ContentAssetCommand,
  ContentAssetState,
  ContentAssetEvent,
  ContentDecisionContext
>()(contentParsers, contentRules, (command, state) => {
  if (command.type !== 'DraftContent' && state.status === 'NONE') throw notFound('Content', '(not drafted)');
});

/** A content command whose payload has been checked. */
export type ParsedContentAssetCommand = ReturnType<typeof CONTENT_RULES.parse>;

/** The parse step: checks a content command's payload (VALIDATION errors) before any rule runs. */
export const parseContentAssetCommand = CONTENT_RULES.parse;

/** The ContentAsset decider: case studies, quotes, videos and logos, and the consents they rely on. */
export const contentAssetDecider: Decider<
  ContentAssetCommand,
  ContentAssetState,
  ContentAssetEvent,
  ContentDecisionContext
> = {
  name: 'ContentAsset',
  initialState: initialContentAssetState,
  decide: CONTENT_RULES.decide,
  evolve: evolveContentAsset,
};
