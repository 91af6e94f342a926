import {
  accountDecider,
  evolveAdvocate,
  initialAdvocateState,
  programDecider,
  type AccountEvent,
  type AccountState,
  type AdvocateEvent,
  type AdvocateState,
  type ProgramEvent,
  type ProgramState,
} from '@vouch/domain';
import type { RecordedEvent } from '@vouch/event-store';

/** The plain-JSON form of the directory, for snapshots. */
export interface AdvocateDirectorySnapshot {
  readonly advocates: [string, AdvocateState][];
  readonly accounts: [string, AccountState][];
  readonly program: ProgramState;
  readonly requesters: [string, string][];
  readonly accepted: [string, string[]][];
}

/**
 * Every advocate (folded with the domain's own `evolveAdvocate`), their accounts, the
 * program's policies, and which requesters each advocate has accepted — the facts the
 * other read models and both views of an advocate are built from.
 */
export class AdvocateDirectory {
  readonly advocates = new Map<string, AdvocateState>();
  readonly accounts = new Map<string, AccountState>();
  /** Account id → its advocates, so an account change reaches each of them. */
  readonly advocatesByAccount = new Map<string, Set<string>>();
  program: ProgramState = programDecider.initialState;
  // Request id → requester: AdvocateAcceptedRequest names the request, not who asked.
  private readonly requesters = new Map<string, string>();
  private readonly accepted = new Map<string, Set<string>>();

  /** Folds an Advocate event; returns the advocate's id. */
  applyAdvocate(event: RecordedEvent): string {
    const e = event as unknown as AdvocateEvent;
    const id = e.data.advocateId;
    const before = this.advocates.get(id) ?? initialAdvocateState;
    const after = evolveAdvocate(before, e);
    this.advocates.set(id, after);
    if (after.accountId !== before.accountId) {
      this.advocatesByAccount.get(before.accountId)?.delete(id);
      let set = this.advocatesByAccount.get(after.accountId);
      if (!set) this.advocatesByAccount.set(after.accountId, (set = new Set()));
      set.add(id);
    }
    return id;
  }

  /** Folds an Account event; returns the account's id. */
  applyAccount(event: RecordedEvent): string {
    const e = event as unknown as AccountEvent;
    const id = e.data.accountId;
    this.accounts.set(id, accountDecider.evolve(this.accounts.get(id) ?? accountDecider.initialState, e));
    return id;
  }

  applyProgram(event: RecordedEvent): void {
    this.program = programDecider.evolve(this.program, event as unknown as ProgramEvent);
  }

  /** Remembers who asked, and whom each advocate has said yes to. */
  applyRequest(event: RecordedEvent): void {
    const data = event.data as { requestId: string; requestedBy?: string; advocateId?: string };
    if (event.type === 'ReferenceRequestSubmitted' && data.requestedBy !== undefined) {
      this.requesters.set(data.requestId, data.requestedBy);
    } else if (event.type === 'AdvocateAcceptedRequest' && data.advocateId !== undefined) {
      const requester = this.requesters.get(data.requestId);
      if (requester === undefined) return;
      let set = this.accepted.get(data.advocateId);
      if (!set) this.accepted.set(data.advocateId, (set = new Set()));
      set.add(requester);
    }
  }

  /** Whether the advocate has accepted a request of this requester: the requester may then see who they are. */
  hasAccepted(advocateId: string, requesterId: string): boolean {
    return this.accepted.get(advocateId)?.has(requesterId) ?? false;
  }

  /** The requesters an advocate has accepted a request of. */
  acceptedRequesters(advocateId: string): string[] {
    return [...(this.accepted.get(advocateId) ?? [])];
  }

  /** An enrolled advocate, if any (advocates never enrolled are not in the directory). */
  advocate(advocateId: string): AdvocateState | undefined {
    const state = this.advocates.get(advocateId);
    return state && state.status !== 'NONE' ? state : undefined;
  }

  /** The account of an advocate, if registered. */
  accountOf(advocate: Pick<AdvocateState, 'accountId'>): AccountState | undefined {
    return this.accounts.get(advocate.accountId);
  }

  snapshot(): AdvocateDirectorySnapshot {
    return {
      advocates: [...this.advocates],
      accounts: [...this.accounts],
      program: this.program,
      requesters: [...this.requesters],
      accepted: [...this.accepted].map(([id, set]) => [id, [...set]]),
    };
  }

  restore(snapshot: AdvocateDirectorySnapshot): void {
    this.advocates.clear();
    this.accounts.clear();
    this.advocatesByAccount.clear();
    this.requesters.clear();
    this.accepted.clear();
    for (const [id, state] of snapshot.advocates) {
      this.advocates.set(id, state);
      let set = this.advocatesByAccount.get(state.accountId);
      if (!set) this.advocatesByAccount.set(state.accountId, (set = new Set()));
      set.add(id);
    }
    for (const [id, state] of snapshot.accounts) this.accounts.set(id, state);
    this.program = snapshot.program;
    for (const [id, by] of snapshot.requesters) this.requesters.set(id, by);
    for (const [id, list] of snapshot.accepted) this.accepted.set(id, new Set(list));
  }
}
