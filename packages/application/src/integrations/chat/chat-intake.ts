import { randomUUID } from 'node:crypto';
import {
  addDays,
  referenceRequestDecider,
  type Money,
  type OpportunityStage,
  type ReferenceRequestState,
} from '@vouch/domain';
import { systemClock, type Clock } from '@vouch/event-store';
import { streamIdOf } from '../../commands/stream-ids';
import type { Vouch } from '../../facade/create-vouch';
import type { Principal } from '../../principal';
import type { SlashRequest } from './slash-request';

/** How long a chat request gives the program by default. */
export const CHAT_REQUEST_DUE_DAYS = 14;

/** What the chat user is told: the request and its status. */
export interface ChatIntakeAnswer {
  readonly requestId: string;
  readonly status: string;
}

/**
 * Opens a normal reference request from a chat slash command, as the mapped Vouch user and
 * through the facade (the usual gates). The deal's stage and amount come from the CRM's last
 * word on the opportunity when Vouch has one; otherwise DISCOVERY and 0, said so in the notes.
 */
export class ChatIntake {
  private readonly clock: Clock;
  private readonly newId: () => string;

  constructor(
    private readonly vouch: Vouch,
    options: { clock?: Clock; newId?: () => string; currency?: string } = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.newId = options.newId ?? randomUUID;
    this.currency = options.currency ?? 'USD';
  }

  private readonly currency: string;

  /** Submits the request as `principal`; domain refusals (FORBIDDEN, VALIDATION_FAILED, …) propagate. */
  async submit(principal: Principal, ask: SlashRequest): Promise<ChatIntakeAnswer> {
    const requestId = `chat-${this.newId()}`;
    const deal = await this.knownDeal(principal.tenantId, ask.opportunityId);
    await this.vouch.execute(principal, {
      type: 'SubmitReferenceRequest',
      commandId: requestId,
      data: {
        requestId,
        department: 'SALES',
        kind: ask.kind,
        advocatesNeeded: 1,
        opportunity: {
          opportunityId: ask.opportunityId,
          stage: deal?.stage ?? 'DISCOVERY',
          amount: deal?.amount ?? { amount: 0, currency: this.currency },
          industry: ask.industry,
          region: ask.region,
          products: [],
        },
        criteria: {
          industries: [ask.industry],
          regions: [ask.region],
          territory: ask.region,
          channel: 'PRIVATE',
        },
        dueBy: addDays(this.clock(), CHAT_REQUEST_DUE_DAYS),
        ...(deal ? {} : { notes: 'Opened from chat: the deal stage and amount are not known to Vouch yet.' }),
      },
    });
    const events = await this.vouch.store.readStream(
      principal.tenantId,
      streamIdOf('ReferenceRequest', requestId),
    );
    const state = events.reduce<ReferenceRequestState>(
      (s, e) =>
        referenceRequestDecider.evolve(
          s,
          e as unknown as Parameters<typeof referenceRequestDecider.evolve>[1],
        ),
      referenceRequestDecider.initialState,
    );
    return { requestId, status: state.status };
  }

  /** The CRM's latest stage and amount of an opportunity, when it has sent one. */
  private async knownDeal(
    tenantId: string,
    opportunityId: string,
  ): Promise<{ stage: OpportunityStage; amount: Money } | undefined> {
    return (await this.vouch.crmReadModel(tenantId)).knownDeal(opportunityId);
  }
}
