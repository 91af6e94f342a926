import { START, type Checkpoint, type EventStore, type RecordedEvent } from '@vouch/event-store';
import type {
  AccountConsentWithdrawn,
  ConsentExpired,
  ConsentWithdrawn,
  ContentKind,
  ContentPublished,
  ReliedConsent,
} from '@vouch/domain';
import { dataOf, reactionId, type ProcessManager } from './process-manager';

const CONTENT_LIFECYCLE = [
  'ContentDrafted',
  'ContentPublished',
  'ContentReinstated',
  'ContentSuspended',
  'ContentRetired',
];

interface PublishedContent {
  kind: ContentKind;
  reliesOn: readonly ReliedConsent[];
}

/** The content published right now, read from the log up to `until` (inclusive). */
async function publishedContent(
  store: EventStore,
  tenantId: string,
  until: Checkpoint,
): Promise<Map<string, PublishedContent>> {
  const kinds = new Map<string, ContentKind>();
  const published = new Map<string, PublishedContent>();
  let after: Checkpoint = START;
  for (;;) {
    const page = await store.readAll(tenantId, { after, types: CONTENT_LIFECYCLE, limit: 1000 });
    for (const e of page) {
      if (e.checkpoint > until) return published;
      const contentId = String(e.data.contentId);
      if (e.type === 'ContentDrafted') kinds.set(contentId, e.data.kind as ContentKind);
      else if (e.type === 'ContentPublished' || e.type === 'ContentReinstated') {
        published.set(contentId, {
          kind: kinds.get(contentId) ?? 'CASE_STUDY',
          reliesOn: dataOf<ContentPublished>(e).reliesOn,
        });
      } else published.delete(contentId);
      after = e.checkpoint;
    }
    if (page.length < 1000) return published;
  }
}

function lostConsent(event: RecordedEvent): {
  holder: 'ADVOCATE' | 'ACCOUNT';
  holderId: string;
  consentId: string;
  kinds?: readonly string[];
} {
  if (event.type === 'AccountConsentWithdrawn') {
    const d = dataOf<AccountConsentWithdrawn>(event);
    return { holder: 'ACCOUNT', holderId: d.accountId, consentId: d.consentId, kinds: d.kinds };
  }
  if (event.type === 'ConsentWithdrawn') {
    const d = dataOf<ConsentWithdrawn>(event);
    return { holder: 'ADVOCATE', holderId: d.advocateId, consentId: d.consentId, kinds: d.kinds };
  }
  const d = dataOf<ConsentExpired>(event);
  return { holder: 'ADVOCATE', holderId: d.advocateId, consentId: d.consentId };
}

/**
 * A consent withdrawn or expired → every published content asset relying on it for the
 * withdrawn kind is suspended at once (invariant 5). Earlier publication stays in history.
 */
export const suspendContentOnConsentLoss: ProcessManager = {
  name: 'suspend-content-on-consent-loss',
  eventTypes: ['ConsentWithdrawn', 'ConsentExpired', 'AccountConsentWithdrawn'],
  async handle(event, context) {
    const lost = lostConsent(event);
    const reason = event.type === 'ConsentExpired' ? 'CONSENT_EXPIRED' : 'CONSENT_WITHDRAWN';
    const published = await publishedContent(context.store, context.tenantId, event.checkpoint);
    for (const [contentId, content] of published) {
      const relies = content.reliesOn.some(
        (r) => r.holder === lost.holder && r.holderId === lost.holderId && r.consentId === lost.consentId,
      );
      if (!relies || (lost.kinds !== undefined && !lost.kinds.includes(content.kind))) continue;
      await context.execute({
        type: 'SuspendContent',
        commandId: reactionId(this.name, event, contentId),
        aggregateId: contentId,
        causationId: event.eventId,
        correlationId: event.metadata.correlationId,
        data: { reason, consentId: lost.consentId },
      });
    }
  },
};
