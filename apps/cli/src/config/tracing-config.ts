import { ConfigError } from './config-error';

type Env = Readonly<Record<string, string | undefined>>;

/** Where `vouch serve` sends its traces, when tracing is on. */
export interface TracingConfig {
  /** The OTLP/HTTP traces URL. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly serviceName: string;
}

// The OpenTelemetry default: a collector on this host.
const DEFAULT_OTLP_TRACES_URL = 'http://localhost:4318/v1/traces';

/**
 * Tracing is off unless configured: VOUCH_TRACING=otlp, or an OTLP endpoint in
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (used as is) or OTEL_EXPORTER_OTLP_ENDPOINT (plus
 * `/v1/traces`). VOUCH_TRACING=off or OTEL_SDK_DISABLED=true keep it off whatever else is set.
 * OTEL_EXPORTER_OTLP_HEADERS (`key=value,...`) and OTEL_SERVICE_NAME (default `vouch`) apply.
 */
export function tracingConfig(env: Env): TracingConfig | undefined {
  const mode = env.VOUCH_TRACING?.trim().toLowerCase() || undefined;
  if (mode !== undefined && mode !== 'off' && mode !== 'otlp') {
    throw new ConfigError([`VOUCH_TRACING must be off or otlp (got "${env.VOUCH_TRACING}").`]);
  }
  if (mode === 'off' || env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || undefined;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || undefined;
  if (mode === undefined && traces === undefined && base === undefined) return undefined;
  const issues: string[] = [];
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL)?.trim();
  if (protocol === 'grpc') {
    issues.push(
      'OTLP over gRPC is not supported: point OTEL_EXPORTER_OTLP_ENDPOINT at the OTLP/HTTP port (4318).',
    );
  }
  const url = traces ?? (base ? `${base.replace(/\/+$/, '')}/v1/traces` : DEFAULT_OTLP_TRACES_URL);
  if (!isHttpUrl(url)) issues.push(`The OTLP traces endpoint must be an http(s) URL (got "${url}").`);
  const headers = parseHeaders(
    env.OTEL_EXPORTER_OTLP_TRACES_HEADERS ?? env.OTEL_EXPORTER_OTLP_HEADERS,
    issues,
  );
  if (issues.length > 0) throw new ConfigError(issues);
  return { url, headers, serviceName: env.OTEL_SERVICE_NAME?.trim() || 'vouch' };
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** `key=value,key2=value2` (values URL-encoded, as the OpenTelemetry spec has it). */
function parseHeaders(text: string | undefined, issues: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (text ?? '').split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    const key = at > 0 ? pair.slice(0, at).trim() : '';
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(key)) {
      // Not the pair itself: a header value is usually a secret.
      issues.push('OTEL_EXPORTER_OTLP_HEADERS must be key=value pairs separated by commas.');
      return headers;
    }
    try {
      headers[key] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      headers[key] = pair.slice(at + 1).trim();
    }
  }
  return headers;
}
