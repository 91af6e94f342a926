import { existsSync } from 'node:fs';
import { ConfigIssues } from './config-issues';
import { keepGenerated, resolveJwtSecret, resolveMasterKey, type Secret } from './secrets';
import {
  resolveEnvironment,
  resolveServerConfig,
  type Environment,
  type ServerConfig,
  type ServerFlags,
} from './server-config';
import { resolveDataDir, resolveStoreConfig, type StoreConfig, type StoreFlags } from './store-config';

type Env = Readonly<Record<string, string | undefined>>;

/** What a command needs configured before it starts. */
export interface StartupNeeds {
  readonly store: StoreFlags;
  /** Commands that listen: port, host and environment (flag, env, default). */
  readonly server?: {
    readonly flags: ServerFlags;
    readonly defaults: { readonly environment: Environment; readonly port: number };
  };
  /** Commands that do not listen: the environment when VOUCH_ENVIRONMENT is unset. */
  readonly environment?: Environment;
  /** `new-store`: in development, generate one for a SQLite store not created yet. */
  readonly masterKey?: 'existing' | 'new-store';
  readonly jwtSecret?: boolean;
}

/** A command's validated configuration; generated secrets are not written yet. */
export interface Startup {
  readonly store: StoreConfig;
  readonly server?: ServerConfig;
  readonly environment: Environment;
  readonly masterKey?: Secret<Buffer>;
  readonly jwtSecret?: Secret<string>;
}

/**
 * Validates everything a command needs, writing nothing; throws one ConfigError listing
 * every problem (one line each). Outside development the secrets must come from the
 * environment and be strong; nothing is read from or generated into the data directory.
 */
export function resolveStartup(needs: StartupNeeds, env: Env): Startup {
  const issues = new ConfigIssues();
  const store = issues.attempt(() => resolveStoreConfig(needs.store, env));
  const server =
    needs.server &&
    issues.attempt(() => resolveServerConfig(needs.server!.flags, env, needs.server!.defaults));
  const environment = server?.environment ?? environmentOf(needs, env, issues);
  const dataDir = store?.dataDir ?? resolveDataDir(needs.store, env);
  const masterKey =
    needs.masterKey &&
    issues.attempt(() =>
      resolveMasterKey(env, dataDir, {
        environment,
        // Never a new key beside an existing store: it could not open it.
        generate:
          needs.masterKey === 'new-store' && store?.kind === 'sqlite' && !existsSync(store.sqliteFile),
      }),
    );
  const jwtSecret = needs.jwtSecret
    ? issues.attempt(() => resolveJwtSecret(env, dataDir, { environment, generate: true }))
    : undefined;
  issues.throwIfAny();
  return {
    store: store!,
    environment,
    ...(server ? { server } : {}),
    ...(masterKey ? { masterKey } : {}),
    ...(jwtSecret ? { jwtSecret } : {}),
  };
}

// A listening command whose server config failed (say, a bad port) still knows its
// environment; one that is itself unknown was reported there, and production's rules apply.
function environmentOf(needs: StartupNeeds, env: Env, issues: ConfigIssues): Environment {
  if (needs.server) {
    try {
      return resolveEnvironment(needs.server.flags.environment, env, needs.server.defaults.environment);
    } catch {
      return 'production';
    }
  }
  return (
    issues.attempt(() => resolveEnvironment(undefined, env, needs.environment ?? 'development')) ??
    'production'
  );
}

/**
 * Writes a master key `resolveStartup` generated (mode 0600 in a 0700 data directory): only
 * ever for a store not created yet, which the store then records as its key.
 */
export function keepGeneratedMasterKey(startup: Startup): void {
  if (startup.masterKey) keepGenerated(startup.masterKey, startup.store.dataDir);
}

/** Writes a JWT secret `resolveStartup` generated; call it once the store accepted its master key. */
export function keepGeneratedJwtSecret(startup: Startup): void {
  if (startup.jwtSecret) keepGenerated(startup.jwtSecret, startup.store.dataDir);
}
