import { DomainError, DomainErrorCode, ValidationError, type FieldIssue } from '@vouch/domain';
import { publicEventType } from '../contract/public-event-contract';
import type { WebhookEvent } from './webhook-events';

/** A webhook subscription as its events leave it. */
export interface WebhookSubscriptionState {
  readonly subscriptionId: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly status: 'ACTIVE' | 'PAUSED' | 'DELETED';
  readonly secretNonce: string;
  readonly createdAt: string;
  /** How many replays were asked; each starts a fresh delivery checkpoint. */
  readonly replays: number;
  /** Where the latest replay starts; undefined before any. */
  readonly replayAfter?: string;
}

export type WebhookCommand =
  | {
      readonly kind: 'create';
      readonly subscriptionId: string;
      readonly url: string;
      readonly eventTypes: readonly string[];
      readonly secretNonce: string;
    }
  | { readonly kind: 'pause' | 'resume' | 'delete'; readonly subscriptionId: string }
  | { readonly kind: 'rotateSecret'; readonly subscriptionId: string; readonly secretNonce: string }
  | { readonly kind: 'replay'; readonly subscriptionId: string; readonly after: string };

const CHECKPOINT = /^\d{16}$/;
const MAX_URL = 2048;

/** Refuses event types outside the published contract, and an empty or repeated list. */
function eventTypeIssues(eventTypes: readonly string[]): FieldIssue[] {
  if (eventTypes.length === 0)
    return [{ field: 'eventTypes', message: 'must name at least one event type.' }];
  const unknown = eventTypes.filter((type) => !publicEventType(type));
  if (unknown.length > 0) {
    return [
      { field: 'eventTypes', message: `names types outside the published contract: ${unknown.join(', ')}.` },
    ];
  }
  if (new Set(eventTypes).size !== eventTypes.length) {
    return [{ field: 'eventTypes', message: 'names a type twice.' }];
  }
  return [];
}

function mustExist(state: WebhookSubscriptionState | undefined, id: string): WebhookSubscriptionState {
  if (!state || state.status === 'DELETED') {
    throw new DomainError(DomainErrorCode.NOT_FOUND, `There is no webhook subscription ${id}.`, {
      subscriptionId: id,
    });
  }
  return state;
}

/** Decides a webhook configuration change (the URL's reachability is checked before, with I/O). */
export function decideWebhook(
  command: WebhookCommand,
  state: WebhookSubscriptionState | undefined,
  now: string,
): WebhookEvent[] {
  const subscriptionId = command.subscriptionId;
  switch (command.kind) {
    case 'create': {
      if (state) {
        throw new DomainError(
          DomainErrorCode.ALREADY_EXISTS,
          `Webhook subscription ${subscriptionId} exists.`,
          {
            subscriptionId,
          },
        );
      }
      const issues = eventTypeIssues(command.eventTypes);
      if (command.url.length > MAX_URL) issues.push({ field: 'url', message: `is longer than ${MAX_URL}.` });
      if (issues.length > 0) throw new ValidationError(issues);
      return [
        {
          type: 'WebhookSubscriptionCreated',
          data: {
            subscriptionId,
            url: command.url,
            eventTypes: [...command.eventTypes],
            secretNonce: command.secretNonce,
            createdAt: now,
          },
        },
      ];
    }
    case 'pause': {
      if (mustExist(state, subscriptionId).status === 'PAUSED') return [];
      return [{ type: 'WebhookSubscriptionPaused', data: { subscriptionId, pausedAt: now } }];
    }
    case 'resume': {
      if (mustExist(state, subscriptionId).status === 'ACTIVE') return [];
      return [{ type: 'WebhookSubscriptionResumed', data: { subscriptionId, resumedAt: now } }];
    }
    case 'delete':
      mustExist(state, subscriptionId);
      return [{ type: 'WebhookSubscriptionDeleted', data: { subscriptionId, deletedAt: now } }];
    case 'rotateSecret':
      mustExist(state, subscriptionId);
      return [
        {
          type: 'WebhookSecretRotated',
          data: { subscriptionId, secretNonce: command.secretNonce, rotatedAt: now },
        },
      ];
    case 'replay':
      mustExist(state, subscriptionId);
      if (!CHECKPOINT.test(command.after)) {
        throw new ValidationError([
          { field: 'after', message: 'is not a position of this log (16 digits).' },
        ]);
      }
      return [
        { type: 'WebhookReplayRequested', data: { subscriptionId, after: command.after, requestedAt: now } },
      ];
  }
}

/** Folds one webhook event into its subscription's state (dead letters change nothing here). */
export function evolveWebhook(
  state: WebhookSubscriptionState | undefined,
  event: WebhookEvent,
): WebhookSubscriptionState | undefined {
  switch (event.type) {
    case 'WebhookSubscriptionCreated':
      return {
        subscriptionId: event.data.subscriptionId,
        url: event.data.url,
        eventTypes: event.data.eventTypes,
        status: 'ACTIVE',
        secretNonce: event.data.secretNonce,
        createdAt: event.data.createdAt,
        replays: 0,
      };
    case 'WebhookSubscriptionPaused':
      return state && { ...state, status: 'PAUSED' };
    case 'WebhookSubscriptionResumed':
      return state && { ...state, status: 'ACTIVE' };
    case 'WebhookSecretRotated':
      return state && { ...state, secretNonce: event.data.secretNonce };
    case 'WebhookSubscriptionDeleted':
      return state && { ...state, status: 'DELETED' };
    case 'WebhookReplayRequested':
      return state && { ...state, replays: state.replays + 1, replayAfter: event.data.after };
    case 'WebhookDeliveryDeadLettered':
      return state;
  }
}
