import { existsSync } from 'node:fs';
import { PostgresDatabase, migrate as migratePostgres, planMigrations } from '@vouch/event-store-postgres';
import {
  SCHEMA_VERSION,
  openDatabase,
  sqliteFileSchemaVersion,
  sqliteMigrationsAfter,
} from '@vouch/event-store-sqlite';
import type { CliIo } from '../cli-io';
import { ConfigError } from '../config/config-error';
import { ExitCode } from '../config/exit-codes';
import { resolveStoreConfig, type StoreFlags } from '../config/store-config';
import { redact } from '../stores/open-store';

export interface MigrateFlags extends StoreFlags {
  readonly dryRun?: boolean;
}

interface Step {
  readonly version: number;
  readonly name: string;
}

const stepLines = (steps: readonly Step[]) =>
  steps.map((s) => `  ${String(s.version).padStart(3)}  ${s.name}\n`).join('');

/**
 * `vouch migrate [--dry-run]`: brings the store's schema up to this release's, printing each
 * step. A dry run prints the same steps and changes nothing: SQLite's version is read from
 * the file header (no SQLite connection, so no -wal/-shm files either), PostgreSQL's in a
 * READ ONLY transaction. No master key is needed: migrations change the schema, not the data.
 */
export async function runMigrate(flags: MigrateFlags, io: CliIo): Promise<ExitCode> {
  const config = resolveStoreConfig(flags, io.env);
  const verb = flags.dryRun ? 'would run' : 'ran';
  if (config.kind === 'eventstoredb') {
    io.stdout('EventStoreDB keeps no schema of Vouch: nothing to migrate.\n');
    return ExitCode.OK;
  }
  if (config.kind === 'sqlite') {
    const file = config.sqliteFile;
    // A missing file would be created by the migration: that is `vouch serve`'s job, not an upgrade's.
    if (!existsSync(file)) throw new ConfigError([`There is no store at ${file}: give --data-dir.`]);
    const from = sqliteFileSchemaVersion(file);
    const pending = sqliteMigrationsAfter(from, `SQLite ${file}`);
    io.stdout(`SQLite ${file}: schema version ${from}; this release writes version ${SCHEMA_VERSION}.\n`);
    if (pending.length === 0) return upToDate(io);
    io.stdout(`${pending.length} step${pending.length > 1 ? 's' : ''} ${verb}:\n${stepLines(pending)}`);
    if (flags.dryRun) return dryRunDone(io);
    openDatabase({ filename: file }).close();
    const now = sqliteFileSchemaVersion(file);
    io.stdout(`Done: schema version ${now}.\n`);
    return now === SCHEMA_VERSION ? ExitCode.OK : ExitCode.FAILURE;
  }
  const database = new PostgresDatabase({ connectionString: config.databaseUrl! });
  try {
    const plan = await planMigrations(database);
    const applied =
      plan.applied.length > 0 ? `migrations ${plan.applied.join(', ')} applied` : 'no Vouch schema yet';
    io.stdout(`PostgreSQL ${redact(config.databaseUrl!)}, schema ${database.schemaName}: ${applied}.\n`);
    if (plan.pending.length === 0) return upToDate(io);
    io.stdout(
      `${plan.pending.length} migration${plan.pending.length > 1 ? 's' : ''} ${verb}:\n${stepLines(plan.pending)}`,
    );
    if (flags.dryRun) return dryRunDone(io);
    // Under the migration lock: a concurrent starter may have applied some of them first.
    const ran = await migratePostgres(database);
    io.stdout(`Done: applied ${ran.length > 0 ? ran.join(', ') : 'none (another process had)'}.\n`);
    return ExitCode.OK;
  } finally {
    await database.close();
  }
}

function upToDate(io: CliIo): ExitCode {
  io.stdout('Up to date: nothing to do.\n');
  return ExitCode.OK;
}

function dryRunDone(io: CliIo): ExitCode {
  io.stdout('Dry run: nothing was changed.\n');
  return ExitCode.OK;
}
