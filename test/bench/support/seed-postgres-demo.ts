import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { seedStore } from '../../../apps/cli/src/commands/seed';
import { memoryIo } from '../../../apps/cli/test/support/memory-io';

/**
 * The demo program seeded through the real facade (as `vouch seed` does: seed 7, tenant `demo`,
 * until 2026-06-30) into the PostgreSQL database `databaseUrl` names, at `scale`.
 */
export function seedPostgresDemo(databaseUrl: string, scale: number): ReturnType<typeof seedStore> {
  return seedStore(
    {
      store: { kind: 'postgres', dataDir: tmpdir(), sqliteFile: '', databaseUrl },
      masterKey: randomBytes(32),
      tenantId: 'demo',
      seed: 7,
      scale,
      until: '2026-06-30',
    },
    memoryIo(),
  );
}
