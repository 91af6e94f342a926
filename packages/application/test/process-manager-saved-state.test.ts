import { randomBytes } from 'node:crypto';
import {
  EngineEventStore,
  InMemoryCheckpointStore,
  InMemoryEventStore,
  InMemoryWrappedKeyRepository,
  MasterKeyVault,
  SavedStateShapeError,
  SavedStateUnreadableError,
  StoreUnavailableError,
  type ReadModelStore,
} from '@vouch/event-store';
import { contractEvent } from '@vouch/event-store/testing';
import { InMemoryReadModelStore } from '@vouch/projections';
import type { CommandResult, VouchCommand } from '../src';
import { commandFor, ProcessManagerRestoreError, ProcessManagerRunner, type ProcessManager } from '../src';
import { enrolApprovedNominee } from '../src/process-managers/enrol-approved-nominee';
import { ScanCountingEngine } from './support/scan-counting-engine';

const TENANT = 't1';

/** Counts `Noted` events and saves the count; on `Tally` it asks for a command carrying the count so far. */
const tally = (version = 1): ProcessManager<number> => ({
  name: 'tally',
  eventTypes: ['Noted', 'Tally'],
  initialState: () => 0,
  evolve: (count, event) => (event.type === 'Noted' ? count + 1 : count),
  decide: (event, count) =>
    event.type === 'Tally'
      ? [commandFor('tally', event, { type: 'LapseRequest', aggregateId: `seen-${count}`, data: {} })]
      : [],
  savedState: {
    version,
    save: (count) => ({ count }),
    restore(saved) {
      const { count } = saved as { count?: unknown };
      if (typeof count !== 'number') throw new SavedStateShapeError('count is not a number');
      return count;
    },
  },
});

/** A store over a counting engine, with the checkpoints, saved states and commands a runner needs. */
function world() {
  const engine = new ScanCountingEngine();
  const store = new EngineEventStore(engine, {
    vault: new MasterKeyVault(randomBytes(32), new InMemoryWrappedKeyRepository()),
  });
  const checkpoints = new InMemoryCheckpointStore();
  const readModels = new InMemoryReadModelStore();
  const executed: string[] = [];
  /** What the runners said about relearning: `manager@tenant: reason`. */
  const relearnt: string[] = [];
  const runner = (
    options: {
      manager?: ProcessManager<number>;
      readModels?: ReadModelStore | null;
      every?: number;
      relearnOnAnyRestoreFailure?: boolean;
      learnOnly?: boolean;
    } = {},
  ) =>
    new ProcessManagerRunner({
      store,
      checkpoints,
      ...(options.relearnOnAnyRestoreFailure ? { relearnOnAnyRestoreFailure: true } : {}),
      ...(options.learnOnly ? { learnOnly: true } : {}),
      onRelearn: (manager, tenantId, reason) => relearnt.push(`${manager}@${tenantId}: ${reason}`),
      ...(options.readModels === null ? {} : { readModels: options.readModels ?? readModels }),
      ...(options.every !== undefined ? { saveStateEvery: options.every } : {}),
      managers: [(options.manager ?? tally()) as ProcessManager],
      commands: {
        execute: async (_principal, command: VouchCommand): Promise<CommandResult> => {
          executed.push(command.aggregateId ?? '');
          return { aggregateId: '', streamId: '', events: [], version: 0, duplicate: false };
        },
      },
    });
  const append = async (...types: string[]) => {
    await store.append(
      TENANT,
      's',
      types.map((type) => contractEvent(TENANT, type, {})),
      { expectedVersion: 'any' },
    );
  };
  /** `noted` Noted events, each followed by `unrelated` events of another type, then a Tally. */
  const history = async (noted: number, unrelated = 3) => {
    for (let i = 0; i < noted; i += 1) await append('Noted', ...Array<string>(unrelated).fill('Unrelated'));
    await append('Tally');
  };
  /**
   * Starts a runner and answers the events its start made the store examine (it stops it
   * again). Every reader counts: subscriptions share one unfiltered read of the log's tail,
   * and the manager is the only reader here.
   */
  const examinedAtStart = async (run: ProcessManagerRunner) => {
    const before = engine.examinedByAll;
    await run.start(TENANT);
    const examined = engine.examinedByAll - before;
    await run.stop();
    return examined;
  };
  return {
    engine,
    store,
    checkpoints,
    readModels,
    executed,
    relearnt,
    runner,
    append,
    history,
    examinedAtStart,
  };
}

describe('a process manager resuming from its saved state', () => {
  it('examines nothing of the history at start, whatever its length; without saved states it rereads it all', async () => {
    const counts: Record<string, number> = {};
    for (const noted of [50, 500]) {
      const w = world();
      await w.history(noted);
      const first = w.runner();
      await first.start(TENANT);
      await first.stop();
      counts[`saved-${noted}`] = await w.examinedAtStart(w.runner());
      counts[`relearnt-${noted}`] = await w.examinedAtStart(w.runner({ readModels: null }));
      // Nothing to tell: the first start had nothing saved, the second used it, the third saves nowhere.
      expect(w.relearnt).toEqual([]);
      w.store.close();
    }
    expect(counts['saved-50']).toBe(0);
    expect(counts['saved-500']).toBe(0);
    // The reference: relearning examines the whole log (4 events per Noted, and the Tally).
    expect(counts['relearnt-50']).toBe(50 * 4 + 1);
    expect(counts['relearnt-500']).toBe(500 * 4 + 1);
  });

  it('after a crash rereads only the steps since its last periodic save, whatever the history', async () => {
    const crashed = async (noted: number) => {
      const w = world();
      await w.history(noted);
      // Saves go through while it catches up; then it "crashes": its save on stop is lost.
      let crashedNow = false;
      const crashing = Object.assign(Object.create(w.readModels) as InMemoryReadModelStore, {
        save: async (...args: Parameters<ReadModelStore['save']>) => {
          if (!crashedNow) await w.readModels.save(...args);
        },
      });
      const first = w.runner({ readModels: crashing, every: 20 });
      await first.start(TENANT);
      crashedNow = true;
      await first.stop();
      return w.examinedAtStart(w.runner());
    };
    const small = await crashed(100);
    const large = await crashed(1000);
    // Fewer than 20 steps since the last save, each a Noted event and the 3 events before it.
    expect(small).toBeGreaterThan(0);
    expect(small).toBeLessThanOrEqual(20 * 4 + 1);
    expect(large).toBeLessThanOrEqual(20 * 4 + 1);
  });

  it('relearns from its saved state up to its checkpoint and decides only what came after it, exactly once', async () => {
    const w = world();
    await w.history(5);
    const first = w.runner();
    await first.start(TENANT);
    await first.stop(); // saved state: 5 Noted, at the end
    expect(w.executed).toEqual(['seen-5']);

    await w.history(2); // 7 Noted, second Tally
    // A run whose state is never saved: its checkpoint moves past the new events, its saved state does not.
    const unsaved = Object.assign(Object.create(w.readModels) as InMemoryReadModelStore, {
      save: async () => undefined,
    });
    const second = w.runner({ readModels: unsaved });
    await second.start(TENANT);
    await second.stop();
    expect(w.executed).toEqual(['seen-5', 'seen-7']);

    await w.history(1); // 8 Noted, third Tally
    const before = w.engine.examinedByAll;
    const third = w.runner();
    await third.start(TENANT);
    // It read from its saved state (after the first Tally), not from the start of the log.
    expect(w.engine.examinedByAll - before).toBe(2 * 4 + 1 + 1 * 4 + 1);
    await third.stop();
    expect(w.executed).toEqual(['seen-5', 'seen-7', 'seen-8']);
    w.store.close();
  });

  it('relearns from the start when its saved state is of another version, and then saves its own', async () => {
    const w = world();
    await w.history(30);
    const first = w.runner();
    await first.start(TENANT);
    await first.stop();
    await w.history(1);
    const examined = await w.examinedAtStart(w.runner({ manager: tally(2) }));
    expect(examined).toBe(31 * 4 + 2);
    expect(w.executed).toEqual(['seen-30', 'seen-31']);
    expect(w.relearnt).toEqual(['tally@t1: its saved state is of version 1, this code reads version 2']);
    expect(w.readModels.versions(TENANT, 'process-manager:tally')).toEqual([2]);
    expect(await w.examinedAtStart(w.runner({ manager: tally(2) }))).toBe(0);
    expect(w.relearnt).toHaveLength(1);
    w.store.close();
  });

  it('relearns from the start when its saved state cannot be read', async () => {
    const w = world();
    await w.history(3);
    await w.examinedAtStart(w.runner());
    await w.readModels.save(
      TENANT,
      'process-manager:tally',
      1,
      { checkpoint: await w.store.lastCheckpoint(TENANT), schemaVersion: 1, snapshot: { count: 'three' } },
      { activate: true },
    );
    await w.history(1);
    await w.examinedAtStart(w.runner());
    expect(w.executed).toEqual(['seen-3', 'seen-4']);
    expect(w.relearnt).toEqual([
      'tally@t1: its saved state cannot be opened (SavedStateShapeError SAVED_STATE_SHAPE)',
    ]);
    w.store.close();
  });

  it('replaces a saved state it cannot open even when nothing came after it, so the next start opens it', async () => {
    const w = world();
    await w.history(3);
    await w.examinedAtStart(w.runner());
    await w.readModels.save(
      TENANT,
      'process-manager:tally',
      1,
      { checkpoint: await w.store.lastCheckpoint(TENANT), schemaVersion: 1, snapshot: { count: 'three' } },
      { activate: true },
    );
    await w.examinedAtStart(w.runner());
    expect(w.relearnt).toHaveLength(1);
    expect(await w.examinedAtStart(w.runner())).toBe(0);
    expect(w.relearnt).toHaveLength(1);
    w.store.close();
  });

  it('relearns when the store finds its saved state broken (torn JSON), naming the row, and then replaces it', async () => {
    const w = world();
    await w.history(3);
    await w.examinedAtStart(w.runner());
    // What a SQL store throws for a row whose text is not JSON (its bytes: the stores' own tests).
    let torn = true;
    const tearing: ReadModelStore = Object.create(w.readModels, {
      load: {
        value: async (tenantId: string, projection: string, version: number) => {
          const saved = await w.readModels.load(tenantId, projection, version);
          if (!torn || !saved) return saved;
          throw new SavedStateUnreadableError({
            tenantId,
            projection,
            version,
            checkpoint: saved.checkpoint,
            part: 'snapshot',
          });
        },
      },
    }) as ReadModelStore;
    await w.append('Tally');
    await w.examinedAtStart(w.runner({ readModels: tearing }));
    expect(w.executed).toEqual(['seen-3', 'seen-3']);
    expect(w.relearnt).toEqual([
      'tally@t1: its saved state (read model process-manager:tally v1 of tenant t1) is not readable JSON (a torn write or a hand edit)',
    ]);
    torn = false;
    expect(await w.examinedAtStart(w.runner({ readModels: tearing }))).toBe(0);
    expect(w.relearnt).toHaveLength(1);
    w.store.close();
  });

  it('fails its start on any other error of the store (nothing relearnt from a store out of reach)', async () => {
    const w = world();
    await w.history(1);
    await w.examinedAtStart(w.runner());
    const away: ReadModelStore = Object.create(w.readModels, {
      load: { value: async () => Promise.reject(new StoreUnavailableError('read model store is away')) },
    }) as ReadModelStore;
    await expect(w.runner({ readModels: away }).start(TENANT)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(w.relearnt).toEqual([]);
    w.store.close();
  });

  it('says why it relearns without quoting the saved state, even when the error message does', async () => {
    const w = world();
    const quoting: ProcessManager<number> = {
      ...tally(),
      savedState: {
        ...tally().savedState!,
        restore(saved) {
          throw new SavedStateShapeError(`unexpected member in ${JSON.stringify(saved)}`);
        },
      },
    };
    await w.history(2);
    await w.examinedAtStart(w.runner());
    await w.readModels.save(
      TENANT,
      'process-manager:tally',
      1,
      {
        checkpoint: await w.store.lastCheckpoint(TENANT),
        schemaVersion: 1,
        snapshot: { count: 2, note: 'Mallory Plaintext' },
      },
      { activate: true },
    );
    await w.examinedAtStart(w.runner({ manager: quoting }));
    expect(w.relearnt).toEqual([
      'tally@t1: its saved state cannot be opened (SavedStateShapeError SAVED_STATE_SHAPE)',
    ]);
    expect(w.relearnt.join()).not.toContain('Mallory');
    w.store.close();
  });

  it('ignores a saved state ahead of its checkpoint (checkpoints lost) and relearns', async () => {
    const w = world();
    await w.history(4);
    await w.examinedAtStart(w.runner());
    const lost = new InMemoryCheckpointStore();
    const again = new ProcessManagerRunner({
      store: w.store,
      checkpoints: lost,
      readModels: w.readModels,
      managers: [tally() as ProcessManager],
      onRelearn: (manager, tenantId, reason) => w.relearnt.push(`${manager}@${tenantId}: ${reason}`),
      commands: {
        execute: async (_principal, command) => {
          w.executed.push(command.aggregateId ?? '');
          return { aggregateId: '', streamId: '', events: [], version: 0, duplicate: false };
        },
      },
    });
    await again.start(TENANT);
    await again.stop();
    // Decided again from the start, with the state relearnt (the command id makes it harmless).
    expect(w.executed).toEqual(['seen-4', 'seen-4']);
    expect(w.relearnt).toEqual(['tally@t1: its saved state is ahead of its checkpoint (checkpoints lost)']);
    w.store.close();
  });

  /** A tally whose restore throws what a fault of the code would, on a sound saved state that names someone. */
  const faulty = (): ProcessManager<number> => ({
    ...tally(),
    savedState: {
      ...tally().savedState!,
      restore(saved) {
        // Reads a member as the code expects it, not as it is (a string, not a Map): a TypeError.
        const { count, note } = saved as { count: number; note: Map<string, number> };
        return count + (note.get('extra') ?? 0);
      },
    },
  });

  /** History, a first start, then a saved state that passes every check and still fails to restore. */
  async function savedStateThatFailsToRestore(w: ReturnType<typeof world>) {
    await w.history(2);
    await w.examinedAtStart(w.runner());
    const checkpoint = await w.store.lastCheckpoint(TENANT);
    await w.readModels.save(
      TENANT,
      'process-manager:tally',
      1,
      { checkpoint, schemaVersion: 1, snapshot: { count: 2, note: 'Mallory Plaintext' } },
      { activate: true },
    );
    return checkpoint;
  }

  it('fails its start on a restore that throws though the saved state is sound: typed, no saved value, nothing relearnt, the state kept', async () => {
    const w = world();
    const checkpoint = await savedStateThatFailsToRestore(w);
    await w.append('Tally');
    const failing = w.runner({ manager: faulty() });
    const started = failing.start(TENANT);
    await expect(started).rejects.toBeInstanceOf(ProcessManagerRestoreError);
    const error = (await started.catch((e: unknown) => e)) as ProcessManagerRestoreError;
    expect(error).toMatchObject({
      code: 'PROCESS_MANAGER_RESTORE_FAILED',
      manager: 'tally',
      tenantId: TENANT,
      version: 1,
      kind: 'TypeError',
    });
    expect(error.thrownAt).toMatch(/process-manager-saved-state\.test\.ts/);
    expect(error.message).toContain('Process manager tally (saved state v1) of tenant t1 failed to restore');
    expect(error.message).not.toContain('Mallory');
    expect(w.relearnt).toEqual([]);
    // Waiting for it to settle says why it never will, rather than waiting for ever.
    await expect(failing.settled(TENANT, await w.store.lastCheckpoint(TENANT))).rejects.toBe(error);
    expect(w.executed).toEqual(['seen-2']); // the new Tally waits for a start that works
    expect(await w.readModels.load(TENANT, 'process-manager:tally', 1)).toMatchObject({
      checkpoint,
      snapshot: { count: 2, note: 'Mallory Plaintext' },
    });
    w.store.close();
  });

  it('relearns such a state when asked to relearn whatever fails', async () => {
    const w = world();
    await savedStateThatFailsToRestore(w);
    await w.append('Tally');
    await w.examinedAtStart(w.runner({ manager: faulty(), relearnOnAnyRestoreFailure: true }));
    expect(w.relearnt).toEqual(['tally@t1: its saved state cannot be opened (TypeError)']);
    expect(w.executed).toEqual(['seen-2', 'seen-2']);
    w.store.close();
  });

  it('learning only (vouch rebuild): relearns such a state up to the decided checkpoint, decides nothing, moves no checkpoint; the next start opens it', async () => {
    const w = world();
    const checkpoint = await savedStateThatFailsToRestore(w);
    await w.append('Noted', 'Tally'); // after the decided checkpoint: left for the manager itself
    const key = `${TENANT}/tally`;
    const decided = await w.checkpoints.load(key);
    await w.examinedAtStart(
      w.runner({ manager: faulty(), learnOnly: true, relearnOnAnyRestoreFailure: true }),
    );
    expect(w.relearnt).toEqual(['tally@t1: its saved state cannot be opened (TypeError)']);
    expect(w.executed).toEqual(['seen-2']);
    expect(await w.checkpoints.load(key)).toBe(decided);
    // The relearnt state as of the decided checkpoint: two Noted, not the third.
    expect(await w.readModels.load(TENANT, 'process-manager:tally', 1)).toMatchObject({
      checkpoint,
      snapshot: { count: 2 },
    });
    // The manager itself (its restore sound again) opens it and decides the new Tally with all three.
    await w.examinedAtStart(w.runner());
    expect(w.relearnt).toHaveLength(1);
    expect(w.executed).toEqual(['seen-2', 'seen-3']);
    w.store.close();
  });

  it('learning only leaves a usable saved state alone', async () => {
    const w = world();
    await w.history(2);
    await w.examinedAtStart(w.runner());
    const before = await w.readModels.load(TENANT, 'process-manager:tally', 1);
    expect(await w.examinedAtStart(w.runner({ learnOnly: true }))).toBe(0);
    expect(await w.readModels.load(TENANT, 'process-manager:tally', 1)).toEqual(before);
    expect(w.executed).toEqual(['seen-2']);
    w.store.close();
  });
});

describe('a saved process-manager state holding personal data', () => {
  const nominated = (nominationId: string, candidateId: string, email: string) =>
    contractEvent(TENANT, 'NominationSubmitted', {
      nominationId,
      accountId: 'acme',
      candidateId,
      candidate: { name: 'Nadia Nominee', email, title: 'CTO' },
      attributes: { industries: ['Retail'] },
      evidenceKind: 'NPS',
      evidence: 'said so at the QBR',
      nominatedBy: 'otto',
    });
  const approved = (nominationId: string, candidateId: string) =>
    contractEvent(TENANT, 'NominationApproved', { nominationId, candidateId, accountId: 'acme' });

  it('keeps it sealed under the subject key, opens it on start, and drops an erased subject', async () => {
    const store = new InMemoryEventStore();
    const checkpoints = new InMemoryCheckpointStore();
    const readModels = new InMemoryReadModelStore();
    const enrolled: VouchCommand[] = [];
    const runner = () =>
      new ProcessManagerRunner({
        store,
        checkpoints,
        readModels,
        managers: [enrolApprovedNominee as ProcessManager],
        commands: {
          execute: async (_principal, command) => {
            enrolled.push(command);
            return { aggregateId: '', streamId: '', events: [], version: 0, duplicate: false };
          },
        },
      });
    await store.append(TENANT, 'nomination-n1', [nominated('n1', 'cand-1', 'nadia@example.com')], {
      expectedVersion: 'any',
    });
    await store.append(TENANT, 'nomination-n2', [nominated('n2', 'cand-2', 'erased@example.com')], {
      expectedVersion: 'any',
    });
    const first = runner();
    await first.start(TENANT);
    await first.stop();
    const saved = await readModels.load(TENANT, 'process-manager:enrol-approved-nominee', 1);
    expect(saved).toBeDefined();
    const json = JSON.stringify(saved);
    expect(json).not.toContain('nadia@example.com');
    expect(json).not.toContain('Nadia Nominee');
    expect(json).not.toContain('QBR');

    await store.forgetSubject(TENANT, 'cand-2');
    await store.append(TENANT, 'nomination-n1', [approved('n1', 'cand-1')], { expectedVersion: 'any' });
    await store.append(TENANT, 'nomination-n2', [approved('n2', 'cand-2')], { expectedVersion: 'any' });
    const second = runner();
    await second.start(TENANT);
    await second.stop();
    // The live candidate is enrolled from the opened state; the erased one is not restored at all.
    expect(enrolled.map((c) => c.data)).toEqual([
      expect.objectContaining({ advocateId: 'cand-1', email: 'nadia@example.com', name: 'Nadia Nominee' }),
    ]);
    store.close();
  });

  /** A saved enrolment state holding one sealed pending nomination, and a runner over it that records what it says. */
  async function savedPendingNomination() {
    const store = new InMemoryEventStore();
    const checkpoints = new InMemoryCheckpointStore();
    const readModels = new InMemoryReadModelStore();
    const enrolled: VouchCommand[] = [];
    const relearnt: string[] = [];
    const runner = (over: Partial<{ store: InMemoryEventStore }> = {}) =>
      new ProcessManagerRunner({
        store: over.store ?? store,
        checkpoints,
        readModels,
        managers: [enrolApprovedNominee as ProcessManager],
        onRelearn: (manager, tenantId, reason) => relearnt.push(`${manager}@${tenantId}: ${reason}`),
        commands: {
          execute: async (_principal, command) => {
            enrolled.push(command);
            return { aggregateId: '', streamId: '', events: [], version: 0, duplicate: false };
          },
        },
      });
    await store.append(TENANT, 'nomination-n1', [nominated('n1', 'cand-1', 'nadia@example.com')], {
      expectedVersion: 'any',
    });
    const first = runner();
    await first.start(TENANT);
    await first.stop();
    return { store, readModels, enrolled, relearnt, runner };
  }

  it('relearns from the log, saying so once, when a sealed pending nomination does not open under its key', async () => {
    const w = await savedPendingNomination();
    const name = 'process-manager:enrol-approved-nominee';
    const saved = (await w.readModels.load(TENANT, name, 1))!;
    const rows = structuredClone(saved.snapshot) as [string, unknown, { tag: string }][];
    rows[0]![2].tag = Buffer.alloc(16).toString('base64'); // changed bytes, or a key vault restored apart
    await w.readModels.save(TENANT, name, 1, { ...saved, snapshot: rows });
    await w.store.append(TENANT, 'nomination-n1', [approved('n1', 'cand-1')], { expectedVersion: 'any' });
    const second = w.runner();
    await second.start(TENANT);
    await second.stop();
    expect(w.relearnt).toEqual([
      `enrol-approved-nominee@${TENANT}: its saved state cannot be opened (SealUnopenableError SEAL_UNOPENABLE)`,
    ]);
    // Never treated as an erased candidate: the nomination is relearnt from the log and enrolled.
    expect(w.enrolled.map((c) => c.data)).toEqual([
      expect.objectContaining({ advocateId: 'cand-1', email: 'nadia@example.com' }),
    ]);
    w.store.close();
  });

  it('fails its start, relearning nothing, when the key vault is out of reach while it opens its state', async () => {
    const w = await savedPendingNomination();
    const away = Object.create(w.store, {
      subjectKeys: {
        value: Object.create(w.store.subjectKeys, {
          openMany: { value: () => Promise.reject(new StoreUnavailableError('key vault is away')) },
        }),
      },
    }) as InMemoryEventStore;
    await expect(w.runner({ store: away }).start(TENANT)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(w.relearnt).toEqual([]);
    w.store.close();
  });
});
