import {
  decideWebhook,
  evolveWebhook,
  type WebhookCommand,
  type WebhookEvent,
  type WebhookSubscriptionState,
} from '../../src';

const NOW = '2026-11-23T09:00:00.000Z';
const created: WebhookEvent = {
  type: 'WebhookSubscriptionCreated',
  data: {
    subscriptionId: 'wh_1',
    url: 'https://hooks.example.com/vouch',
    eventTypes: ['dev.vouch.consent.withdrawn.v1'],
    secretNonce: 'n1',
    createdAt: NOW,
  },
};

/** Given these events, when this command: the events decided, or the code refused with. */
function given(events: readonly WebhookEvent[]) {
  const state = events.reduce<WebhookSubscriptionState | undefined>(evolveWebhook, undefined);
  return {
    when: (command: WebhookCommand) => {
      const run = () => decideWebhook(command, state, NOW);
      return {
        then: (expected: WebhookEvent[]) => expect(run()).toEqual(expected),
        thenRefuses: (code: string) => expect(run).toThrow(expect.objectContaining({ code })),
      };
    },
  };
}

const create = (eventTypes: string[]): WebhookCommand => ({
  kind: 'create',
  subscriptionId: 'wh_1',
  url: 'https://hooks.example.com/vouch',
  eventTypes,
  secretNonce: 'n1',
});

describe('webhook subscription rules', () => {
  it('creates a subscription to published types', () =>
    given([])
      .when(create(['dev.vouch.consent.withdrawn.v1']))
      .then([created]));

  it('refuses a type outside the published contract (internal events are never published)', () =>
    given([])
      .when(create(['ConsentWithdrawn']))
      .thenRefuses('VALIDATION_FAILED'));

  it('refuses no type, or one twice', () => {
    given([]).when(create([])).thenRefuses('VALIDATION_FAILED');
    given([])
      .when(create(['dev.vouch.consent.withdrawn.v1', 'dev.vouch.consent.withdrawn.v1']))
      .thenRefuses('VALIDATION_FAILED');
  });

  it('refuses creating one that exists', () =>
    given([created])
      .when(create(['dev.vouch.consent.withdrawn.v1']))
      .thenRefuses('ALREADY_EXISTS'));

  it('pauses an active one; pausing a paused one changes nothing', () => {
    const paused: WebhookEvent = {
      type: 'WebhookSubscriptionPaused',
      data: { subscriptionId: 'wh_1', pausedAt: NOW },
    };
    given([created]).when({ kind: 'pause', subscriptionId: 'wh_1' }).then([paused]);
    given([created, paused]).when({ kind: 'pause', subscriptionId: 'wh_1' }).then([]);
  });

  it('a deleted or unknown subscription does not exist', () => {
    const deleted: WebhookEvent = {
      type: 'WebhookSubscriptionDeleted',
      data: { subscriptionId: 'wh_1', deletedAt: NOW },
    };
    given([created, deleted]).when({ kind: 'resume', subscriptionId: 'wh_1' }).thenRefuses('NOT_FOUND');
    given([])
      .when({ kind: 'rotateSecret', subscriptionId: 'wh_1', secretNonce: 'n2' })
      .thenRefuses('NOT_FOUND');
  });

  it('replays only from a position of the log', () => {
    given([created])
      .when({ kind: 'replay', subscriptionId: 'wh_1', after: '0000000000000042' })
      .then([
        {
          type: 'WebhookReplayRequested',
          data: { subscriptionId: 'wh_1', after: '0000000000000042', requestedAt: NOW },
        },
      ]);
    given([created])
      .when({ kind: 'replay', subscriptionId: 'wh_1', after: '42; DROP' })
      .thenRefuses('VALIDATION_FAILED');
  });
});
