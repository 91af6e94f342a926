import { CHANNELS } from '../consent/consent';
import { requireContentConsents } from '../consent/consent-gate';
import { alreadyExists, invalidTransition } from '../shared/guards';
import type { RuleOf } from '../shared/command-handlers';
import { validated } from '../shared/validator';
import type {
  ApproveContent,
  DraftContent,
  PublishContent,
  ReinstateContent,
  RetireContent,
  SuspendContent,
} from './content-asset-commands';
import { CONTENT_KINDS, CONTENT_SUSPENSION_REASONS, type ContentAssetEvent } from './content-asset-events';
import type { ContentAssetState, ContentDecisionContext, ContentStatus } from './content-asset-state';
import { contentUseParsers, contentUseRules } from './content-use-rules';

// Content: drafted, signed off by the customer, published under consents in force, suspended, retired.

function parseDraftContent(d: DraftContent['data']) {
  return validated((v) => {
    const holders = (Array.isArray(d.holders) ? d.holders : []).map((h, i) => ({
      holder: v.oneOf(`holders[${i}].holder`, h?.holder, ['ADVOCATE', 'ACCOUNT'] as const),
      holderId: v.id(`holders[${i}].holderId`, h?.holderId),
    }));
    if (holders.length === 0)
      v.fail('holders', 'must name at least one advocate or account whose consent the content relies on');
    return {
      contentId: v.id('contentId', d.contentId),
      kind: v.oneOf('kind', d.kind, CONTENT_KINDS),
      title: v.text('title', d.title, { max: 300 }),
      accountId: v.id('accountId', d.accountId),
      holders,
      territory: v.text('territory', d.territory, { max: 80 }).toUpperCase(),
      channel: v.oneOf('channel', d.channel, CHANNELS),
    };
  });
}

function parsePublishContent(d: PublishContent['data'], context: ContentDecisionContext) {
  return validated((v) => {
    const maxUses = v.optionalInteger('maxUses', d.maxUses, { min: 1, max: 1_000_000 });
    const expiresAt = v.optionalInstant('expiresAt', d.expiresAt);
    v.order('expiresAt', context.now, expiresAt, 'must be in the future');
    return {
      url: v.optionalText('url', d.url, { max: 2000 }),
      ...(maxUses !== undefined ? { maxUses } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    };
  });
}

/** The payload parsers of content commands. */
export const contentParsers = {
  DraftContent: parseDraftContent,
  ApproveContent: (d: ApproveContent['data']) =>
    validated((v) => v.text('evidence', d.evidence, { max: 1000 })),
  PublishContent: parsePublishContent,
  SuspendContent: (d: SuspendContent['data']) =>
    validated((v) => ({
      reason: v.oneOf('reason', d.reason, CONTENT_SUSPENSION_REASONS),
      consentId: d.consentId === undefined ? undefined : v.id('consentId', d.consentId),
      note: v.optionalText('note', d.note, { max: 1000 }),
    })),
  ReinstateContent: (d: ReinstateContent['data']) =>
    validated((v) => v.optionalText('note', d.note, { max: 1000 })),
  RetireContent: (d: RetireContent['data']) => validated((v) => v.text('reason', d.reason, { max: 1000 })),
  ...contentUseParsers,
};

type Rule<K extends keyof typeof contentParsers> = RuleOf<
  typeof contentParsers,
  K,
  ContentAssetState,
  ContentAssetEvent,
  ContentDecisionContext
>;

/** Refuses a command from any status but `from` (invariant 7). */
function requireContentStatus(state: ContentAssetState, from: ContentStatus, command: string): void {
  if (state.status !== from) throw invalidTransition('Content', state.contentId, state.status, command);
}

const draftContent: Rule<'DraftContent'> = (data, state, context) => {
  if (state.status !== 'NONE') throw alreadyExists('Content', data.contentId);
  return [
    { type: 'ContentDrafted', data: { ...data, draftedBy: context.actor.userId, draftedAt: context.now } },
  ];
};

const approveContent: Rule<'ApproveContent'> = (evidence, state, context) => {
  requireContentStatus(state, 'DRAFT', 'ApproveContent');
  const approval = { contentId: state.contentId, evidence, recordedBy: context.actor.userId };
  return [{ type: 'ContentApproved', data: { ...approval, approvedAt: context.now } }];
};

/** Invariant 1 for content: every holder's consent must be in force to publish. */
const publishContent: Rule<'PublishContent'> = ({ url, ...limits }, state, context) => {
  requireContentStatus(state, 'APPROVED', 'PublishContent');
  const reliesOn = requireContentConsents(state, context);
  const link = { ...(url !== undefined ? { url } : {}), ...limits };
  const by = { publishedBy: context.actor.userId, publishedAt: context.now };
  return [{ type: 'ContentPublished', data: { contentId: state.contentId, reliesOn, ...link, ...by } }];
};

const suspendContent: Rule<'SuspendContent'> = (d, state, context) => {
  requireContentStatus(state, 'PUBLISHED', 'SuspendContent');
  return [
    {
      type: 'ContentSuspended',
      data: {
        contentId: state.contentId,
        reason: d.reason,
        ...(d.consentId !== undefined ? { consentId: d.consentId } : {}),
        ...(d.note !== undefined ? { note: d.note } : {}),
        suspendedBy: context.actor.userId,
        suspendedAt: context.now,
      },
    },
  ];
};

const reinstateContent: Rule<'ReinstateContent'> = (note, state, context) => {
  requireContentStatus(state, 'SUSPENDED', 'ReinstateContent');
  const reliesOn = requireContentConsents(state, context);
  const why = note !== undefined ? { note } : {};
  const by = { reinstatedBy: context.actor.userId, reinstatedAt: context.now };
  return [{ type: 'ContentReinstated', data: { contentId: state.contentId, reliesOn, ...why, ...by } }];
};

const retireContent: Rule<'RetireContent'> = (reason, state, context) => {
  if (state.status === 'RETIRED')
    throw invalidTransition('Content', state.contentId, state.status, 'RetireContent');
  const retired = { contentId: state.contentId, reason, retiredBy: context.actor.userId };
  return [{ type: 'ContentRetired', data: { ...retired, retiredAt: context.now } }];
};

/** The rules of content assets, one per command. */
export const contentRules = {
  DraftContent: draftContent,
  ApproveContent: approveContent,
  PublishContent: publishContent,
  SuspendContent: suspendContent,
  ReinstateContent: reinstateContent,
  RetireContent: retireContent,
  ...contentUseRules,
};
