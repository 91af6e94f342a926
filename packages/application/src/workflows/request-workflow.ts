import {
  DomainError,
  DomainErrorCode,
  fold,
  referenceRequestDecider,
  validated,
  type Instant,
  type ReferenceRequestState,
} from '@vouch/domain';
import type { Clock, EventStore } from '@vouch/event-store';
import { authorize } from '../authorization/authorize';
import { AggregateReader } from '../commands/aggregate-reader';
import type { CommandHandler } from '../commands/command-handler';
import type { CommandResult } from '../commands/command-result';
import { streamIdOf } from '../commands/stream-ids';
import { actorOf, type Principal } from '../principal';

/** The engagement of one advocate on one request: one id, so retries never reserve twice. */
export function engagementIdFor(requestId: string, advocateId: string): string {
  return `${requestId}.${advocateId}`;
}

/**
 * The steps of a request that also bind the advocate. The advocate's side goes first,
 * because that is where the consent and fatigue gates hold: if they refuse, the request
 * records nothing. Each step's sub-commands derive their ids from the caller's command id,
 * so retrying a step after a failure finishes it without doing anything twice.
 */
export class RequestWorkflow {
  private readonly reader: AggregateReader;

  constructor(
    store: EventStore,
    private readonly commands: CommandHandler,
    private readonly clock: Clock,
  ) {
    this.reader = new AggregateReader(store);
  }

  /** Asks a shortlisted advocate: reserves the engagement (consent, fatigue, status gates), then records the ask. */
  async askAdvocate(
    principal: Principal,
    input: {
      commandId: string;
      requestId: string;
      advocateId: string;
      activityAt?: Instant;
      /** A program manager's override of the fatigue limits for this ask, with the reason. */
      fatigueOverrideReason?: string;
    },
  ): Promise<CommandResult> {
    authorize(actorOf(principal), 'AskAdvocate');
    const request = await this.request(principal.tenantId, input.requestId);
    const candidate = request.candidates[input.advocateId];
    const engagementId = engagementIdFor(input.requestId, input.advocateId);
    // Refuse before touching the advocate when the request itself would refuse (owner gate, status).
    referenceRequestDecider.decide(
      {
        type: 'AskAdvocate',
        commandId: input.commandId,
        data: { advocateId: input.advocateId, engagementId },
      },
      request,
      { now: this.clock(), newId: () => engagementId, actor: actorOf(principal) },
    );
    if (!candidate?.clearedBy || !request.kind || !request.criteria) {
      throw new DomainError(
        DomainErrorCode.OWNER_APPROVAL_REQUIRED,
        'The ask has not been cleared by the account owner.',
        {
          advocateId: input.advocateId,
        },
      );
    }
    await this.commands.execute(principal, {
      type: 'ReserveEngagement',
      commandId: `${input.commandId}.reserve`,
      aggregateId: input.advocateId,
      causationId: input.commandId,
      data: {
        engagementId,
        requestId: input.requestId,
        kind: request.kind,
        territory: request.criteria.territory,
        channel: request.criteria.channel,
        ...(input.activityAt !== undefined ? { activityAt: input.activityAt } : {}),
        ownerClearance: {
          kind: candidate.clearance ?? 'OWNER',
          by: candidate.clearedBy,
          ...(candidate.clearanceReason !== undefined ? { reason: candidate.clearanceReason } : {}),
        },
        ...(input.fatigueOverrideReason !== undefined
          ? { fatigueOverrideReason: input.fatigueOverrideReason }
          : {}),
      },
    });
    try {
      return await this.commands.execute(principal, {
        type: 'AskAdvocate',
        commandId: input.commandId,
        aggregateId: input.requestId,
        data: {
          advocateId: input.advocateId,
          engagementId,
          ...(input.fatigueOverrideReason !== undefined
            ? { fatigueOverrideReason: input.fatigueOverrideReason }
            : {}),
        },
      });
    } catch (error) {
      // The request refused after all (it changed meanwhile): give the reservation back.
      if (error instanceof DomainError) {
        await this.commands.execute(principal, {
          type: 'ReleaseEngagement',
          commandId: `${input.commandId}.undo`,
          aggregateId: input.advocateId,
          causationId: input.commandId,
          data: { engagementId, reason: 'CANCELLED', note: `The request refused the ask: ${error.code}` },
        });
      }
      throw error;
    }
  }

  /** Schedules the activity: the advocate's consent and fatigue must hold at that date. */
  async scheduleActivity(
    principal: Principal,
    input: {
      commandId: string;
      requestId: string;
      advocateId: string;
      at: Instant;
      fatigueOverrideReason?: string;
    },
  ): Promise<CommandResult> {
    authorize(actorOf(principal), 'ScheduleActivity');
    const engagementId = await this.engagementOf(principal.tenantId, input.requestId, input.advocateId);
    await this.commands.execute(principal, {
      type: 'ScheduleEngagement',
      commandId: `${input.commandId}.advocate`,
      aggregateId: input.advocateId,
      causationId: input.commandId,
      data: {
        engagementId,
        at: input.at,
        ...(input.fatigueOverrideReason !== undefined
          ? { fatigueOverrideReason: input.fatigueOverrideReason }
          : {}),
      },
    });
    return this.commands.execute(principal, {
      type: 'ScheduleActivity',
      commandId: input.commandId,
      aggregateId: input.requestId,
      data: { advocateId: input.advocateId, at: input.at },
    });
  }

  /** Records that the activity took place: the usage, under the consent in force then. */
  async completeActivity(
    principal: Principal,
    input: { commandId: string; requestId: string; advocateId: string; completedAt?: Instant },
  ): Promise<CommandResult> {
    authorize(actorOf(principal), 'CompleteActivity');
    const engagementId = await this.engagementOf(principal.tenantId, input.requestId, input.advocateId);
    const at = input.completedAt !== undefined ? { completedAt: input.completedAt } : {};
    await this.commands.execute(principal, {
      type: 'CompleteEngagement',
      commandId: `${input.commandId}.advocate`,
      aggregateId: input.advocateId,
      causationId: input.commandId,
      data: { engagementId, ...at },
    });
    return this.commands.execute(principal, {
      type: 'CompleteActivity',
      commandId: input.commandId,
      aggregateId: input.requestId,
      data: { advocateId: input.advocateId, ...at },
    });
  }

  private async request(tenantId: string, requestId: string): Promise<ReferenceRequestState> {
    const id = validated((v) => v.id('requestId', requestId));
    const events = await this.reader.events(tenantId, streamIdOf('ReferenceRequest', id));
    if (events.length === 0) {
      throw new DomainError(DomainErrorCode.NOT_FOUND, `Reference request ${id} does not exist.`, {
        requestId: id,
      });
    }
    return fold(referenceRequestDecider, events as never);
  }

  private async engagementOf(tenantId: string, requestId: string, advocateId: string): Promise<string> {
    const request = await this.request(tenantId, requestId);
    const candidate = request.candidates[validated((v) => v.id('advocateId', advocateId))];
    if (!candidate?.engagementId) {
      throw new DomainError(
        DomainErrorCode.INVALID_TRANSITION,
        `Advocate ${advocateId} has not been asked on request ${requestId}; ask them first.`,
        { requestId, advocateId },
      );
    }
    return candidate.engagementId;
  }
}
