import { context, diag, DiagLogLevel, propagation, trace, type Tracer } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

/** The name Vouch's spans are recorded under (the instrumentation scope). */
export const VOUCH_TRACER_NAME = 'vouch';

/** Where spans go: an OTLP/HTTP endpoint, or an exporter of the host's own (tests use an in-memory one). */
export type TracingTarget =
  | {
      readonly otlp: {
        /** The traces URL, e.g. `http://collector:4318/v1/traces`. */
        readonly url: string;
        /** Extra request headers (an API key of the backend). */
        readonly headers?: Readonly<Record<string, string>>;
      };
    }
  | { readonly exporter: SpanExporter };

export type TracingOptions = TracingTarget & {
  /** `service.name` of the resource; default `vouch`. */
  readonly serviceName?: string;
  /** Export each span when it ends instead of in batches (tests); default batches. */
  readonly exportEachSpan?: boolean;
  /** Told when the SDK warns or fails (an export the collector refused or never answered); default silent. */
  readonly onProblem?: (message: string) => void;
};

/** Tracing that is on: the tracer Vouch's spans come from, and how to flush and stop it. */
export interface VouchTracing {
  readonly tracer: Tracer;
  /** Exports every span ended so far. A failed export is told to `onProblem`, never thrown. */
  flush(): Promise<void>;
  /**
   * Exports what is left, then stops tracing and unregisters the global context and
   * propagator. Never throws: a collector that is down must not fail a server's stop.
   */
  shutdown(): Promise<void>;
}

/**
 * Turns OpenTelemetry tracing on for this process: a tracer provider exporting to OTLP/HTTP
 * (or the given exporter), the AsyncLocalStorage context manager (so a store call's span is
 * the child of its command's) and the W3C `traceparent` propagator for incoming requests.
 * Without a call to this, no provider exists and every span is a no-op; the SDK is loaded
 * only here, so a server with tracing off never loads it.
 */
export async function startTracing(options: TracingOptions): Promise<VouchTracing> {
  const [
    { AsyncLocalStorageContextManager },
    { W3CTraceContextPropagator },
    { resourceFromAttributes },
    sdk,
  ] = await Promise.all([
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-base'),
  ]);
  const { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor } = sdk;
  const exporter =
    'exporter' in options
      ? options.exporter
      : new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter({
          url: options.otlp.url,
          headers: { ...options.otlp.headers },
        });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? 'vouch' }),
    spanProcessors: [
      options.exportEachSpan ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter),
    ],
  });
  const onProblem = options.onProblem;
  const report = (error: unknown) =>
    onProblem?.(`span export failed: ${(error as Error)?.message ?? String(error)}`);
  if (onProblem) {
    // The SDK reports a failed background export as the error's JSON (stack and all): keep its message.
    const tell = (message: string, ...args: unknown[]) => {
      const exported = errorMessageOf(message);
      onProblem(
        exported !== undefined
          ? `span export failed: ${exported}`
          : [message, ...args.map((a) => (a instanceof Error ? a.message : String(a)))].join(' '),
      );
    };
    const quiet = () => undefined;
    diag.setLogger({ error: tell, warn: tell, info: quiet, debug: quiet, verbose: quiet }, DiagLogLevel.WARN);
  }
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  let stopped = false;
  return {
    tracer: provider.getTracer(VOUCH_TRACER_NAME),
    flush: () => provider.forceFlush().catch(report),
    async shutdown() {
      if (stopped) return;
      stopped = true;
      await provider.shutdown().catch(report);
      trace.disable();
      propagation.disable();
      if (onProblem) diag.disable();
      context.disable();
    },
  };
}

/** The `message` of an error the SDK stringified as JSON, if that is what `text` is. */
function errorMessageOf(text: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    const message = (parsed as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}
