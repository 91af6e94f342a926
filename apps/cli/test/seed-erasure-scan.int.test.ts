import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVouch, type Vouch, type VouchCommand } from '@vouch/application';
import {
  describeHits,
  scanFor,
  sqliteFiles,
  type PersonalValue,
  type ScanSource,
} from '../../../test/support/erasure-scan';
import { resolveStoreConfig } from '../src/config/store-config';
import { seedDemoProgram } from '../src/seed/demo-program';
import { SimulatedClock } from '../src/seed/simulated-clock';
import { openStore, type OpenStore } from '../src/stores/open-store';

const TENANT = 'demo';
const UNTIL = '2026-06-30';
const CONTACT_FIELDS = ['name', 'email', 'phone', 'title'] as const;

/** What the seed said about each person and company, noted as its commands go by. */
class SeedNotes {
  readonly contacts = new Map<string, { accountId?: string; values: PersonalValue[] }>();
  readonly companies = new Map<string, string>();

  /** The facade, noting every command before it runs. */
  observe(vouch: Vouch): Vouch {
    return {
      ...vouch,
      execute: (principal, command) => (this.note(command), vouch.execute(principal, command)),
    };
  }

  private note(command: VouchCommand): void {
    const data = command.data as Record<string, unknown>;
    if (command.type === 'RegisterAccount') this.companies.set(String(data.accountId), String(data.name));
    const owner =
      command.type === 'SubmitNomination'
        ? data.candidateId
        : command.type === 'EnrolAdvocate'
          ? data.advocateId
          : command.type === 'UpdateAdvocateContact'
            ? command.aggregateId
            : undefined;
    if (typeof owner !== 'string') return;
    const entry = this.contacts.get(owner) ?? { values: [] };
    if (typeof data.accountId === 'string') entry.accountId = data.accountId;
    for (const field of CONTACT_FIELDS) {
      if (typeof data[field] === 'string') entry.values.push({ owner, field, value: data[field] as string });
    }
    this.contacts.set(owner, entry);
  }
}

// Invariant 10
describe("the demo seed's erasures leave no personal value in the SQLite store (invariant 10)", () => {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-seed-scan-'));
  const notes = new SeedNotes();
  let opened: OpenStore;
  let erased: PersonalValue[];
  let control: PersonalValue;
  let filename: string;

  beforeAll(async () => {
    const config = resolveStoreConfig({ dataDir: dir }, {});
    filename = config.sqliteFile;
    const clock = new SimulatedClock(`${UNTIL}T08:00:00.000Z`);
    // As `vouch seed` opens it: checkpoints and read-model snapshots in the same file.
    opened = await openStore(config, { masterKey: randomBytes(32), clock: clock.now, durability: 'NORMAL' });
    let sequence = 0;
    const vouch = createVouch({
      store: opened.store,
      clock: clock.now,
      newId: () => `seed-id-${(sequence += 1)}`,
      checkpoints: opened.checkpoints,
      readModels: opened.readModels,
      dueWorkIntervalMs: 0,
      settleReactions: true,
    });
    await vouch.start([TENANT]);
    await seedDemoProgram(notes.observe(vouch), opened.store, clock, {
      tenantId: TENANT,
      seed: 7,
      scale: 0.03,
      until: `${UNTIL}T08:00:00.000Z`,
    });
    await vouch.stop();

    const erasedIds = new Set(
      (await opened.store.readAll(TENANT, { types: ['AdvocateErased'], limit: 100 })).map((e) =>
        String(e.data.advocateId),
      ),
    );
    const staying = [...notes.contacts].filter(([id]) => !erasedIds.has(id));
    // A value an erased advocate shares with someone who stays (a common title) says nothing.
    const kept = new Set(staying.flatMap(([, c]) => c.values.map((v) => v.value)));
    erased = [...erasedIds]
      .flatMap((id) => notes.contacts.get(id)?.values ?? [])
      .filter((v) => !kept.has(v.value));
    // The control: about an advocate who stays and stored as it is, the name of their company.
    const [, stays] = staying.find(([, c]) => c.accountId !== undefined)!;
    control = { owner: 'control', field: 'company', value: notes.companies.get(stays.accountId!)! };
  }, 240_000);
  afterAll(async () => {
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const expectClean = (sources: ScanSource[]) => {
    expect(describeHits(scanFor(sources, erased))).toBe('');
    expect(scanFor(sources, [control]).length).toBeGreaterThan(0);
  };

  it('erases two advocates, one of them after a legal hold was released', async () => {
    expect(new Set(erased.map((v) => v.owner)).size).toBe(2);
    expect(erased.filter((v) => v.field === 'email')).toHaveLength(2);
    const held = await opened.store.readAll(TENANT, {
      types: ['ErasureDeferred', 'LegalHoldReleased'],
      limit: 100,
    });
    expect(held.map((e) => e.type)).toEqual(['ErasureDeferred', 'LegalHoldReleased']);
  });

  it('holds none of their personal values in the database, its -wal and -shm, before and after a checkpoint', async () => {
    expectClean(sqliteFiles(filename));
    await opened.close();
    // Closing checkpoints the WAL into the database file: scanned again as it then lies on disk.
    expectClean(sqliteFiles(filename));
  });
});
