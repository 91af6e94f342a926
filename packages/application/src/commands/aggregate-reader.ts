import {
  accountDecider,
  advocateDecider,
  fold,
  programDecider,
  referenceRequestDecider,
  type AccountState,
  type AdvocateState,
  type DomainEvent,
  type ProgramPolicies,
  type ProgramState,
  type ReferenceRequestState,
} from '@vouch/domain';
import type { EventStore } from '@vouch/event-store';
import { readWholeStream } from './read-whole-stream';
import { PROGRAM_ID, streamIdOf } from './stream-ids';

/**
 * Reads the current state of aggregates straight from their streams: the facts a decision
 * needs from outside its own aggregate (the program's policies, an account's health, the
 * consents a content asset relies on). Reading the streams, not a read model, keeps every
 * decision consistent with what is stored.
 */
export class AggregateReader {
  constructor(private readonly store: EventStore) {}

  async events(tenantId: string, streamId: string): Promise<DomainEvent[]> {
    return (await readWholeStream(this.store, tenantId, streamId)).map((e) => ({
      type: e.type,
      data: e.data,
    }));
  }

  async program(tenantId: string): Promise<ProgramState> {
    return fold(programDecider, (await this.events(tenantId, PROGRAM_ID)) as never);
  }

  async policies(tenantId: string): Promise<ProgramPolicies> {
    return (await this.program(tenantId)).policies;
  }

  async account(tenantId: string, accountId: string): Promise<AccountState> {
    return fold(accountDecider, (await this.events(tenantId, streamIdOf('Account', accountId))) as never);
  }

  /** A reader for one decision: an account it reads twice (context and relationship) is read once. */
  forOneDecision(): AggregateReader {
    const accounts = new Map<string, Promise<AccountState>>();
    const reader = Object.create(this) as AggregateReader;
    reader.account = (tenantId, accountId) => {
      const key = `${tenantId}\u0000${accountId}`;
      let account = accounts.get(key);
      if (!account) accounts.set(key, (account = this.account(tenantId, accountId)));
      return account;
    };
    return reader;
  }

  async advocate(tenantId: string, advocateId: string): Promise<AdvocateState> {
    return fold(advocateDecider, (await this.events(tenantId, streamIdOf('Advocate', advocateId))) as never);
  }

  async request(tenantId: string, requestId: string): Promise<ReferenceRequestState> {
    return fold(
      referenceRequestDecider,
      (await this.events(tenantId, streamIdOf('ReferenceRequest', requestId))) as never,
    );
  }
}
