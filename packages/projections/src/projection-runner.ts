import {
  EventStoreErrorCode,
  isEventStoreError,
  isSavedStateFault,
  SavedStateUnreadableError,
  START,
  type Checkpoint,
  type EventStore,
  type ReadModelStore,
  type RecordedEvent,
  type Subscription,
} from '@vouch/event-store';
import type { Projection } from './projection';
import { errorKindOf } from './error-kind';
import { ProjectionRestoreError } from './projection-restore-error';
import { snapshotKeysOf } from './snapshot-keys';

export interface ProjectionRunnerOptions<P extends Projection> {
  readonly store: EventStore;
  readonly readModels: ReadModelStore;
  readonly tenantId: string;
  /** Makes an empty projection (for a start from scratch and for a rebuild). */
  readonly create: () => P;
  /**
   * Save a snapshot after at least this many applied events; default 10,000. A save also
   * waits until `saveCostFactor` times as long as the last save took has passed since it.
   */
  readonly snapshotEvery?: number;
  /**
   * Time between two saves is at least this many times what the last save took; default 4,
   * so snapshotting a large model costs at most a fifth of the time spent catching up.
   * 0 saves every `snapshotEvery` events whatever the clock says.
   */
  readonly saveCostFactor?: number;
  /** Events read per page while catching up; default 1,000. */
  readonly batchSize?: number;
  /** While live, also poll this often (ms) for writes by other processes; default the store's. */
  readonly pollIntervalMs?: number;
  /**
   * Told when the saved snapshot cannot be used (broken JSON, another schema version, a
   * shape this code does not read, a seal that does not open) and the projection is built
   * from the start of the log instead; the reason names the row, never its content.
   */
  readonly onRelearn?: (projection: string, tenantId: string, reason: string) => void;
  /**
   * Relearn from the log whatever fails the restore, not only a fault of the saved state; for
   * an explicit rebuild, which builds from the log anyway. Default false: any other failure
   * fails the start with a ProjectionRestoreError and keeps the saved state.
   */
  readonly relearnOnAnyRestoreFailure?: boolean;
}

const DEFAULT_SAVE_COST_FACTOR = 4;

/** Thrown by `waitFor` when the projection did not reach the checkpoint in time. */
export class ProjectionLagError extends Error {
  override readonly name = 'ProjectionLagError';

  constructor(
    readonly projection: string,
    readonly wanted: Checkpoint,
    readonly reached: Checkpoint,
  ) {
    super(`Projection ${projection} reached ${reached}, not ${wanted}, in time. Retry the read shortly.`);
  }
}

// One version of the projection being fed by its own subscription.
class Track<P extends Projection> {
  checkpoint: Checkpoint;
  sinceSave = 0;
  /** When the last save ended and how long it took (ms), for the snapshot cadence. */
  savedAt = performance.now();
  saveMs = 0;
  subscription: Subscription | undefined;
  private waiters: { checkpoint: Checkpoint; resolve: () => void }[] = [];

  constructor(
    readonly projection: P,
    readonly version: number,
    from: Checkpoint,
    /** Whether this version is the active one in the store (else a build not switched to yet). */
    public active: boolean,
  ) {
    this.checkpoint = from;
  }

  /** Applies an event once: a redelivered event (at or before the checkpoint) changes nothing. */
  apply(event: RecordedEvent): boolean {
    if (event.checkpoint <= this.checkpoint) return false;
    this.projection.apply(event);
    this.checkpoint = event.checkpoint;
    this.sinceSave += 1;
    if (this.waiters.length > 0) this.release();
    return true;
  }

  /** Resolves once the track has applied everything up to `checkpoint`. */
  reached(checkpoint: Checkpoint): Promise<void> {
    if (checkpoint <= this.checkpoint) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ checkpoint, resolve }));
  }

  private release(): void {
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (w.checkpoint <= this.checkpoint) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }
}

/**
 * Keeps one projection of one tenant caught up: restores the saved snapshot, catches up
 * from its checkpoint through history, then follows the live log through
 * `store.subscribe`, saving snapshot and checkpoint together every so often and on stop.
 * A rebuild fills a new version beside the live one and switches when it has caught up,
 * so queries never see a half-built model.
 */
export class ProjectionRunner<P extends Projection> {
  private live: Track<P> | undefined;
  private failure: unknown;
  private readonly lagWaiters = new Set<{
    checkpoint: Checkpoint;
    resolve: () => void;
    reject: (e: unknown) => void;
  }>();
  private rebuilding: Promise<void> | undefined;

  constructor(private readonly options: ProjectionRunnerOptions<P>) {}

  /** The projection queries are served from. */
  get projection(): P {
    if (!this.live) throw new Error('The projection runner has not been started.');
    return this.live.projection;
  }

  /** The checkpoint of the last event the live projection has applied. */
  get checkpoint(): Checkpoint {
    return this.live?.checkpoint ?? START;
  }

  /** The version (generation) of the live projection in the read-model store. */
  get version(): number | undefined {
    return this.live?.version;
  }

  /**
   * Restores the last snapshot and catches up; resolves once history is applied and the
   * projection is live. A saved state it cannot use (broken text, another schema version, a
   * shape it does not read, a seal that does not open) is said once through `onRelearn` and
   * a new version is built from the log: the log holds everything the snapshot did. Any other
   * failure of the restore (a fault of the code) fails the start and keeps the saved state.
   */
  async start(): Promise<void> {
    if (this.live) return;
    const { readModels, tenantId } = this.options;
    const name = this.options.create().name;
    const active = await readModels.activeVersion(tenantId, name);
    const restored = active !== undefined ? await this.restored(active) : undefined;
    let projection: P;
    let version: number;
    let from: Checkpoint;
    if (restored === undefined || 'reason' in restored) {
      // Nothing saved (the first start), or a saved state it cannot use: a build from scratch
      // (as a new version beside the unusable one), in a projection the half-read snapshot
      // never touched.
      if (restored) this.options.onRelearn?.(name, tenantId, restored.reason);
      projection = this.options.create();
      version = restored ? active! + 1 : (active ?? 1);
      from = START;
    } else {
      ({ projection, checkpoint: from } = restored);
      version = active!;
    }
    // A build from scratch must not meet what an interrupted build of the same version saved.
    if (version !== active) await readModels.discard(tenantId, projection.name, version);
    const track = new Track(projection, version, from, version === active);
    this.live = track;
    await this.follow(track);
    projection.caughtUp?.();
    await this.save(track, active !== version);
  }

  /**
   * The active version's saved state in a new projection, with the checkpoint it reflects
   * (undefined when nothing is saved); or why it cannot be used (naming the row and the error's kind, never the saved content).
   * A store out of reach is thrown as it is; a failure that is not the saved state's own is
   * a ProjectionRestoreError.
   */
  private async restored(
    version: number,
  ): Promise<{ projection: P; checkpoint: Checkpoint } | { reason: string } | undefined> {
    const { readModels, tenantId } = this.options;
    const projection = this.options.create();
    const row = `read model ${projection.name} v${version} of tenant ${tenantId}`;
    try {
      const saved = await readModels.load(tenantId, projection.name, version);
      if (!saved) return undefined;
      if (saved.schemaVersion !== projection.schemaVersion) {
        return {
          reason: `its saved state (${row}) is of schema version ${saved.schemaVersion}, this code reads ${projection.schemaVersion}`,
        };
      }
      projection.restore(
        projection.openSnapshot
          ? await projection.openSnapshot(
              saved.snapshot,
              snapshotKeysOf(this.options.store, tenantId, projection.name),
            )
          : saved.snapshot,
      );
      if (projection.restoreEntries) {
        projection.restoreEntries(await readModels.loadEntries(tenantId, projection.name, version));
      }
      return { projection, checkpoint: saved.checkpoint };
    } catch (error) {
      if (error instanceof SavedStateUnreadableError) return { reason: error.relearnReason };
      // A store out of reach is thrown as it is: relearning would not reach it either.
      if (isEventStoreError(error, EventStoreErrorCode.STORE_UNAVAILABLE)) throw error;
      // A shape this code does not read, or a seal that does not open (a wrong or lost key;
      // an erased subject's seal opens as nothing, and stays erased). Only the error's kind
      // is told: its message may quote the saved content (a JSON parser's does).
      if (isSavedStateFault(error) || this.options.relearnOnAnyRestoreFailure)
        return { reason: `its saved state (${row}) cannot be opened (${errorKindOf(error)})` };
      // Anything else is a fault of this code or an unexpected failure: relearning would hide
      // it and throw the snapshot away.
      throw new ProjectionRestoreError(projection.name, tenantId, version, error);
    }
  }

  /** Stops following the log and saves a last snapshot. */
  async stop(): Promise<void> {
    const track = this.live;
    if (!track) return;
    await this.rebuilding?.catch(() => undefined);
    await track.subscription?.stop();
    track.subscription = undefined;
    await this.save(track, false);
    this.live = undefined;
    for (const w of this.lagWaiters) w.reject(new Error('The projection runner was stopped.'));
    this.lagWaiters.clear();
  }

  /**
   * Resolves once the live projection has applied the event at `checkpoint` (e.g. the one
   * a command just appended), so the caller reads its own writes; rejects with a
   * ProjectionLagError after `timeoutMs` (default 5 s).
   */
  waitFor(checkpoint: Checkpoint, timeoutMs = 5000): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.live && checkpoint <= this.live.checkpoint) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        checkpoint,
        resolve: () => {
          clearTimeout(timer);
          this.lagWaiters.delete(waiter);
          resolve();
        },
        reject: (error: unknown) => {
          clearTimeout(timer);
          this.lagWaiters.delete(waiter);
          reject(error);
        },
      };
      const timer = setTimeout(
        () =>
          waiter.reject(
            new ProjectionLagError(this.live?.projection.name ?? '?', checkpoint, this.checkpoint),
          ),
        timeoutMs,
      );
      timer.unref?.();
      this.lagWaiters.add(waiter);
    });
  }

  /**
   * Rebuilds the projection from the start of the log as a new version beside the live
   * one; queries keep using the live version until the new one has caught up with it,
   * then the new version is saved, activated, and the old one dropped.
   */
  rebuild(): Promise<void> {
    this.rebuilding ??= this.runRebuild().finally(() => (this.rebuilding = undefined));
    return this.rebuilding;
  }

  private async runRebuild(): Promise<void> {
    const old = this.live;
    if (!old) throw new Error('Start the projection runner before rebuilding it.');
    const fresh = new Track(this.options.create(), old.version + 1, START, false);
    await this.options.readModels.discard(this.options.tenantId, fresh.projection.name, fresh.version);
    await this.follow(fresh);
    fresh.projection.caughtUp?.();
    // Freeze the old version, let the new one reach the same point, then switch.
    await old.subscription?.stop();
    old.subscription = undefined;
    await fresh.reached(old.checkpoint);
    this.live = fresh;
    this.releaseLagWaiters();
    await this.save(fresh, true);
  }

  private async follow(track: Track<P>): Promise<void> {
    const { store, tenantId } = this.options;
    const snapshotEvery = this.options.snapshotEvery ?? 10_000;
    const saveCostFactor = this.options.saveCostFactor ?? DEFAULT_SAVE_COST_FACTOR;
    const subscription = store.subscribe(tenantId, {
      after: track.checkpoint,
      batchSize: this.options.batchSize ?? 1000,
      ...(this.options.pollIntervalMs !== undefined ? { pollIntervalMs: this.options.pollIntervalMs } : {}),
      handler: (event) => {
        if (!track.apply(event)) return;
        if (track === this.live && this.lagWaiters.size > 0) this.releaseLagWaiters();
        // A version not yet switched to is saved once, when it is activated: a start meeting
        // it unactivated discards it and builds afresh, so a save before then is never read.
        if (!track.active) return;
        if (track.projection.saveAfter?.(event)) return this.save(track, false);
        if (
          track.sinceSave >= snapshotEvery &&
          performance.now() - track.savedAt >= saveCostFactor * track.saveMs
        )
          return this.save(track, false);
      },
    });
    track.subscription = subscription;
    subscription.done.catch((error: unknown) => this.fail(error));
    await Promise.race([subscription.caughtUp, subscription.done]);
  }

  private async save(track: Track<P>, activate: boolean): Promise<void> {
    const { readModels, tenantId } = this.options;
    const name = track.projection.name;
    // An unactivated version is discarded by the next start: only its activation is saved.
    if ((track.sinceSave === 0 || !track.active) && !activate) return;
    const started = performance.now();
    // Taken together, before sealing awaits: the snapshot reflects exactly this checkpoint.
    const checkpoint = track.checkpoint;
    const snapshot = track.projection.snapshot();
    const projection = track.projection;
    const entries = projection.appendOnlyEntries?.();
    await readModels.save(
      tenantId,
      name,
      track.version,
      {
        checkpoint,
        schemaVersion: projection.schemaVersion,
        snapshot: projection.sealSnapshot
          ? await projection.sealSnapshot(snapshot, snapshotKeysOf(this.options.store, tenantId, name))
          : snapshot,
      },
      // The switch to a new version and the new entries commit with the snapshot: no crash
      // can leave them apart.
      activate || entries
        ? { ...(activate ? { activate } : {}), ...(entries ? { entries } : {}) }
        : undefined,
    );
    if (activate) track.active = true;
    track.sinceSave = 0;
    track.savedAt = performance.now();
    track.saveMs = track.savedAt - started;
  }

  private releaseLagWaiters(): void {
    const reached = this.checkpoint;
    for (const w of [...this.lagWaiters]) if (w.checkpoint <= reached) w.resolve();
  }

  private fail(error: unknown): void {
    this.failure = error;
    for (const w of [...this.lagWaiters]) w.reject(error);
  }
}
