import { ConfigError } from './config-error';

type Env = Readonly<Record<string, string | undefined>>;

export const ENVIRONMENTS = ['development', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** Where and how the API listens. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly environment: Environment;
  /** Browser origins allowed to call the API cross-origin; none by default. */
  readonly corsOrigins: readonly string[];
  /** Express's `trust proxy`: false (default), a hop count, or proxy addresses/CIDRs/names. */
  readonly trustProxy: boolean | number | readonly string[];
}

export interface ServerFlags {
  readonly port?: string;
  readonly host?: string;
  readonly environment?: string;
  readonly corsOrigin?: readonly string[];
  readonly trustProxy?: string;
}

/** Express's named ranges for `trust proxy`, besides addresses and CIDRs. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const PROXY_ADDRESS = /^[0-9a-fA-F:.]+(\/\d{1,3})?$/;

/** `https://app.example.com` (scheme, host, optional port; nothing else), or undefined. */
function originOf(text: string): string | undefined {
  try {
    const url = new URL(text);
    if (!['http:', 'https:'].includes(url.protocol) || url.origin !== text.replace(/\/$/, ''))
      return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** Validates port, host, environment, CORS origins and trusted proxies; throws ConfigError listing every wrong value. */
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

  const corsName = flags.corsOrigin !== undefined ? '--cors-origin' : 'VOUCH_CORS_ORIGINS';
  const corsTexts = flags.corsOrigin ?? (env.VOUCH_CORS_ORIGINS ?? '').split(',');
  const corsOrigins: string[] = [];
  for (const text of corsTexts.map((t) => t.trim()).filter(Boolean)) {
    const origin = originOf(text);
    if (origin) corsOrigins.push(origin);
    else issues.push(`${corsName} must list origins like https://app.example.com (got "${text}").`);
  }

  const proxyName = flags.trustProxy !== undefined ? '--trust-proxy' : 'VOUCH_TRUST_PROXY';
  const proxyText = (flags.trustProxy ?? env.VOUCH_TRUST_PROXY ?? 'false').trim();
  let trustProxy: ServerConfig['trustProxy'];
  if (proxyText === 'true' || proxyText === 'false') {
    trustProxy = proxyText === 'true';
  } else if (/^\d{1,2}$/.test(proxyText)) {
    trustProxy = Number(proxyText);
  } else {
    const proxies = proxyText
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const wrong = proxies.filter((p) => !PROXY_NAMES.has(p) && !PROXY_ADDRESS.test(p));
    if (proxies.length === 0 || wrong.length > 0) {
      issues.push(
        `${proxyName} must be false, true, a hop count, or addresses/CIDRs/loopback/linklocal/uniquelocal separated by commas (got "${proxyText}").`,
      );
    }
    trustProxy = proxies;
  }

  if (issues.length > 0) throw new ConfigError(issues);
  return { port, host, environment: environment!, corsOrigins, trustProxy };
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

/** The environment of a command that does not listen: VOUCH_ENVIRONMENT, else development. */
export function commandEnvironment(env: Env): Environment {
  return resolveEnvironment(undefined, env, 'development');
}
