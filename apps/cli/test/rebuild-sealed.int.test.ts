import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionRunner, TenantReadModels } from '@vouch/projections';
import { runCli } from '../src/cli';
import { seedStore } from '../src/commands/seed';
import { keepGenerated, resolveMasterKey } from '../src/config/secrets';
import { resolveStoreConfig } from '../src/config/store-config';
import { openStore } from '../src/stores/open-store';
import { memoryIo } from './support/memory-io';

const TENANT = 'demo';

// Invariant 10: the snapshot `vouch rebuild` saves is sealed like the server's own saves,
// and the next start opens it (the counting wrapper once dropped sealing and opening).
describe('vouch rebuild saves the read models sealed, and they open again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-rebuild-sealed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps no contact in plain text in the saved snapshot, and a second rebuild and a start read it', async () => {
    const config = resolveStoreConfig({ dataDir: dir }, {});
    const masterKey = resolveMasterKey({}, dir, { environment: 'development', generate: true });
    keepGenerated(masterKey, dir);
    await seedStore(
      {
        store: config,
        masterKey: masterKey.value,
        tenantId: TENANT,
        seed: 5,
        scale: 0.01,
        until: '2026-03-31',
      },
      memoryIo(),
    );
    expect(await runCli(['rebuild', '--data-dir', dir], memoryIo())).toBe(0);

    const opened = await openStore(config, { masterKey: masterKey.value });
    try {
      const version = await opened.readModels.activeVersion(TENANT, TenantReadModels.NAME);
      const saved = await opened.readModels.load(TENANT, TenantReadModels.NAME, version!);
      const advocates = (saved!.snapshot as { directory: { advocates: [string, { contact?: object }][] } })
        .directory.advocates;
      const withContact = advocates.filter(([, state]) => state.contact !== undefined);
      expect(withContact.length).toBeGreaterThan(0);
      for (const [id, state] of withContact) expect([id, 'email' in state.contact!]).toEqual([id, false]);

      // A start restores the rebuilt version and opens every contact under its advocate's key.
      const runner = new ProjectionRunner({
        store: opened.store,
        readModels: opened.readModels,
        tenantId: TENANT,
        create: () => new TenantReadModels(),
      });
      await runner.start();
      const [firstId] = withContact[0]!;
      const full = runner.projection.fullAdvocate(firstId, '2026-03-31T00:00:00.000Z');
      await runner.stop();
      expect(full?.contact?.email).toMatch(/@/);
    } finally {
      await opened.close();
    }
    // …and so does the next rebuild, which starts from the saved version.
    expect(await runCli(['rebuild', '--data-dir', dir], memoryIo())).toBe(0);
  }, 120_000);
});
