import {
  accountDecider,
  advocateDecider,
  programDecider,
  referenceRequestDecider,
  type AccountState,
  type AdvocateState,
  type DomainEvent,
  type ProgramPolicies,
  type ProgramState,
  type ReferenceRequestState,
} from '@vouch/domain';
import type { EventStore, RecordedEvent } from '@vouch/event-store';
import { StreamCache, type StreamView } from './stream-cache';
import { STREAM_EVOLVE } from './stream-evolve';
import { PROGRAM_ID, streamIdOf } from './stream-ids';

// One evolve per aggregate, the same function every time (shared with the command handler):
// the cache keeps folds per function.
const evolveProgram = STREAM_EVOLVE.Program as (s: ProgramState, e: RecordedEvent) => ProgramState;
const evolveAccount = STREAM_EVOLVE.Account as (s: AccountState, e: RecordedEvent) => AccountState;
const evolveAdvocate = STREAM_EVOLVE.Advocate as (s: AdvocateState, e: RecordedEvent) => AdvocateState;
/** The reference request's evolve over recorded events (the one the cache keeps its folds under). */
export const evolveRequest = STREAM_EVOLVE.ReferenceRequest as (
  s: ReferenceRequestState,
  e: RecordedEvent,
) => ReferenceRequestState;

/**
 * Reads the current state of aggregates straight from their streams: the facts a decision
 * needs from outside its own aggregate (the program's policies, an account's health, the
 * consents a content asset relies on). Reading the streams, not a read model, keeps every
 * decision consistent with what is stored; the stream cache (the command path shares one)
 * reads only what was appended since its last read.
 */
export class AggregateReader {
  private readonly streams: StreamCache;

  constructor(store: EventStore, streams?: StreamCache) {
    // Without a shared cache, one of its own: it still only ever reads a stream's new tail.
    this.streams = streams ?? new StreamCache(store);
  }

  async events(tenantId: string, streamId: string): Promise<DomainEvent[]> {
    return (await this.streams.read(tenantId, streamId)).map((e) => ({
      type: e.type,
      data: e.data,
    })) as DomainEvent[];
  }

  async program(tenantId: string): Promise<ProgramState> {
    return this.foldOf(tenantId, PROGRAM_ID, programDecider.initialState, evolveProgram);
  }

  async policies(tenantId: string): Promise<ProgramPolicies> {
    return (await this.program(tenantId)).policies;
  }

  async account(tenantId: string, accountId: string): Promise<AccountState> {
    return this.foldOf(
      tenantId,
      streamIdOf('Account', accountId),
      accountDecider.initialState,
      evolveAccount,
    );
  }

  /**
   * A reader for one decision: an account it reads twice (context and relationship) is read
   * once, and the streams in `read` (read for this decision, all at once) are not read again.
   */
  forOneDecision(read: ReadonlyMap<string, StreamView> = new Map()): AggregateReader {
    const accounts = new Map<string, Promise<AccountState>>();
    const reader = Object.create(this) as AggregateReader;
    reader.foldOf = (tenantId, streamId, initial, evolve) => {
      const view = read.get(streamId);
      return view
        ? Promise.resolve(view.fold(initial, evolve))
        : this.foldOf(tenantId, streamId, initial, evolve);
    };
    reader.account = (tenantId, accountId) => {
      const key = `${tenantId}\u0000${accountId}`;
      let account = accounts.get(key);
      if (!account)
        accounts.set(key, (account = AggregateReader.prototype.account.call(reader, tenantId, accountId)));
      return account;
    };
    return reader;
  }

  /** A stream's events folded, from the stream cache. */
  protected foldOf<S>(
    tenantId: string,
    streamId: string,
    initial: S,
    evolve: (state: S, event: RecordedEvent) => S,
  ): Promise<S> {
    return this.streams.fold(tenantId, streamId, initial, evolve);
  }

  async advocate(tenantId: string, advocateId: string): Promise<AdvocateState> {
    return this.foldOf(
      tenantId,
      streamIdOf('Advocate', advocateId),
      advocateDecider.initialState,
      evolveAdvocate,
    );
  }

  async request(tenantId: string, requestId: string): Promise<ReferenceRequestState> {
    return this.foldOf(
      tenantId,
      streamIdOf('ReferenceRequest', requestId),
      referenceRequestDecider.initialState,
      evolveRequest,
    );
  }
}
