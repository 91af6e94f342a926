import type {
  Checkpoint,
  CheckpointStore,
  DigestReason,
  EventStore,
  ReadModelStore,
  RecordedEvent,
  SavedReadModel,
  Subscription,
} from '@vouch/event-store';
import {
  isSavedStateFault,
  START,
  SavedStateUnreadableError,
  StoreUnavailableError,
} from '@vouch/event-store';
import { errorKindOf, snapshotKeysOf } from '@vouch/projections';
import type { CommandHandler } from '../commands/command-handler';
import { isFinalRefusal } from '../commands/final-refusal';
import { systemPrincipal } from '../principal';
import { runStepAsIs, type BackgroundStepObserver } from '../tracing/background-step';
import { CheckpointProgress } from './checkpoint-progress';
import { ProcessManagerRestoreError } from './process-manager-restore-error';
import type { ProcessManager, Reaction } from './process-manager';

export interface ProcessManagerRunnerOptions {
  readonly store: EventStore;
  /** Where command reactions go (the command handler: authorization, gates, idempotency). */
  readonly commands: Pick<CommandHandler, 'execute'>;
  readonly checkpoints: CheckpointStore;
  /**
   * Where managers with state save it with its checkpoint (the projections' snapshot store),
   * so a start resumes from there; without it they relearn from the start of the log.
   */
  readonly readModels?: ReadModelStore;
  /** Save a manager's state after this many handled events or scanned pages; default 100 (and on stop). */
  readonly saveStateEvery?: number;
  readonly managers: readonly ProcessManager[];
  /** Signs a tenant's digest, when the product keeps signed digests. */
  readonly signDigest?: (tenantId: string, reason: DigestReason) => Promise<unknown>;
  /** Told about reactions the domain refused (already done, or no longer possible). */
  readonly onRefused?: (manager: string, eventId: string, error: Error) => void;
  /**
   * Told when a manager has a saved state it cannot use (of another version, ahead of its
   * checkpoint, or unreadable) and so relearns from the start of the log; the reason names
   * no personal data (never the saved content, nor an error message that might quote it).
   */
  readonly onRelearn?: (manager: string, tenantId: string, reason: string) => void;
  /** Told when a subscription ended with an error; it is restarted after `restartDelayMs`. */
  readonly onFailure?: (manager: string, error: unknown) => void;
  readonly restartDelayMs?: number;
  /** Runs around each reaction (a tracing span); default nothing. */
  readonly observeStep?: BackgroundStepObserver;
  /**
   * Relearn from the log whatever fails the restore of a saved state, not only a fault of the
   * saved state; default false: any other failure fails the start with a
   * ProcessManagerRestoreError and keeps the saved state.
   */
  readonly relearnOnAnyRestoreFailure?: boolean;
  /**
   * Only relearn the saved states that cannot be used, up to each manager's decided checkpoint,
   * and save them: deciding nothing, never moving a checkpoint, leaving usable states alone.
   * What `vouch rebuild` runs (with `relearnOnAnyRestoreFailure`) while no manager runs.
   */
  readonly learnOnly?: boolean;
}

/**
 * Runs every process manager for a tenant and does all their I/O: each on its own catch-up
 * subscription to the event types it names, folding its state with `evolve`, carrying out
 * what `decide` returns for events after its saved checkpoint, and saving the checkpoint
 * after each event and past the events it looked at and skipped. A manager with state
 * saves it every so often (and on stop) with the checkpoint it reflects, and on start
 * resumes from that saved state, relearning only the events after it up to its decided
 * checkpoint (deciding nothing there); without a usable saved state it relearns from the
 * start of the log (and says why, when one was saved). A crash
 * between a reaction and the checkpoint redelivers the event; the reaction's derived
 * command id makes that harmless (at-least-once delivery, exactly-once effect).
 */
export class ProcessManagerRunner {
  private readonly running = new Map<string, Running>();
  /** Per tenant, the furthest checkpoint the managers' own reactions appended. */
  private readonly reactionsWrote = new Map<string, Checkpoint>();

  constructor(private readonly options: ProcessManagerRunnerOptions) {}

  /** Starts the managers of a tenant (once); resolves when each has caught up with history. */
  async start(tenantId: string): Promise<void> {
    await Promise.all(this.options.managers.map((manager) => this.run(tenantId, manager)));
  }

  /**
   * Resolves once every manager running for the tenant has handled (and reacted to) or looked
   * past every event up to `checkpoint`, and so have they for every event their reactions
   * appended meanwhile; rejects when a manager's subscription fails first. A caller that moves a
   * simulated clock waits here, so no reaction runs at a later instant than its cause.
   */
  async settled(tenantId: string, checkpoint: Checkpoint): Promise<Checkpoint> {
    let target = checkpoint;
    for (;;) {
      const waits = [...this.running.values()]
        .filter((entry) => entry.tenantId === tenantId)
        .map((entry) => entry.progress.reached(target));
      await Promise.all(waits);
      const wrote = this.reactionsWrote.get(tenantId);
      if (wrote === undefined || wrote <= target) return target;
      target = wrote;
    }
  }

  async stop(): Promise<void> {
    const all = [...this.running.values()];
    for (const entry of all) entry.stopped = true;
    await Promise.all(all.map((entry) => entry.subscription?.stop()));
    for (const entry of all) entry.progress.end();
    // The subscriptions have stopped: save each learnt state where it is, so the next start reads nothing again.
    // A failed save only costs relearning at the next start: reported, and the others still stop.
    await Promise.all(
      all.map((entry) =>
        entry.saveState?.().catch((error: unknown) => this.options.onFailure?.(entry.name, error)),
      ),
    );
    this.running.clear();
  }

  private async run(tenantId: string, manager: ProcessManager): Promise<void> {
    const key = `${tenantId}/${manager.name}`;
    if (this.running.has(key)) return;
    const entry: Running = {
      name: manager.name,
      tenantId,
      stopped: false,
      progress: new CheckpointProgress(),
    };
    this.running.set(key, entry);
    const { store, checkpoints } = this.options;
    const decidedUpTo = await checkpoints.load(key);
    const learnt = manager.evolve
      ? await this.learntState(tenantId, manager, decidedUpTo).catch((error: unknown) => {
          // Whoever waits for this manager to settle hears why it never will.
          entry.progress.fail(error);
          throw error;
        })
      : undefined;
    let state = learnt?.state;
    const from = learnt ? learnt.from : decidedUpTo;
    entry.progress.advance(from ?? START);
    // While relearning its state from history it decides nothing and never moves its checkpoint back.
    const isAfter = (checkpoint: Checkpoint): boolean =>
      decidedUpTo === undefined || checkpoint > decidedUpTo;
    const saver = learnt?.saver;
    if (saver) entry.saveState = () => saver.save(state);
    if (this.options.learnOnly) {
      if (learnt?.relearning) await this.learnUpTo(tenantId, manager, entry, learnt, decidedUpTo);
      return;
    }
    const subscription = store.subscribe(tenantId, {
      ...(from !== undefined ? { after: from } : {}),
      types: manager.eventTypes,
      handler: async (event) => {
        const isNew = isAfter(event.checkpoint);
        if (isNew) {
          for (const reaction of manager.decide(event, state)) {
            await this.carryOut(tenantId, manager.name, event, reaction);
          }
        }
        if (manager.evolve) state = manager.evolve(state, event);
        if (isNew) await checkpoints.save(key, event.checkpoint);
        await saver?.step(event.checkpoint, state);
        entry.progress.advance(event.checkpoint);
      },
      // Events of other types it looked past: resume after them, never scan them again.
      onScanned: async (checkpoint) => {
        if (isAfter(checkpoint)) await checkpoints.save(key, checkpoint);
        await saver?.step(checkpoint, state);
        entry.progress.advance(checkpoint);
      },
    });
    entry.subscription = subscription;
    subscription.done.catch((error) => {
      if (entry.stopped) return;
      entry.progress.fail(error);
      this.options.onFailure?.(manager.name, error);
      this.running.delete(key);
      setTimeout(() => {
        if (!entry.stopped) void this.run(tenantId, manager);
      }, this.options.restartDelayMs ?? 1000).unref();
    });
    await subscription.caughtUp;
  }

  /**
   * Relearns a manager's state from the log up to its decided checkpoint, deciding nothing;
   * its events after that checkpoint are left for the manager itself. Saved on stop.
   */
  private async learnUpTo(
    tenantId: string,
    manager: ProcessManager,
    entry: Running,
    learnt: { state: unknown; from: Checkpoint; saver?: StateSaver },
    decidedUpTo: Checkpoint | undefined,
  ): Promise<void> {
    let { state } = learnt;
    const { saver } = learnt;
    if (!saver || decidedUpTo === undefined) return;
    entry.saveState = () => saver.save(state);
    // Past the decided checkpoint the state stays as it was there: that is what it reflects.
    const upTo = (checkpoint: Checkpoint) => (checkpoint > decidedUpTo ? decidedUpTo : checkpoint);
    const subscription = this.options.store.subscribe(tenantId, {
      after: learnt.from,
      types: manager.eventTypes,
      handler: async (event) => {
        if (event.checkpoint <= decidedUpTo) state = manager.evolve!(state, event);
        await saver.step(upTo(event.checkpoint), state);
      },
      onScanned: (checkpoint) => saver.step(upTo(checkpoint), state),
    });
    entry.subscription = subscription;
    // Caught up with the log (the caller stops it, which saves), or failed reading it.
    await Promise.race([subscription.caughtUp, subscription.done]);
  }

  /**
   * The state a manager with state starts from and the checkpoint to read after: its saved
   * state when there is one of its version at or before the decided checkpoint, else the
   * initial state and the start of the log.
   */
  private async learntState(
    tenantId: string,
    manager: ProcessManager,
    decidedUpTo: Checkpoint | undefined,
  ): Promise<{ state: unknown; from: Checkpoint; saver?: StateSaver; relearning?: boolean }> {
    const { readModels } = this.options;
    const codec = manager.savedState;
    const initial = { state: manager.initialState?.(), from: START };
    if (!readModels || !codec) return initial;
    const name = `${STATE_PREFIX}${manager.name}`;
    const active = await readModels.activeVersion(tenantId, name);
    const { saved, unreadable } =
      active === codec.version ? await loadReadable(readModels, tenantId, name, active) : {};
    const keys = snapshotKeysOf(this.options.store, tenantId, name);
    const saver = new StateSaver(
      async (checkpoint, value) =>
        readModels.save(
          tenantId,
          name,
          codec.version,
          {
            checkpoint,
            schemaVersion: codec.version,
            snapshot: codec.seal ? await codec.seal(value, keys) : value,
          },
          { activate: true },
        ),
      codec.save,
      this.options.saveStateEvery ?? 100,
      // Never saved behind the row already there (a store refuses to move a version back).
      saved?.checkpoint ?? unreadable?.row.checkpoint,
    );
    const relearn = (reason: string) => {
      this.options.onRelearn?.(manager.name, tenantId, reason);
      // The unusable row is replaced at its own checkpoint too, or every start would relearn again.
      if (active === codec.version) saver.replaceHeldRow();
      return { ...initial, saver, relearning: true };
    };
    if (active !== undefined && active !== codec.version) {
      return relearn(`its saved state is of version ${active}, this code reads version ${codec.version}`);
    }
    if (unreadable) return relearn(unreadable.relearnReason);
    if (!saved) return { ...initial, saver }; // nothing saved yet: the first start
    // A saved state past the decided checkpoint (checkpoints lost) cannot tell what was decided: relearn.
    if (decidedUpTo === undefined || saved.checkpoint > decidedUpTo) {
      return relearn('its saved state is ahead of its checkpoint (checkpoints lost)');
    }
    try {
      const value = codec.open ? await codec.open(saved.snapshot, keys) : saved.snapshot;
      return { state: codec.restore(value), from: saved.checkpoint, saver };
    } catch (error) {
      // A store out of reach: relearning would not reach it either (the start fails and is retried).
      if (error instanceof StoreUnavailableError) throw error;
      // A shape this code does not read, or a seal it cannot open: the saved state is at fault
      // and the log holds everything it did. Only the error's kind is told: its message may
      // quote the saved content (a JSON parser's does).
      if (isSavedStateFault(error) || this.options.relearnOnAnyRestoreFailure)
        return relearn(`its saved state cannot be opened (${errorKindOf(error)})`);
      // Anything else is a fault of this code or an unexpected failure: relearning would hide
      // it and replace the saved state.
      throw new ProcessManagerRestoreError(manager.name, tenantId, codec.version, error);
    }
  }

  /** Carries out one reaction; a domain refusal is final and reported, anything else ends the subscription (retried later). */
  private async carryOut(
    tenantId: string,
    manager: string,
    event: RecordedEvent,
    reaction: Reaction,
  ): Promise<void> {
    const observe = this.options.observeStep ?? runStepAsIs;
    const step = {
      job: 'process-manager',
      name: manager,
      tenantId,
      reaction: reaction.kind,
      eventType: event.type,
      ...(reaction.kind === 'command' ? { commandType: reaction.command.type } : {}),
    } as const;
    return observe(step, () => this.react(tenantId, manager, event, reaction));
  }

  private async react(
    tenantId: string,
    manager: string,
    event: RecordedEvent,
    reaction: Reaction,
  ): Promise<void> {
    try {
      switch (reaction.kind) {
        case 'command': {
          const { checkpoint } = await this.options.commands.execute(
            systemPrincipal(tenantId),
            reaction.command,
          );
          const wrote = this.reactionsWrote.get(tenantId);
          if (checkpoint !== undefined && (wrote === undefined || checkpoint > wrote))
            this.reactionsWrote.set(tenantId, checkpoint);
          return;
        }
        case 'forgetSubject':
          await this.options.store.forgetSubject(tenantId, reaction.subjectId);
          return;
        case 'signDigest':
          await this.options.signDigest?.(tenantId, reaction.reason);
          return;
      }
    } catch (error) {
      // A refused reaction is final (e.g. the candidate was already released, or erased);
      // anything else (store unavailable) ends the subscription so the event is retried later.
      if (!isFinalRefusal(error)) throw error;
      this.options.onRefused?.(manager, event.eventId, error as Error);
    }
  }
}

/**
 * A saved state as the store holds it, or the store's word that its text is broken; any
 * other failure (a store out of reach) is thrown as before.
 */
async function loadReadable(
  readModels: ReadModelStore,
  tenantId: string,
  name: string,
  version: number,
): Promise<{ saved?: SavedReadModel; unreadable?: SavedStateUnreadableError }> {
  try {
    const saved = await readModels.load(tenantId, name, version);
    return saved ? { saved } : {};
  } catch (error) {
    if (error instanceof SavedStateUnreadableError) return { unreadable: error };
    throw error;
  }
}

/** The read-model name under which a manager's learnt state is saved. */
const STATE_PREFIX = 'process-manager:';

interface Running {
  readonly name: string;
  readonly tenantId: string;
  /** How far the manager has handled or looked past the log. */
  readonly progress: CheckpointProgress;
  subscription?: Subscription;
  stopped: boolean;
  /** Saves the manager's learnt state where it is now (on stop). */
  saveState?: () => Promise<void>;
}

/**
 * Saves a manager's learnt state with the checkpoint it reflects, every `every` steps (events
 * handled or pages scanned), so a start never relearns more than that; never behind the
 * checkpoint of a state already saved.
 */
class StateSaver {
  private steps = 0;
  private at: Checkpoint | undefined;
  private savedAt: Checkpoint | undefined;
  /** Whether the row at `savedAt` cannot be used, so a save at that same checkpoint is still due. */
  private heldRowUnusable = false;

  constructor(
    private readonly write: (checkpoint: Checkpoint, value: unknown) => Promise<void>,
    private readonly encode: (state: never) => unknown,
    private readonly every: number,
    savedAt: Checkpoint | undefined,
  ) {
    this.savedAt = savedAt;
  }

  /**
   * Notes that the state reflects the log up to `checkpoint` (never past the decided
   * checkpoint, which is saved first); saves it when due.
   */
  async step(checkpoint: Checkpoint, state: unknown): Promise<void> {
    this.at = checkpoint;
    this.steps += 1;
    if (this.steps >= this.every) await this.save(state);
  }

  /** Marks the row already saved as unusable (broken, or of a shape this code cannot open). */
  replaceHeldRow(): void {
    this.heldRowUnusable = true;
  }

  /** Saves the state as of the last step, unless that is already saved. */
  async save(state: unknown): Promise<void> {
    const at = this.at;
    if (at === undefined) return;
    const savedAt = this.savedAt;
    if (savedAt !== undefined && (at < savedAt || (at === savedAt && !this.heldRowUnusable))) return;
    this.heldRowUnusable = false;
    // Encoded at once: `evolve` changes the state in place after this.
    const value = this.encode(state as never);
    this.steps = 0;
    this.savedAt = at;
    await this.write(at, value);
  }
}
