import {
  DomainError,
  DomainErrorCode,
  currentSchemaVersion,
  decideOnce,
  validated,
  type DecisionContext,
  type EventEnvelope,
  type HistoryEntry,
  type DomainEvent,
} from '@vouch/domain';
import { ConcurrencyError, type Clock, type EventStore, type RecordedEvent } from '@vouch/event-store';
import { allowsAnySubject, permits, relationshipsFor } from '../authorization/ability';
import { authorize } from '../authorization/authorize';
import { loadRelationshipFacts } from '../authorization/load-relationship-facts';
import { actorOf, type Principal } from '../principal';
import { AggregateReader } from './aggregate-reader';
import { assertCleanText } from './clean-text';
import { commandFingerprint } from './command-fingerprint';
import { COMMAND_ROUTES } from './command-routes';
import type { CommandResult, ProducedEvent } from './command-result';
import { loadDecisionContext } from './context-loader';
import { readForDecision } from './decision-need-streams';
import { namingMissingAggregate } from './name-missing-aggregate';
import { DECIDERS } from './deciders';
import { eventIdFor } from './event-ids';
import { StreamCache, type StreamView } from './stream-cache';
import { STREAM_EVOLVE } from './stream-evolve';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-policy';
import { PROGRAM_ID, streamIdOf } from './stream-ids';
import type { VouchCommand } from './vouch-command';

export interface CommandHandlerOptions {
  readonly store: EventStore;
  readonly clock: Clock;
  /** Fresh ids for decisions that need them. */
  readonly newId: () => string;
  readonly retry?: RetryPolicy;
  /** Jitter source; injected so tests are repeatable. */
  readonly random?: () => number;
  /** The streams decisions read, shared with the workflows; default one of its own. */
  readonly streams?: StreamCache;
}

/**
 * A read of a stream the caller made for this very command (a workflow deciding its steps):
 * the command's first attempt decides over it instead of reading the stream's tail again.
 * A stale one costs nothing but a retry: the append's expected version catches it.
 */
export interface HeldRead {
  readonly streamId: string;
  readonly view: StreamView;
}

/**
 * Handles one command: authorize, load the stream, decide (once per command id), append
 * with the expected version, and retry with jitter when another writer got there first.
 */
export class CommandHandler {
  private readonly reader: AggregateReader;
  private readonly streams: StreamCache;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;

  constructor(private readonly options: CommandHandlerOptions) {
    this.streams = options.streams ?? new StreamCache(options.store);
    this.reader = new AggregateReader(options.store, this.streams);
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.random = options.random ?? Math.random;
  }

  /** Executes a command for the principal; throws a DomainError or an EventStoreError. */
  async execute(principal: Principal, command: VouchCommand, held?: HeldRead): Promise<CommandResult> {
    const route = COMMAND_ROUTES[command.type as keyof typeof COMMAND_ROUTES];
    if (!route) {
      throw new DomainError(
        DomainErrorCode.VALIDATION_FAILED,
        `"${String(command.type)}" is not a command of Vouch.`,
        {
          type: command.type,
        },
      );
    }
    authorize(actorOf(principal), command.type);
    if (command.data === null || typeof command.data !== 'object' || Array.isArray(command.data)) {
      throw new DomainError(DomainErrorCode.VALIDATION_FAILED, 'The command has no data object.', {
        issues: [{ field: 'data', message: 'is required' }],
      });
    }
    assertCleanText(command);
    const aggregateId = this.aggregateIdOf(command, route);
    validated((v) => {
      v.id('commandId', command.commandId);
      if (command.effectiveAt !== undefined) v.instant('effectiveAt', command.effectiveAt);
    });
    const streamId = streamIdOf(route.aggregate, aggregateId);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const view = attempt === 1 && held?.streamId === streamId ? held.view : undefined;
        return await this.attempt(principal, command, route.aggregate, aggregateId, streamId, view);
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        // Another writer got there first: the retry reads the stream whole, as stored now.
        this.streams.forget(principal.tenantId, streamId);
        if (attempt >= this.retry.maxAttempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs(this.retry, attempt, this.random)));
      }
    }
  }

  /** The stream a command goes to, or undefined when it names none that can be handled. */
  streamIdOf(command: VouchCommand): string | undefined {
    const route = COMMAND_ROUTES[command.type as keyof typeof COMMAND_ROUTES];
    if (!route || command.data === null || typeof command.data !== 'object') return undefined;
    try {
      return streamIdOf(route.aggregate, this.aggregateIdOf(command, route));
    } catch {
      return undefined;
    }
  }

  private aggregateIdOf(
    command: VouchCommand,
    route: (typeof COMMAND_ROUTES)[keyof typeof COMMAND_ROUTES],
  ): string {
    if (route.aggregate === 'Program') return PROGRAM_ID;
    const fromData = route.createsWith
      ? (command.data as Record<string, unknown>)[route.createsWith]
      : undefined;
    return validated((v) => {
      const id = v.id(route.createsWith ?? 'aggregateId', fromData ?? command.aggregateId);
      if (fromData !== undefined && command.aggregateId !== undefined && command.aggregateId !== fromData) {
        v.fail('aggregateId', `must be the ${route.createsWith} of the data, or left out`);
      }
      return id;
    });
  }

  private async attempt(
    principal: Principal,
    command: VouchCommand,
    aggregate: keyof typeof DECIDERS,
    aggregateId: string,
    streamId: string,
    held: StreamView | undefined,
  ): Promise<CommandResult> {
    const { store, clock } = this.options;
    const tenantId = principal.tenantId;
    const decider = DECIDERS[aggregate];
    // Its own stream and the streams the decision consults (program, account, …), read together.
    const { view, read } = await readForDecision(this.streams, tenantId, aggregate, command, streamId, held);
    const history = view.events;
    const now = clock();
    const actor = actorOf(principal);
    const base = { now, newId: this.options.newId, actor };
    // The cache's fold: only the events since its last fold of this stream are evolved.
    const current = () => view.fold(decider.initialState, STREAM_EVOLVE[aggregate]);
    const reader = this.reader.forOneDecision(read);
    const context = await loadDecisionContext(reader, tenantId, aggregate, command, base, current);
    // Invariant 11: a role that acts only on what it stands in a relationship to is checked
    // against the state loaded here; a program manager's commands skip this entirely.
    if (!allowsAnySubject(actor, command.type)) {
      const facts = await loadRelationshipFacts(
        reader,
        tenantId,
        aggregate,
        command,
        current(),
        relationshipsFor(actor, command.type),
        now,
      );
      if (!permits(actor, command.type, facts)) {
        namingMissingAggregate(aggregateId, () => refuseAsMissing(decider, command, context));
      }
    }
    // A repeated command id is fingerprinted under the keys of the subjects its first events
    // were about: once one of them is erased this throws SubjectErasedError whatever the
    // content, so a replay cannot confirm a guess of erased personal data.
    const earlier = history.filter((e) => e.metadata.commandId === command.commandId);
    if (earlier.length > 0) {
      const replayFingerprint = await commandFingerprint(store, tenantId, command, earlier, now);
      // Throws COMMAND_ID_REUSED when the content differs; else the command was done before.
      namingMissingAggregate(aggregateId, () =>
        decideOnce(decider, earlier.map(historyEntry), command, context, replayFingerprint),
      );
      // Invariant 8: the first result, as stored (the cache withholds personal values), at
      // the version its last event left, not today's head.
      const first = (await this.storedEvents(tenantId, streamId, earlier)).map(produced);
      return this.result(aggregateId, streamId, first, first[first.length - 1]!.version, true);
    }
    const decided = namingMissingAggregate(aggregateId, () => decider.decide(command, current(), context));
    if (decided.length === 0) return this.result(aggregateId, streamId, [], history.length, false);

    const fingerprint = await commandFingerprint(store, tenantId, command, decided, now);
    const envelopes: EventEnvelope[] = decided.map((event, index) => ({
      eventId: eventIdFor(tenantId, streamId, command.commandId, index),
      type: event.type,
      schemaVersion: currentSchemaVersion(event.type),
      data: event.data as Record<string, unknown>,
      metadata: {
        tenantId,
        actor: { userId: principal.userId, roles: principal.roles },
        commandId: command.commandId,
        commandFingerprint: fingerprint,
        correlationId: command.correlationId ?? command.commandId,
        causationId: command.causationId ?? command.commandId,
        effectiveAt: command.effectiveAt ?? now,
      },
    }));
    const appended = await store.append(tenantId, streamId, envelopes, { expectedVersion: history.length });
    // The store built the events as a read would: the next command on the stream need not read them back.
    if (appended.recorded && appended.writeMark !== undefined) {
      this.streams.appended(tenantId, streamId, history, appended.recorded(), appended.writeMark);
    }
    const events = envelopes.map((envelope, i) => ({
      eventId: envelope.eventId,
      type: envelope.type,
      data: envelope.data,
      version: appended.events[i]?.version ?? 0,
      checkpoint: appended.events[i]?.checkpoint ?? appended.checkpoint,
    }));
    return this.result(aggregateId, streamId, events, appended.nextExpectedVersion, appended.duplicate);
  }

  /** The events as the store reads them now (personal values and all), of the versions given. */
  private async storedEvents(
    tenantId: string,
    streamId: string,
    events: readonly RecordedEvent[],
  ): Promise<RecordedEvent[]> {
    const first = events[0]!.version;
    const stored = await this.options.store.readStream(tenantId, streamId, {
      fromVersion: first,
      limit: events[events.length - 1]!.version - first + 1,
    });
    const versions = new Set(events.map((e) => e.version));
    return stored.filter((e) => versions.has(e.version));
  }

  private result(
    aggregateId: string,
    streamId: string,
    events: ProducedEvent[],
    version: number,
    duplicate: boolean,
  ): CommandResult {
    const last = events[events.length - 1];
    return {
      aggregateId,
      streamId,
      events,
      version,
      ...(last ? { checkpoint: last.checkpoint } : {}),
      duplicate,
    };
  }
}

/**
 * Refuses a command on something the caller may not see exactly as if it did not exist:
 * the decider decides it against an empty stream (and, for a nomination, a missing account),
 * so the error is the very one a wrong id gets. Creating something is not about existence:
 * that is refused as FORBIDDEN.
 */
function refuseAsMissing(
  decider: (typeof DECIDERS)[keyof typeof DECIDERS],
  command: VouchCommand,
  context: DecisionContext,
): never {
  decideOnce(decider, [], command, { ...context, account: { exists: false, archived: false } } as never);
  throw new DomainError(
    DomainErrorCode.FORBIDDEN,
    `You may not ${command.type} for someone else: it must be yours.`,
    { operation: command.type },
  );
}

function historyEntry(e: RecordedEvent): HistoryEntry<DomainEvent> {
  return {
    event: { type: e.type, data: e.data } as DomainEvent,
    commandId: e.metadata.commandId,
    ...(e.metadata.commandFingerprint !== undefined
      ? { commandFingerprint: e.metadata.commandFingerprint }
      : {}),
  };
}

function produced(event: RecordedEvent): ProducedEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    version: event.version,
    checkpoint: event.checkpoint,
  };
}
