import { resolve } from 'node:path';
import { ConfigError } from './config-error';

export const STORE_KINDS = ['sqlite', 'postgres', 'eventstoredb'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** Where the events live, resolved from flags first, then the environment, then defaults. */
export interface StoreConfig {
  readonly kind: StoreKind;
  /** Holds the SQLite file, the development master key and JWT secret, and EventStoreDB's key vault. */
  readonly dataDir: string;
  /** The SQLite file (sqlite store). */
  readonly sqliteFile: string;
  /** PostgreSQL connection string (postgres store). */
  readonly databaseUrl?: string;
  /** EventStoreDB / KurrentDB connection string (eventstoredb store). */
  readonly connectionString?: string;
}

/** The store options every command that opens the store accepts. */
export interface StoreFlags {
  readonly store?: string;
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly connectionString?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const given = (value: string | undefined): string | undefined =>
  value !== undefined && value.trim() !== '' ? value.trim() : undefined;

/** Validates the store configuration; throws ConfigError listing every wrong value. */
export function resolveStoreConfig(flags: StoreFlags, env: Env): StoreConfig {
  const issues: string[] = [];
  const kindText = given(flags.store) ?? given(env.VOUCH_STORE) ?? 'sqlite';
  const kind = STORE_KINDS.find((k) => k === kindText.toLowerCase());
  if (!kind) {
    const source = given(flags.store) ? '--store' : 'VOUCH_STORE';
    issues.push(`${source} must be one of ${STORE_KINDS.join(', ')} (got "${kindText}").`);
  }
  const dataDir = resolveDataDir(flags, env);
  const databaseUrl = given(flags.databaseUrl) ?? given(env.DATABASE_URL);
  const connectionString = given(flags.connectionString) ?? given(env.EVENTSTORE_CONNECTION_STRING);

  if (kind === 'postgres') {
    if (!databaseUrl) {
      issues.push(
        'The postgres store needs --database-url or DATABASE_URL (postgres://user:pass@host:5432/db).',
      );
    } else if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      issues.push('--database-url / DATABASE_URL must start with postgres:// or postgresql://.');
    }
  }
  if (kind === 'eventstoredb') {
    if (!connectionString) {
      issues.push(
        'The eventstoredb store needs --connection-string or EVENTSTORE_CONNECTION_STRING (esdb://host:2113?tls=false).',
      );
    } else if (
      !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent|kdb):\/\//.test(connectionString)
    ) {
      issues.push(
        '--connection-string / EVENTSTORE_CONNECTION_STRING must start with esdb:// or kurrentdb://.',
      );
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return {
    kind: kind!,
    dataDir,
    sqliteFile: resolve(dataDir, 'vouch.db'),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(connectionString ? { connectionString } : {}),
  };
}

/** The data directory: --data-dir, else VOUCH_DATA_DIR, else ./data (absolute). */
export function resolveDataDir(flags: Pick<StoreFlags, 'dataDir'>, env: Env): string {
  return resolve(given(flags.dataDir) ?? given(env.VOUCH_DATA_DIR) ?? 'data');
}
