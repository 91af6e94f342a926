import type { Command, Decider, DecisionContext, DomainEvent } from '../../src';
import { DomainError } from '../../src';

/**
 * Given/when/then specifications for a decider: given past events, when a command is
 * decided, then these events are produced, or a domain error with this code is thrown.
 *
 *   given([consentGranted(...)]).when(reserveEngagement(...)).thenThrows('CONSENT_REQUIRED')
 */
export function specification<C extends Command, S, E extends DomainEvent, Ctx extends DecisionContext>(
  decider: Decider<C, S, E, Ctx>,
  context: () => Ctx,
) {
  return {
    given(history: readonly E[]) {
      return {
        when(command: C, overrides: Partial<Ctx> = {}) {
          const decide = (): E[] => {
            const state = history.reduce((s, e) => decider.evolve(s, e), decider.initialState);
            return decider.decide(command, state, { ...context(), ...overrides });
          };
          return {
            /** The exact events produced, in order. */
            then(expected: readonly E[]): void {
              expect(decide()).toEqual(expected);
            },
            /** Inspect the produced events (and the state they lead to) with any assertion. */
            thenEvents(assert: (events: E[], stateAfter: S) => void): void {
              const events = decide();
              const before = history.reduce((s, e) => decider.evolve(s, e), decider.initialState);
              assert(
                events,
                events.reduce((s, e) => decider.evolve(s, e), before),
              );
            },
            /** Refused with a domain error of this code; nothing is produced. */
            thenThrows(code: string, message?: RegExp): DomainError {
              let thrown: unknown;
              try {
                decide();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(DomainError);
              const error = thrown as DomainError;
              expect(error.code).toBe(code);
              if (message) expect(error.message).toMatch(message);
              return error;
            },
          };
        },
      };
    },
  };
}
