import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess, spawnCli } from './support/cli-process';

// `vouch serve` exporting traces to a real OTLP/HTTP receiver on loopback: a tiny HTTP
// server in the test that decodes what the exporter posts (OTLP/JSON), as a collector would.

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
  boolValue?: boolean;
  arrayValue?: { values: OtlpValue[] };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: OtlpValue }[];
}
interface OtlpExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: OtlpValue }[] };
    scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[];
  }[];
}

/** A loopback OTLP/HTTP receiver that keeps every request. */
async function startReceiver(): Promise<{ origin: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const attribute = (attributes: OtlpSpan['attributes'], key: string): unknown => {
  const value = attributes.find((a) => a.key === key)?.value;
  if (!value) return undefined;
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.boolValue ?? value.arrayValue;
};

const ADVOCATE_NAME = 'Ingrid Tracewell';
const ADVOCATE_EMAIL = 'ingrid.tracewell@northwind.example';

/** Serves with `env`, runs a small workload over HTTP with a traceparent, and stops with SIGTERM. */
async function serveWorkload(
  dataDir: string,
  env: Record<string, string>,
  traceId: string,
  onStopped: (stdout: string) => void = () => undefined,
): Promise<void> {
  const server = spawnCli(
    ['serve', '--data-dir', dataDir, '--port', '0', '--environment', 'development'],
    env,
  );
  try {
    const [, origin] = (await server.waitFor(/Vouch API: (http:\/\/[^/\s]+)\/graphql/)) as [string, string];
    const token = await runCliProcess([
      'token',
      '--data-dir',
      dataDir,
      '--user',
      'pat.pm',
      '--roles',
      'PROGRAM_MANAGER',
    ]);
    expect(token.code).toBe(0);
    const post = async (query: string, input: Record<string, unknown>) => {
      const response = await fetch(`${origin}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token.stdout.trim()}`,
          traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
        },
        body: JSON.stringify({ query, variables: { input } }),
      });
      const body = (await response.json()) as { errors?: unknown };
      expect(body.errors).toBeUndefined();
    };
    await post(
      'mutation Register($input: RegisterAccountInput!) { registerAccount(input: $input) { version } }',
      {
        commandId: `register-${traceId}`,
        accountId: 'northwind',
        name: 'Northwind',
        industry: 'Logistics',
        segment: 'ENTERPRISE',
        region: 'EMEA',
        products: ['Planner'],
        ownerId: 'olga-ae',
      },
    );
    await post('mutation Enrol($input: EnrolAdvocateInput!) { enrolAdvocate(input: $input) { version } }', {
      commandId: `enrol-${traceId}`,
      advocateId: 'ingrid',
      accountId: 'northwind',
      name: ADVOCATE_NAME,
      email: ADVOCATE_EMAIL,
      title: 'Head of Logistics',
      seniority: 'DIRECTOR',
      products: ['Planner'],
      useCases: ['planning'],
      languages: ['en'],
      topics: ['rollout'],
    });
  } finally {
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    onStopped(server.stdout());
  }
}

describe('vouch serve with OpenTelemetry tracing', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const dirs: string[] = [];
  const newDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-tracing-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('exports the spans of a workload to the configured OTLP/HTTP endpoint', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    receiver.received.length = 0;
    await serveWorkload(
      newDataDir(),
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.origin,
        OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=secret%3D1',
        OTEL_SERVICE_NAME: 'vouch-under-test',
      },
      traceId,
    );
    expect(receiver.received.length).toBeGreaterThan(0);
    for (const request of receiver.received) {
      expect(request.path).toBe('/v1/traces');
      expect(request.headers['content-type']).toMatch(/^application\/json/);
      expect(request.headers['x-collector-key']).toBe('secret=1');
    }
    const exports = receiver.received.map((r) => JSON.parse(r.body.toString('utf8')) as OtlpExport);
    const resources = exports.flatMap((e) => e.resourceSpans);
    expect(attribute(resources[0]!.resource.attributes, 'service.name')).toBe('vouch-under-test');
    const spans = resources.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const inTrace = spans.filter((s) => s.traceId === traceId);

    const register = inTrace.find((s) => s.name === 'mutation Register')!;
    expect(register).toBeDefined();
    expect(register.parentSpanId).toBe('00f067aa0ba902b7');
    const command = inTrace.find((s) => s.name === 'command RegisterAccount')!;
    expect(command.parentSpanId).toBe(register.spanId);
    expect(attribute(command.attributes, 'vouch.command.outcome')).toBe('ok');
    const append = inTrace.find((s) => s.name === 'store append' && s.parentSpanId === command.spanId)!;
    expect(attribute(append.attributes, 'db.system')).toBe('sqlite');
    expect(attribute(append.attributes, 'vouch.stream.category')).toBe('account');
    expect(inTrace.map((s) => s.name)).toEqual(
      expect.arrayContaining(['mutation Enrol', 'command EnrolAdvocate']),
    );

    // The bytes on the wire name no one.
    const wire = Buffer.concat(receiver.received.map((r) => r.body)).toString('utf8');
    expect(wire).toContain('EnrolAdvocate');
    expect(wire).not.toContain(ADVOCATE_NAME);
    expect(wire).not.toContain(ADVOCATE_EMAIL);
    expect(wire).not.toContain('ingrid');
  }, 120_000);

  it('sends nothing with VOUCH_TRACING=off, even with an endpoint configured', async () => {
    receiver.received.length = 0;
    await serveWorkload(
      newDataDir(),
      { VOUCH_TRACING: 'off', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.origin },
      '1af7651916cd43dd8448eb211c80319c',
    );
    expect(receiver.received).toEqual([]);
  }, 120_000);

  // (In a separate process: the OTLP exporter loads `http` with a dynamic import(), which
  // jest's module sandbox refuses, so an export from inside jest always fails.)
  it('logs a warning when the collector is down, and still serves and stops cleanly', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const logs: string[] = [];
    await serveWorkload(
      newDataDir(),
      { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` },
      '2af7651916cd43dd8448eb211c80319c',
      (stdout) => logs.push(stdout),
    );
    const warnings = logs
      .join('')
      .split('\n')
      .filter((line) => line.includes('"msg":"tracing: '));
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]).toMatch(/"level":40.*"msg":"tracing: span export failed: .*ECONNREFUSED/);
    expect(warnings.join('\n')).not.toContain(ADVOCATE_NAME);
  }, 120_000);

  it('refuses a wrong VOUCH_TRACING value before it starts (exit code 2)', async () => {
    const run = await runCliProcess(
      ['serve', '--data-dir', newDataDir(), '--port', '0', '--environment', 'development'],
      {
        VOUCH_TRACING: 'jaeger',
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('VOUCH_TRACING must be off or otlp (got "jaeger")');
  }, 60_000);
});
