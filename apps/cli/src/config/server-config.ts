import { ConfigError } from './config-error';

type Env = Readonly<Record<string, string | undefined>>;

export const ENVIRONMENTS = ['development', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** Where and how the API listens. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly environment: Environment;
}

export interface ServerFlags {
  readonly port?: string;
  readonly host?: string;
  readonly environment?: string;
}

/** Validates port, host and environment; throws ConfigError listing every wrong value. */
export function resolveServerConfig(
  flags: ServerFlags,
  env: Env,
  defaults: { readonly environment: Environment; readonly port: number },
): ServerConfig {
  const issues: string[] = [];
  const portText = flags.port ?? env.PORT;
  let port = defaults.port;
  if (portText !== undefined && portText !== '') {
    const parsed = Number(portText);
    if (!/^\d+$/.test(portText.trim()) || parsed > 65_535) {
      issues.push(
        `${flags.port !== undefined ? '--port' : 'PORT'} must be a whole number from 0 to 65535 (got "${portText}").`,
      );
    } else {
      port = parsed;
    }
  }
  const host = (flags.host ?? env.VOUCH_HOST ?? '127.0.0.1').trim();
  if (host === '' || /\s/.test(host))
    issues.push(`${flags.host !== undefined ? '--host' : 'VOUCH_HOST'} must be a host name or address.`);
  let environment: Environment | undefined;
  try {
    environment = resolveEnvironment(flags.environment, env, defaults.environment);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    issues.push(...error.issues);
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return { port, host, environment: environment! };
}

/**
 * The environment: the flag, else VOUCH_ENVIRONMENT, else the command's default. Outside
 * development secrets come from the environment only and must be strong.
 */
export function resolveEnvironment(flag: string | undefined, env: Env, fallback: Environment): Environment {
  const text = flag ?? (env.VOUCH_ENVIRONMENT || undefined) ?? fallback;
  const environment = ENVIRONMENTS.find((e) => e === text);
  if (!environment) {
    throw new ConfigError([
      `${flag !== undefined ? '--environment' : 'VOUCH_ENVIRONMENT'} must be development or production (got "${text}").`,
    ]);
  }
  return environment;
}
