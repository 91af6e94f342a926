import type { ApolloServerPlugin } from '@apollo/server';
import { defaultFieldResolver, GraphQLError, isObjectType, type GraphQLSchema } from 'graphql';
import { ApiErrorCode } from '../errors/error-codes';

// The running operation's deadline, kept on its context (absent outside an HTTP execution).
const CLOCK = Symbol('vouch.executionDeadline');

interface Clock {
  readonly deadline: number;
  readonly timeoutMs: number;
  /** Set once the deadline is seen to have passed: by the timer, or by a resolver's own check. */
  expired: boolean;
  reported: boolean;
}

/**
 * Bounds how long a query or mutation runs: once `timeoutMs` has passed since execution
 * began, every field that has not started yet is refused with EXECUTION_TIMEOUT, so a slow
 * operation ends with what it has instead of holding its connection and the store.
 * graphql-js cannot stop a resolver already running; each one is bounded by the store's own
 * timeouts, and the next field does not start.
 *
 * The check wraps each field's resolver once, when the server starts, rather than through
 * Apollo's per-field plugin hook, whose dispatch (a listener list, a completion callback and a
 * promise check per field) cost more than the check itself on a page of 20 nodes. A field with a
 * resolver of its own (the ones that do work) reads the clock before it starts; a field that only
 * reads a property of its parent (most of a page: ≈ 145 fields for 20 search results) reads a flag
 * that a timer sets at the deadline, since reading the clock cost more than the property read
 * (≈ 0.2 µs each under load). Such fields start after the deadline only while the event loop has
 * not yet run the timer: within the synchronous completion already under way, which runs no
 * resolver of its own and is bounded by the operation's cost limit.
 */
export function executionTimeoutPlugin(timeoutMs: number): ApolloServerPlugin {
  return {
    async serverWillStart({ schema }) {
      checkDeadlineBeforeEveryField(schema);
    },
    async requestDidStart({ contextValue }) {
      return {
        async executionDidStart() {
          const clock: Clock = {
            deadline: performance.now() + timeoutMs,
            timeoutMs,
            expired: false,
            reported: false,
          };
          Object.defineProperty(contextValue, CLOCK, { value: clock, configurable: true });
          // Node fires a longer timer at once (1 ms): past that bound only the resolvers' clock reads apply.
          if (!(timeoutMs <= LONGEST_TIMER_MS)) return;
          const timer = setTimeout(expire, timeoutMs, clock).unref();
          return {
            async executionDidEnd() {
              clearTimeout(timer);
            },
          };
        },
      };
    },
  };
}

const LONGEST_TIMER_MS = 2 ** 31 - 1;

const WRAPPED = Symbol('vouch.deadlineChecked');

/** Makes every field of the schema's object types refuse to start once its operation's deadline passed. */
function checkDeadlineBeforeEveryField(schema: GraphQLSchema): void {
  const marked = schema as GraphQLSchema & { [WRAPPED]?: true };
  if (marked[WRAPPED]) return;
  marked[WRAPPED] = true;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      field.resolve =
        resolve === undefined
          ? (source, args, context, info) => {
              const clock = (context as { [CLOCK]?: Clock } | undefined)?.[CLOCK];
              if (clock !== undefined && clock.expired) throw timedOut(clock);
              return defaultFieldResolver(source, args, context, info);
            }
          : (source, args, context, info) => {
              const clock = (context as { [CLOCK]?: Clock } | undefined)?.[CLOCK];
              if (clock !== undefined && (clock.expired || performance.now() > clock.deadline)) {
                clock.expired = true;
                throw timedOut(clock);
              }
              return resolve(source, args, context, info);
            };
    }
  }
}

function expire(clock: Clock): void {
  clock.expired = true;
}

function timedOut(clock: Clock): GraphQLError {
  // One error says it; the fields after it resolve to null without repeating it.
  const error = new GraphQLError(
    clock.reported
      ? 'Not resolved: the operation ran out of time.'
      : `The operation ran longer than ${clock.timeoutMs} ms; the fields not yet resolved were dropped.`,
    { extensions: { code: ApiErrorCode.EXECUTION_TIMEOUT, timeoutMs: clock.timeoutMs } },
  );
  clock.reported = true;
  return error;
}
