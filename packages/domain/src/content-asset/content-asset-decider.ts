import type { Consent } from '../consent/consent';
import { CHANNELS } from '../consent/consent';
import { consentInForce, describeConsentGap } from '../consent/consent-policy';
import type { Decider } from '../shared/decider';
import type { DecisionContext } from '../shared/decision-context';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { alreadyExists, invalidTransition, notFound } from '../shared/guards';
import { validated } from '../shared/validator';
import type { ContentAssetCommand } from './content-asset-commands';
import {
  CONTENT_KINDS,
  CONTENT_SUSPENSION_REASONS,
  type ContentAssetEvent,
  type ContentKind,
  type ReliedConsent,
} from './content-asset-events';
import type { Channel } from '../consent/consent';

/** The content decider reads the consents of the asset's holders (advocates, the account). */
export interface ContentDecisionContext extends DecisionContext {
  readonly consentsOf: (holder: 'ADVOCATE' | 'ACCOUNT', holderId: string) => readonly Consent[];
}

/** DRAFT → APPROVED → PUBLISHED ⇄ SUSPENDED; any → RETIRED. */
export type ContentStatus = 'NONE' | 'DRAFT' | 'APPROVED' | 'PUBLISHED' | 'SUSPENDED' | 'RETIRED';

export interface ContentAssetState {
  readonly contentId: string;
  readonly status: ContentStatus;
  readonly kind?: ContentKind;
  readonly accountId?: string;
  readonly holders: readonly { holder: 'ADVOCATE' | 'ACCOUNT'; holderId: string }[];
  readonly territory?: string;
  readonly channel?: Channel;
  readonly reliesOn: readonly ReliedConsent[];
}

export const initialContentAssetState: ContentAssetState = {
  contentId: '',
  status: 'NONE',
  holders: [],
  reliesOn: [],
};

/** Invariant 1 for content: every holder's consent for the kind must be in force to publish. */
function requireConsents(state: ContentAssetState, context: ContentDecisionContext): ReliedConsent[] {
  const kind = state.kind ?? 'CASE_STUDY';
  const scope = { territory: state.territory ?? '', channel: state.channel ?? 'WEB' };
  return state.holders.map(({ holder, holderId }) => {
    const verdict = consentInForce(context.consentsOf(holder, holderId), { kind, scope, at: context.now });
    if (!verdict.inForce) {
      throw new DomainError(
        DomainErrorCode.CONSENT_REQUIRED,
        `Content ${state.contentId} cannot be published: for ${holder.toLowerCase()} ${holderId}, ${describeConsentGap(verdict.gap)}. ` +
          'Record or renew the consent first.',
        { contentId: state.contentId, holder, holderId, kind, gap: verdict.gap },
      );
    }
    return {
      holder,
      holderId,
      consentId: verdict.consent.consentId,
      consentVersion: verdict.consent.version,
    };
  });
}

function decide(
  command: ContentAssetCommand,
  state: ContentAssetState,
  context: ContentDecisionContext,
): ContentAssetEvent[] {
  const now = context.now;
  const by = context.actor.userId;
  if (command.type === 'DraftContent') {
    const d = command.data;
    const data = validated((v) => {
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
    if (state.status !== 'NONE') throw alreadyExists('Content', data.contentId);
    return [{ type: 'ContentDrafted', data: { ...data, draftedBy: by, draftedAt: now } }];
  }
  if (state.status === 'NONE') throw notFound('Content', '(not drafted)');
  const contentId = state.contentId;
  const refuse = () => invalidTransition('Content', contentId, state.status, command.type);
  switch (command.type) {
    case 'ApproveContent': {
      if (state.status !== 'DRAFT') throw refuse();
      const d = validated((v) => ({
        evidence: v.text('evidence', command.data.evidence, { max: 1000 }),
      }));
      return [{ type: 'ContentApproved', data: { contentId, ...d, recordedBy: by, approvedAt: now } }];
    }
    case 'PublishContent': {
      if (state.status !== 'APPROVED') throw refuse();
      const url = validated((v) => v.optionalText('url', command.data.url, { max: 2000 }));
      const reliesOn = requireConsents(state, context);
      return [
        {
          type: 'ContentPublished',
          data: {
            contentId,
            reliesOn,
            ...(url !== undefined ? { url } : {}),
            publishedBy: by,
            publishedAt: now,
          },
        },
      ];
    }
    case 'SuspendContent': {
      if (state.status !== 'PUBLISHED') throw refuse();
      const d = validated((v) => ({
        reason: v.oneOf('reason', command.data.reason, CONTENT_SUSPENSION_REASONS),
        consentId:
          command.data.consentId === undefined ? undefined : v.id('consentId', command.data.consentId),
        note: v.optionalText('note', command.data.note, { max: 1000 }),
      }));
      return [
        {
          type: 'ContentSuspended',
          data: {
            contentId,
            reason: d.reason,
            ...(d.consentId !== undefined ? { consentId: d.consentId } : {}),
            ...(d.note !== undefined ? { note: d.note } : {}),
            suspendedBy: by,
            suspendedAt: now,
          },
        },
      ];
    }
    case 'ReinstateContent': {
      if (state.status !== 'SUSPENDED') throw refuse();
      const note = validated((v) => v.optionalText('note', command.data.note, { max: 1000 }));
      const reliesOn = requireConsents(state, context);
      return [
        {
          type: 'ContentReinstated',
          data: {
            contentId,
            reliesOn,
            ...(note !== undefined ? { note } : {}),
            reinstatedBy: by,
            reinstatedAt: now,
          },
        },
      ];
    }
    case 'RetireContent': {
      if (state.status === 'RETIRED') throw refuse();
      const reason = validated((v) => v.text('reason', command.data.reason, { max: 1000 }));
      return [{ type: 'ContentRetired', data: { contentId, reason, retiredBy: by, retiredAt: now } }];
    }
  }
}

function evolve(state: ContentAssetState, event: ContentAssetEvent): ContentAssetState {
  switch (event.type) {
    case 'ContentDrafted': {
      const d = event.data;
      return {
        ...state,
        contentId: d.contentId,
        status: 'DRAFT',
        kind: d.kind,
        accountId: d.accountId,
        holders: d.holders,
        territory: d.territory,
        channel: d.channel,
      };
    }
    case 'ContentApproved':
      return { ...state, status: 'APPROVED' };
    case 'ContentPublished':
      return { ...state, status: 'PUBLISHED', reliesOn: event.data.reliesOn };
    case 'ContentSuspended':
      return { ...state, status: 'SUSPENDED' };
    case 'ContentReinstated':
      return { ...state, status: 'PUBLISHED', reliesOn: event.data.reliesOn };
    case 'ContentRetired':
      return { ...state, status: 'RETIRED' };
    default:
      return state;
  }
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
  evolve,
};
