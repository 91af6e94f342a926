import { ConfigError } from '../src/config/config-error';
import { tracingConfig } from '../src/config/tracing-config';

describe('tracing configuration (VOUCH_TRACING, OTEL_EXPORTER_OTLP_*)', () => {
  it('is off when nothing is configured', () => {
    expect(tracingConfig({})).toBeUndefined();
    expect(tracingConfig({ VOUCH_TRACING: '' })).toBeUndefined();
  });

  it('is on with VOUCH_TRACING=otlp, to the OpenTelemetry default collector', () => {
    expect(tracingConfig({ VOUCH_TRACING: 'otlp' })).toEqual({
      url: 'http://localhost:4318/v1/traces',
      headers: {},
      serviceName: 'vouch',
    });
  });

  it('is on when an OTLP endpoint is set: the base gets /v1/traces, the traces endpoint is used as is', () => {
    expect(tracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example:4318/' })?.url).toBe(
      'https://otel.example:4318/v1/traces',
    );
    expect(
      tracingConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/ingest',
      })?.url,
    ).toBe('https://traces.example/ingest');
  });

  it('stays off with VOUCH_TRACING=off or OTEL_SDK_DISABLED=true whatever endpoint is set', () => {
    expect(
      tracingConfig({ VOUCH_TRACING: 'off', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }),
    ).toBeUndefined();
    expect(
      tracingConfig({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }),
    ).toBeUndefined();
  });

  it('reads headers (URL-encoded values) and the service name', () => {
    expect(
      tracingConfig({
        VOUCH_TRACING: 'OTLP',
        OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc%3D%3D, tenant=ops',
        OTEL_SERVICE_NAME: 'vouch-eu',
      }),
    ).toEqual({
      url: 'http://localhost:4318/v1/traces',
      headers: { 'x-api-key': 'abc==', tenant: 'ops' },
      serviceName: 'vouch-eu',
    });
  });

  it.each([
    [{ VOUCH_TRACING: 'jaeger' }, 'VOUCH_TRACING must be off or otlp (got "jaeger")'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, 'must be an http(s) URL'],
    [{ VOUCH_TRACING: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, 'gRPC is not supported'],
    [{ VOUCH_TRACING: 'otlp', OTEL_EXPORTER_OTLP_HEADERS: 'no-equals-sign' }, 'key=value pairs'],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => tracingConfig(env)).toThrow(ConfigError);
    expect(() => tracingConfig(env)).toThrow(message);
  });

  it('never repeats a header value in its refusal (it is usually a secret)', () => {
    expect(() =>
      tracingConfig({ VOUCH_TRACING: 'otlp', OTEL_EXPORTER_OTLP_HEADERS: 'ok=1,=s3cr3t' }),
    ).toThrow(/^(?!.*s3cr3t)/s);
  });
});
