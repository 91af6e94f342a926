import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../src';
import { graphql, newCommandId as id } from './support/graphql-client';
import { mustMutate } from './support/mutations';
import { startTestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

// Tracing is off by default: a server built without a tracer creates no span at all, even
// when the host process has a tracer provider registered for its own spans.

describe('a server without a tracer', () => {
  it('leaves OpenTelemetry as it found it: no provider, so every span is a no-op', async () => {
    const t = await startTestServer();
    try {
      const pm = await tokenFor('off', 'pat', ['PROGRAM_MANAGER']);
      expect((await graphql(t.url, 'query Who { viewer { userId } }', {}, pm)).status).toBe(200);
      const span = trace.getTracer('probe').startSpan('probe');
      expect(span.isRecording()).toBe(false);
      span.end();
    } finally {
      await t.close();
    }
  });

  it('makes no span of its own when the host traces with a provider of its own', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = await startTracing({ exporter, exportEachSpan: true });
    const t = await startTestServer();
    try {
      const pm = await tokenFor('off', 'pat', ['PROGRAM_MANAGER']);
      await mustMutate(t.url, pm, 'registerAccount', {
        commandId: id(),
        accountId: 'acme',
        name: 'Acme',
        industry: 'Manufacturing',
        segment: 'ENTERPRISE',
        region: 'EMEA',
        products: ['Planner'],
        ownerId: 'olga',
      });
      expect((await graphql(t.url, 'query Who { viewer { userId } }', {}, pm)).status).toBe(200);
      // The host's own span is recorded: the provider works, the server just made none.
      tracing.tracer.startSpan('host work').end();
      await tracing.flush();
      expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['host work']);
    } finally {
      await t.close();
      await tracing.shutdown();
    }
  });
});
