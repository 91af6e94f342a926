import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { PostgresDatabase, PostgresEventStore, acquireLease, migrate } from '../src';
import { usePostgresTestServer } from '../src/testing';
import { exited, linesOf, spawnScript, waitFor } from './support/child-process';

const TTL_MS = 1500;

const server = usePostgresTestServer();

describe('PostgreSQL leases', () => {
  it('lets one of two processes run a projection; when it is killed the other takes over within the lease time, never overlapping', async () => {
    const schema = `lease_${process.pid}`;
    const database = new PostgresDatabase({ connectionString: server.url, schema });
    await migrate(database);
    await database.query(
      'heartbeats',
      `CREATE TABLE ${database.schema}.heartbeats (pid int, token bigint, at timestamptz)`,
    );
    const children: ChildProcess[] = [];
    try {
      const [a, b] = [0, 1].map(() => {
        const child = spawnScript('leasing-process.ts', [
          server.url,
          schema,
          'projection:advocates',
          String(TTL_MS),
        ]);
        children.push(child);
        return { child, lines: linesOf(child) };
      }) as [{ child: ChildProcess; lines: string[] }, { child: ChildProcess; lines: string[] }];
      const leaderOf = () => [a, b].filter((p) => p.lines.some((line) => line.startsWith('leader')));
      await waitFor(
        () => leaderOf().length > 0 && [a, b].every((p) => p.lines.includes('waiting')),
        'a leader',
      );
      // Give the other every chance to (wrongly) become leader too.
      await new Promise((resolve) => setTimeout(resolve, TTL_MS));
      expect(leaderOf().length).toBe(1);
      const first = leaderOf()[0]!;
      const second = first === a ? b : a;

      first.child.kill('SIGKILL');
      const killedAt = Date.now();
      await exited(first.child);
      await waitFor(() => second.lines.some((line) => line.startsWith('leader')), 'the fail-over', 10_000);
      const failOverMs = Date.now() - killedAt;
      expect(failOverMs).toBeLessThan(TTL_MS + 1000);
      await new Promise((resolve) => setTimeout(resolve, 200));

      const beats = await database.query<{ pid: number; token: string; at: Date }>(
        'heartbeats',
        `SELECT pid, token, at FROM ${database.schema}.heartbeats ORDER BY at`,
      );
      const firstBeats = beats.filter((r) => r.pid === first.child.pid);
      const secondBeats = beats.filter((r) => r.pid === second.child.pid);
      expect(firstBeats.length).toBeGreaterThan(0);
      expect(secondBeats.length).toBeGreaterThan(0);
      expect(secondBeats[0]!.at.getTime()).toBeGreaterThan(firstBeats[firstBeats.length - 1]!.at.getTime());
      expect(Number(secondBeats[0]!.token)).toBeGreaterThan(Number(firstBeats[0]!.token));
    } finally {
      for (const child of children) child.kill('SIGKILL');
      await Promise.all(children.map(exited));
      await database.close();
    }
  }, 60_000);

  it('hands over at once on release, and the holder learns when the lease is taken from under it', async () => {
    const store = await PostgresEventStore.open({
      connectionString: server.url,
      schema: `lease_release_${process.pid}`,
      masterKey: randomBytes(32),
    });
    try {
      const first = await store.acquireLease('process-manager:sla', { ttlMs: 60_000 });
      expect(first.isHeld()).toBe(true);
      const waiting = store.acquireLease('process-manager:sla', { ttlMs: 60_000, retryMs: 20 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const startedAt = Date.now();
      await first.release();
      const second = await waiting;
      expect(Date.now() - startedAt).toBeLessThan(2000);
      expect(first.isHeld()).toBe(false);
      expect(first.lost.aborted).toBe(true);
      expect(second.token).toBe(first.token + 1);

      // Someone takes the row over (as after an expiry): the holder's next renewal finds out.
      const short = await store.acquireLease('projection:short', { ttlMs: 150 });
      await store.database.query(
        'steal',
        `UPDATE ${store.database.schema}.leases SET holder = 'other' WHERE name = $1`,
        ['projection:short'],
      );
      await waitFor(() => short.lost.aborted, 'the holder to notice', 2000);
      expect(short.isHeld()).toBe(false);
      await second.release();
    } finally {
      await store.close();
    }
  });

  it('stops waiting when told to', async () => {
    const database = new PostgresDatabase({
      connectionString: server.url,
      schema: `lease_abort_${process.pid}`,
    });
    await migrate(database);
    const held = await acquireLease(database, 'x', { ttlMs: 60_000 });
    const controller = new AbortController();
    const waiting = acquireLease(database, 'x', { ttlMs: 60_000, retryMs: 20, signal: controller.signal });
    controller.abort(new Error('shutting down'));
    await expect(waiting).rejects.toThrow('shutting down');
    await held.release();
    await database.close();
  });
});
