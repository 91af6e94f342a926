// A process that waits for a lease and, while it holds it, records a heartbeat row every
// 20 ms, as a projection runner would do its work. Prints "leader <token>" when it starts.
// Arguments: connection string, schema, lease name, ttl in ms.
import { writeSync } from 'node:fs';
import { PostgresDatabase, acquireLease } from '../../src';

async function main(): Promise<void> {
  const [url, schema, name, ttl] = process.argv.slice(2) as [string, string, string, string];
  const database = new PostgresDatabase({ connectionString: url, schema });
  writeSync(1, 'waiting\n');
  const lease = await acquireLease(database, name, { ttlMs: Number(ttl) });
  writeSync(1, `leader ${lease.token}\n`);
  while (lease.isHeld()) {
    await database.query(
      'heartbeat',
      `INSERT INTO ${database.schema}.heartbeats (pid, token, at) VALUES ($1, $2, clock_timestamp())`,
      [process.pid, lease.token],
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  writeSync(1, 'lost\n');
  process.exit(0);
}

main().catch((error: unknown) => {
  writeSync(2, `${String(error)}\n`);
  process.exit(1);
});
