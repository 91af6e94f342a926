import { SpanKind, SpanStatusCode, type Attributes, type Tracer } from '@opentelemetry/api';
import type { EventStore } from '@vouch/event-store';
import { streamCategoryAttribute } from './span-attributes';

/** The database behind a store, as OpenTelemetry's `db.system` names it (`memory` for the in-memory store). */
export type DbSystem = 'sqlite' | 'postgresql' | 'eventstoredb' | 'memory';

type Method = keyof EventStore;

// The calls a request or a background step waits on; subscribe is long-lived and is traced
// through the steps it drives.
const TRACED: ReadonlySet<Method> = new Set<Method>([
  'append',
  'readStream',
  'readStreamForReplay',
  'readAll',
  'scanAll',
  'streamVersion',
  'streamExists',
  'streamHeads',
  'lastCheckpoint',
  'digest',
  'verifyStream',
  'verifyTenant',
  'forgetSubject',
]);

/** Attributes of a call from its arguments: counts and kinds, never ids or event data. */
function callAttributes(method: Method, args: readonly unknown[]): Attributes {
  const attributes: Attributes = {};
  if (typeof args[0] === 'string') attributes['vouch.tenant_id'] = args[0];
  if (
    ['append', 'readStream', 'readStreamForReplay', 'streamVersion', 'streamExists', 'verifyStream'].includes(
      method,
    )
  ) {
    attributes['vouch.stream.category'] = streamCategoryAttribute(String(args[1]));
  }
  if (method === 'append' && Array.isArray(args[2])) attributes['vouch.events.written'] = args[2].length;
  if (method === 'readAll' || method === 'scanAll') {
    const options = (args[1] ?? {}) as { limit?: number; types?: readonly string[] };
    if (typeof options.limit === 'number') attributes['vouch.read.limit'] = options.limit;
    if (options.types) attributes['vouch.read.types'] = options.types.length;
  }
  return attributes;
}

/** How many events a read returned. */
function resultAttributes(method: Method, result: unknown): Attributes {
  if (
    (method === 'readStream' || method === 'readStreamForReplay' || method === 'readAll') &&
    Array.isArray(result)
  )
    return { 'vouch.events.read': result.length };
  if (method === 'scanAll' && result && typeof result === 'object' && 'events' in result)
    return { 'vouch.events.read': (result as { events: unknown[] }).events.length };
  return {};
}

/**
 * The store with a client span around each call (append, readStream, a readAll page, ...):
 * `db.system`, the operation, the tenant, the stream's kind and counts. A proxy, so every
 * other member (and `instanceof`) is the store's own.
 */
export function tracingStore<S extends EventStore>(store: S, tracer: Tracer, dbSystem: DbSystem): S {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = property as Method;
      if (!TRACED.has(method)) return (value as (...args: unknown[]) => unknown).bind(target);
      return (...args: unknown[]) =>
        tracer.startActiveSpan(
          `store ${method}`,
          {
            kind: SpanKind.CLIENT,
            attributes: {
              'db.system': dbSystem,
              'db.system.name': dbSystem,
              'db.operation.name': method,
              ...callAttributes(method, args),
            },
          },
          async (span) => {
            try {
              const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(
                target,
                args,
              );
              span.setAttributes(resultAttributes(method, result));
              return result;
            } catch (error) {
              // The error's class, not its message: a message may quote a stream id.
              span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.name ?? 'Error' });
              throw error;
            } finally {
              span.end();
            }
          },
        );
    },
  });
}
