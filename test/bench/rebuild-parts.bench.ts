/**
 * The parts of a rebuild this branch changed, measured against another checkout in the same
 * process, interleaved (a loaded machine moves whole processes, not one side of a round):
 *   - fold: every event of the file applied to a fresh `TenantReadModels` (CPU ms);
 *   - index: `caughtUp()` — the search index built once at the end of the catch-up (CPU ms);
 *   - seal: `VaultSubjectKeys.sealMany` of one contact per advocate, as a snapshot save seals them;
 * and, for this checkout only, the final save taken apart: `snapshot()`, its JSON in pieces as the
 * SQLite store writes it (`writeJsonPieces`), the audit entries' JSON, and the whole
 * `SqliteReadModelStore.save` into a new file.
 * The events are read once from the file with this checkout's store, so reading is not measured.
 *
 *   node --expose-gc -r @swc-node/register test/bench/rebuild-parts.bench.ts \
 *     --file /tmp/vouch-projections-5000-1500.db --base /tmp/base-checkout [--rounds 5]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  InMemoryWrappedKeyRepository,
  MasterKeyVault,
  START,
  writeJsonPieces,
  type RecordedEvent,
} from '@vouch/event-store';
import Database from 'better-sqlite3';
import { SNAPSHOT_CHUNK_CHARS, SqliteEventStore, SqliteReadModelStore } from '@vouch/event-store-sqlite';
import { TenantReadModels } from '@vouch/projections';
import { TENANT } from '../../packages/projections/test/support/story-world';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const FILE = args.get('file') ?? '/tmp/vouch-projections-5000-1500.db';
const BASE = args.get('base');
const ROUNDS = Number(args.get('rounds') ?? 5);
const MASTER_KEY = Buffer.alloc(32, 7); // the key projections.bench.ts writes its file with

interface Side {
  readonly name: string;
  readonly TenantReadModels: new () => {
    apply(event: RecordedEvent): void;
    caughtUp(): void;
  };
  readonly VaultSubjectKeys: new (vault: MasterKeyVault) => {
    sealMany(
      tenantId: string,
      purpose: string,
      items: { subjectId: string; values: unknown }[],
    ): Promise<unknown[]>;
  };
}

// A checkout's own modules, loaded from its source (its relative imports stay in it).
function sideOf(name: string, root: string): Side {
  /* eslint-disable @typescript-eslint/no-require-imports -- two checkouts' modules side by side */
  const projections = require(join(root, 'packages/projections/src/tenant-read-models')) as Pick<
    Side,
    'TenantReadModels'
  >;
  const keys = require(join(root, 'packages/event-store/src/personal-data/vault-subject-keys')) as Pick<
    Side,
    'VaultSubjectKeys'
  >;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { name, TenantReadModels: projections.TenantReadModels, VaultSubjectKeys: keys.VaultSubjectKeys };
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const store = SqliteEventStore.open({ filename: FILE, masterKey: MASTER_KEY, durability: 'NORMAL' });
  const events: RecordedEvent[] = [];
  for (let after = START; ;) {
    const page = await store.readAll(TENANT, { after, limit: 1000 });
    events.push(...page);
    if (page.length < 1000) break;
    after = page[page.length - 1]!.checkpoint;
  }
  await store.close();
  const advocates = [...new Set(events.filter((e) => e.type === 'AdvocateEnrolled').map((e) => e.streamId))];
  const vault = new MasterKeyVault(randomBytes(32), new InMemoryWrappedKeyRepository());
  for (const id of advocates) await vault.dataKeyFor(TENANT, id, '2026-01-01T00:00:00.000Z');
  const contacts = advocates.map((subjectId, i) => ({
    subjectId,
    values: {
      email: `person${i}@example.com`,
      phone: `+44 20 7946 ${String(i).padStart(4, '0')}`,
      title: 'VP Engineering',
    },
  }));

  const sides = [...(BASE ? [sideOf('base', BASE)] : []), sideOf('this', join(__dirname, '../..'))];
  const figures = new Map(
    sides.map((s) => [s.name, { fold: [] as number[], index: [] as number[], seal: [] as number[] }]),
  );
  console.log(
    `node ${process.version}; ${events.length} events, ${advocates.length} advocates; ${ROUNDS} rounds`,
  );
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate which side goes first, so neither always meets the other's garbage.
    for (const side of round % 2 === 1 ? sides : [...sides].reverse()) {
      global.gc?.();
      const models = new side.TenantReadModels();
      let started = process.cpuUsage();
      for (const event of events) models.apply(event);
      const fold = cpuMs(started);
      started = process.cpuUsage();
      models.caughtUp();
      const index = cpuMs(started);
      const keys = new side.VaultSubjectKeys(vault);
      started = process.cpuUsage();
      await keys.sealMany(TENANT, 'contact', contacts);
      const seal = cpuMs(started);
      const f = figures.get(side.name)!;
      f.fold.push(fold);
      f.index.push(index);
      f.seal.push(seal);
      console.log(
        `round ${round} ${side.name.padEnd(4)} (load ${loadavg()[0]!.toFixed(1)}): fold ${fold.toFixed(0)} ms, index ${index.toFixed(0)} ms, seal ${seal.toFixed(0)} ms CPU`,
      );
    }
  }
  await saveParts(events);
  for (const [name, f] of figures) {
    console.log(
      `| ${name} (median of ${ROUNDS}) | fold ${median(f.fold).toFixed(0)} ms | index at end ${median(f.index).toFixed(0)} ms | sealing ${contacts.length} contacts ${median(f.seal).toFixed(0)} ms (${((1000 * median(f.seal)) / contacts.length).toFixed(1)} µs each) |`,
    );
  }
}

/** The final save of a rebuild taken apart (CPU ms), this checkout's code. */
async function saveParts(events: readonly RecordedEvent[]): Promise<void> {
  const models = new TenantReadModels();
  for (const event of events) models.apply(event);
  models.caughtUp();
  const dir = mkdtempSync(join(tmpdir(), 'rebuild-parts-'));
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      global.gc?.();
      let started = process.cpuUsage();
      const snapshot = models.snapshot();
      const taken = cpuMs(started);
      started = process.cpuUsage();
      let pieces = 0;
      const chars = writeJsonPieces(snapshot, SNAPSHOT_CHUNK_CHARS, () => (pieces += 1));
      const json = cpuMs(started);
      const entries = models.appendOnlyEntries();
      started = process.cpuUsage();
      const all = entries.slice(0);
      let entryChars = 0;
      for (let i = 0; i < all.length; i += 1024) entryChars += JSON.stringify(all.slice(i, i + 1024)).length;
      const entryJson = cpuMs(started);
      const db = new Database(join(dir, `save-${round}.db`));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      const store = new SqliteReadModelStore(db);
      started = process.cpuUsage();
      await store.save(
        TENANT,
        'read-models',
        1,
        { checkpoint: models.checkpoint!, schemaVersion: 5, snapshot },
        { activate: true, entries },
      );
      const whole = cpuMs(started);
      db.close();
      console.log(
        `save round ${round} (load ${loadavg()[0]!.toFixed(1)}): snapshot() ${taken.toFixed(0)} ms, JSON in pieces ${json.toFixed(0)} ms (${(chars / 1e6).toFixed(1)} M chars, ${pieces} pieces), entries' JSON ${entryJson.toFixed(0)} ms (${all.length} entries, ${(entryChars / 1e6).toFixed(1)} M chars); whole SqliteReadModelStore.save ${whole.toFixed(0)} ms CPU (unsealed)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
