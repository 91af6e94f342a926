import {
  handleWith,
  parseWith,
  type CommandHandlers,
  type CommandParsers,
  type ParsedCommand,
} from '../shared/command-handlers';
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

const CONTENT_PARSERS = contentParsers satisfies CommandParsers<ContentAssetCommand, ContentDecisionContext>;

/** A content command whose payload has been checked. */
export type ParsedContentAssetCommand = ParsedCommand<typeof CONTENT_PARSERS>;

/** The parse step: checks a content command's payload (VALIDATION errors) before any rule runs. */
export function parseContentAssetCommand(
  command: ContentAssetCommand,
  context: ContentDecisionContext,
): ParsedContentAssetCommand {
  return parseWith(CONTENT_PARSERS, command, context);
}

/** One named rule per content command; the compiler checks none is missing. */
const CONTENT_RULES: CommandHandlers<
  typeof CONTENT_PARSERS,
  ContentAssetState,
  ContentAssetEvent,
  ContentDecisionContext
> = contentRules;

function decide(
  command: ContentAssetCommand,
  state: ContentAssetState,
  context: ContentDecisionContext,
): ContentAssetEvent[] {
  if (command.type !== 'DraftContent' && state.status === 'NONE') throw notFound('Content', '(not drafted)');
  return handleWith(CONTENT_RULES, parseContentAssetCommand(command, context), state, context);
}

/** The ContentAsset decider: case studies, quotes, videos and logos, and the consents they rely on. */
export const contentAssetDecider: Decider<
  ContentAssetCommand,
  ContentAssetState,
  ContentAssetEvent,
  ContentDecisionContext
> = {
  name: 'ContentAsset',
  initialState: initialContentAssetState,
  decide,
  evolve: evolveContentAsset,
};
