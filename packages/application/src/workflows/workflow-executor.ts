import {
  CONTENT_USE_WORKFLOW_COMMANDS,
  DomainError,
  DomainErrorCode,
  REQUEST_WORKFLOW_COMMANDS,
  decideRequestWorkflow,
  requestStepOf,
  referenceRequestDecider,
  validated,
  type RequestWorkflowCommand,
  type UseContent,
  type WorkflowCommand,
  type WorkflowStep,
} from '@vouch/domain';
import type { Clock, EventStore } from '@vouch/event-store';
import { allowsAnySubject, permits } from '../authorization/ability';
import { authorize } from '../authorization/authorize';
import { requestFacts } from '../authorization/load-relationship-facts';
import { AggregateReader, evolveRequest } from '../commands/aggregate-reader';
import { loadDecisionContext } from '../commands/context-loader';
import { readForDecision } from '../commands/decision-need-streams';
import { StreamCache } from '../commands/stream-cache';
import type { CommandHandler, HeldRead } from '../commands/command-handler';
import type { CommandResult } from '../commands/command-result';
import { streamIdOf } from '../commands/stream-ids';
import type { VouchCommand } from '../commands/vouch-command';
import { actorOf, systemPrincipal, type Principal } from '../principal';
import { decideContentUseFor } from './content-use-execution';

export { engagementIdFor } from '@vouch/domain';

/**
 * The one path for commands that change more than one stream: the domain's workflow decides
 * from the state it reads which command each stream gets, and each is executed in order by
 * the command handler (its own expected version, retry and idempotency). A sub-command's id
 * derives from the caller's, so retrying the whole command after any failure finishes it
 * without doing anything twice; when a later step is refused, the earlier steps'
 * compensations (decided by the workflow too) give their effect back.
 *
 * The steps are not one atomic append (EventStoreDB has no multi-stream transaction, so the
 * contract offers none). What keeps a half-done command from staying half done: the order
 * (the advocate's gates first, so a refusal there leaves both streams untouched); each step
 * acknowledged only once its own stream has it; a retry of the same command id finishing
 * the remaining steps; and, should the caller never retry after a crash between the steps,
 * the reservation naming its request is released by `release-engagements-of-closed-request`
 * when the request is cancelled or lapses.
 */
export class WorkflowExecutor {
  private readonly reader: AggregateReader;
  private readonly streams: StreamCache;

  constructor(
    private readonly store: EventStore,
    private readonly commands: CommandHandler,
    private readonly clock: Clock,
    private readonly newId: () => string,
    /** The streams decisions read, shared with the command handler; default one of its own. */
    streams?: StreamCache,
  ) {
    this.streams = streams ?? new StreamCache(store);
    this.reader = new AggregateReader(store, this.streams);
  }

  /** Whether the command is decided by a workflow (it changes more than one stream). */
  handles(command: VouchCommand): command is VouchCommand & (RequestWorkflowCommand | UseContent) {
    return REQUEST_WORKFLOW_COMMANDS.has(command.type) || CONTENT_USE_WORKFLOW_COMMANDS.has(command.type);
  }

  /** Executes a workflow command; answers the result of its last step (the stream it names). */
  async execute(
    principal: Principal,
    command: VouchCommand & (RequestWorkflowCommand | UseContent),
  ): Promise<CommandResult> {
    const actor = actorOf(principal);
    authorize(actor, command.type);
    if (command.type === 'UseContent') {
      const base = { now: this.clock(), newId: this.newId, actor };
      const decided = await decideContentUseFor(this.store, this.reader, principal.tenantId, command, base);
      return decided.replay
        ? this.commands.execute(principal, command)
        : this.run(principal, command, decided.steps);
    }
    const requestId = validated((v) => v.id('requestId', command.aggregateId));
    // The request and the streams its decision consults, read together.
    const { view, read } = await readForDecision(
      this.streams,
      principal.tenantId,
      'ReferenceRequest',
      command,
      streamIdOf('ReferenceRequest', requestId),
    );
    const history = view.events;
    // Invariant 8: the same command id again answers the first result (the handler checks the
    // content is the same); its rules would refuse now, since the first one changed the request.
    if (history.some((e) => e.metadata.commandId === command.commandId)) {
      return this.commands.execute(principal, this.routed(requestStepOf(requestId, command), command));
    }
    if (history.length === 0) throw this.missing(requestId);
    const request = view.fold(referenceRequestDecider.initialState, evolveRequest);
    // Invariant 11 before any step: a request the caller may not act on does not exist for them.
    if (
      !allowsAnySubject(actor, command.type) &&
      !permits(actor, command.type, requestFacts(request, String(command.data.advocateId ?? '')))
    ) {
      throw this.missing(requestId);
    }
    const base = { now: this.clock(), newId: this.newId, actor };
    const reader = this.reader.forOneDecision(read);
    const context = await loadDecisionContext(
      reader,
      principal.tenantId,
      'ReferenceRequest',
      command,
      base,
      () => request,
    );
    const steps = decideRequestWorkflow(requestId, command, request, context);
    // The request's first step decides over the read made here (not a second read of its tail).
    return this.run(principal, command, steps, { streamId: streamIdOf('ReferenceRequest', requestId), view });
  }

  private async run(
    principal: Principal,
    command: VouchCommand,
    steps: readonly WorkflowStep[],
    read?: HeldRead,
  ): Promise<CommandResult> {
    const done: WorkflowStep[] = [];
    let result: CommandResult | undefined;
    let unused = read;
    for (const step of steps) {
      try {
        const routed = this.routed(step, command);
        const held = unused?.streamId === this.commands.streamIdOf(routed) ? unused : undefined;
        if (held) unused = undefined;
        result = await this.commands.execute(this.principalOf(step, principal), routed, held);
      } catch (error) {
        if (error instanceof DomainError) {
          for (const earlier of done.reverse()) {
            const undo = earlier.compensate?.(error);
            if (undo)
              await this.commands.execute(this.principalOf(undo, principal), this.routed(undo, command));
          }
        }
        throw error;
      }
      done.push(step);
    }
    if (!result) throw new Error(`The workflow decided no step for ${command.type}.`);
    return result;
  }

  /** Who a step runs as: the caller, or the system for the workflow's own steps (their gates still hold). */
  private principalOf(step: WorkflowCommand, caller: Principal): Principal {
    return step.actsAs === 'SYSTEM' ? systemPrincipal(caller.tenantId) : caller;
  }

  /** A step's command as the handler takes it: routed to its aggregate; a sub-command is caused by the caller's. */
  private routed(step: WorkflowCommand, caller: VouchCommand): VouchCommand {
    const isCaller = step.command.commandId === caller.commandId;
    return {
      ...step.command,
      aggregateId: step.aggregateId,
      ...(isCaller ? {} : { causationId: caller.commandId }),
    } as VouchCommand;
  }

  private missing(requestId: string): DomainError {
    return new DomainError(DomainErrorCode.NOT_FOUND, `Reference request ${requestId} does not exist.`, {
      requestId,
    });
  }
}
