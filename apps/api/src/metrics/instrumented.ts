import type { Vouch } from '@vouch/application';
import type { EventStore } from '@vouch/event-store';
import type { VouchMetrics } from './vouch-metrics';

/** The facade with every command's outcome counted by type and code. */
export function countingCommands(vouch: Vouch, metrics: VouchMetrics): Vouch {
  return {
    ...vouch,
    async execute(principal, command) {
      try {
        const result = await vouch.execute(principal, command);
        metrics.countCommand(command.type);
        return result;
      } catch (error) {
        metrics.countCommand(command.type, error);
        throw error;
      }
    },
  };
}

/**
 * The store with its appends timed. A proxy, so every other method (and `instanceof`)
 * is the store's own; methods run on the store itself, private fields included.
 */
export function timingAppends<S extends EventStore>(store: S, metrics: VouchMetrics): S {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property !== 'append') return (value as (...args: unknown[]) => unknown).bind(target);
      return async (...args: unknown[]) => {
        const end = metrics.appendDuration.startTimer();
        try {
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          end({ outcome: 'ok' });
          return result;
        } catch (error) {
          end({ outcome: 'failed' });
          throw error;
        }
      };
    },
  });
}
