import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, DomainErrorCode, type FieldIssue } from '@vouch/domain';
import { EventStoreError, EventStoreErrorCode } from '@vouch/event-store';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { ApiErrorCode } from './error-codes';
import { issuesOf } from './field-issues';

export interface ErrorFormatOptions {
  /** In development, unexpected errors keep their message; nothing is masked. */
  readonly development: boolean;
}

type Extensions = Record<string, unknown>;

const INTERNAL = 'Internal server error. Quote the request id when you report it.';

/** Codes of errors raised before execution (parse, validation, auth, limits) that are safe to show. */
const CLIENT_CODES = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  ApiErrorCode.UNAUTHENTICATED,
  ApiErrorCode.FORBIDDEN,
  ApiErrorCode.RATE_LIMITED,
  ApiErrorCode.QUERY_TOO_DEEP,
  ApiErrorCode.QUERY_TOO_COMPLEX,
  ApiErrorCode.TOO_MANY_ALIASES,
  ApiErrorCode.TOO_MANY_DIRECTIVES,
  ApiErrorCode.PAYLOAD_TOO_LARGE,
  ApiErrorCode.EXECUTION_TIMEOUT,
  ApiErrorCode.METHOD_NOT_ALLOWED,
]);

/**
 * Apollo's `formatError`: every error leaves with a stable `extensions.code` and without
 * stack traces. Domain codes pass through (validation as BAD_USER_INPUT with the field
 * issues); store outages are STORE_UNAVAILABLE; anything unexpected is masked. Outside
 * development, messages that would echo the client's input are cut to the schema's words.
 */
export function createErrorFormatter(options: ErrorFormatOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const shaped = (message: string, extensions: Extensions): GraphQLFormattedError => ({
      message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions,
    });

    if (original instanceof DomainError) {
      if (original.code === DomainErrorCode.VALIDATION_FAILED) {
        const issues = (original.details.issues ?? []) as FieldIssue[];
        return shaped(original.message, { code: ApiErrorCode.BAD_USER_INPUT, issues });
      }
      return shaped(original.message, { code: original.code, details: original.details });
    }
    if (original instanceof ArgumentValidationError) {
      const issues = issuesOf(original.extensions.validationErrors as never);
      const summary = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
      return shaped(`The input is invalid. ${summary}.`, { code: ApiErrorCode.BAD_USER_INPUT, issues });
    }
    if (original instanceof EventStoreError) return storeError(original, shaped, options);

    const code =
      limitCodeOf(error) ??
      uncodedClientErrorCode(original) ??
      (typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined);
    if (code && CLIENT_CODES.has(code)) {
      const { stacktrace: _stacktrace, exception: _exception, ...rest } = formatted.extensions ?? {};
      const extensions = { ...rest, code };
      if (options.development) return shaped(formatted.message, extensions);
      return shaped(...withoutEchoedInput(formatted.message, extensions));
    }
    return shaped(options.development ? formatted.message : INTERNAL, {
      code: ApiErrorCode.INTERNAL_SERVER_ERROR,
    });
  };
}

const LIMIT_CODES = new Set<unknown>([
  ApiErrorCode.QUERY_TOO_DEEP,
  ApiErrorCode.TOO_MANY_ALIASES,
  ApiErrorCode.TOO_MANY_DIRECTIVES,
]);

/** Apollo reports validation rules' errors as GRAPHQL_VALIDATION_FAILED; keep the limit's own code. */
function limitCodeOf(error: unknown): string | undefined {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  return original instanceof GraphQLError && LIMIT_CODES.has(original.extensions.code)
    ? String(original.extensions.code)
    : undefined;
}

/** graphql-js's uncoded messages for an argument that a variable's value made unusable. */
const ARGUMENT_VALUE_ERRORS = [
  /^Argument "[^"]+" of non-null type "[^"]+" must not be null\.$/,
  /^Argument "[^"]+" of required type "[^"]+" was provided the variable "\$[^"]+" which was not provided a runtime value\.$/,
  /^Argument "[^"]+" has invalid value /,
];

/**
 * Errors that Apollo and graphql-js raise without a code although the client caused them:
 * graphql-js's "Too many errors processing variables" (more than 50 coercion errors) and an
 * argument made unusable by a variable's value are bad input; Apollo's automatic-persisted-query refusals (unknown version, hash not matching the
 * text) carry only a 4xx status. Without this they would be masked as internal errors.
 */
function uncodedClientErrorCode(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError) || typeof error.extensions.code === 'string') return undefined;
  if (error.message.startsWith('Too many errors processing variables')) return ApiErrorCode.BAD_USER_INPUT;
  // After validation only a variable's value can make an argument unusable at run time, e.g.
  // `$flag: Boolean = false` sent as null into `@skip(if: $flag)`.
  if (ARGUMENT_VALUE_ERRORS.some((pattern) => pattern.test(error.message)))
    return ApiErrorCode.BAD_USER_INPUT;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? 'BAD_REQUEST' : undefined;
}

function storeError(
  error: EventStoreError,
  shaped: (message: string, extensions: Extensions) => GraphQLFormattedError,
  options: ErrorFormatOptions,
): GraphQLFormattedError {
  switch (error.code) {
    case EventStoreErrorCode.STORE_UNAVAILABLE:
      return shaped('The event store is unavailable. Nothing was written; retry the same command later.', {
        code: ApiErrorCode.STORE_UNAVAILABLE,
      });
    case EventStoreErrorCode.WRONG_EXPECTED_VERSION:
    case EventStoreErrorCode.IDEMPOTENCY_CONFLICT:
      return shaped('Someone else changed the same record at the same time. Retry the command.', {
        code: ApiErrorCode.CONFLICT,
      });
    case EventStoreErrorCode.TENANT_VIOLATION:
      return shaped('You may not act outside your tenant.', { code: ApiErrorCode.FORBIDDEN });
    case EventStoreErrorCode.INVALID_APPEND:
      // The store's own checks (an id longer than it keeps) refuse the client's input; its
      // message may quote ids the client sent, so outside development it is not echoed.
      return shaped(
        options.development
          ? error.message
          : 'An id or value is not one the event store can keep (ids are 1 to 512 characters). Nothing was written.',
        { code: ApiErrorCode.BAD_USER_INPUT },
      );
    case EventStoreErrorCode.SUBJECT_ERASED:
      return shaped('The personal data of this subject has been erased.', { code: error.code });
    default:
      return shaped(options.development ? error.message : INTERNAL, {
        code: ApiErrorCode.INTERNAL_SERVER_ERROR,
      });
  }
}

/** Schema-derived phrases of graphql-js messages that never contain a client's values. */
const SAFE_PHRASES = [
  /Expected type "[^"]+"/,
  /Field "[^"]+" is not defined by type "[^"]+"/,
  /Field "[^"]+" of required type "[^"]+" was not provided/,
  /Expected value of type "[^"]+"/,
];

/**
 * Variable and literal coercion messages quote the rejected value ("got invalid value
 * \"…\""); keep only where the value was and what the schema expected.
 */
function withoutEchoedInput(message: string, extensions: Extensions): [string, Extensions] {
  const echoes = /got invalid value|found |cannot represent/i.test(message);
  if (!echoes) return [message, extensions];
  const variable = /^Variable "(\$[^"]+)"/.exec(message)?.[1];
  const at = / at "([^"]+)"/.exec(message)?.[1];
  const expected = SAFE_PHRASES.map((phrase) => phrase.exec(message)?.[0]).filter(Boolean);
  const where = variable
    ? `Variable "${variable}" has an invalid value${at ? ` at "${at}"` : ''}`
    : 'An argument has an invalid value';
  const what = expected.length > 0 ? ` ${expected.join('; ')}.` : '';
  const field = at ?? variable?.slice(1);
  return [
    `${where}.${what}`,
    {
      ...extensions,
      ...(field ? { issues: [{ field, message: expected.join('; ') || 'has an invalid value' }] } : {}),
    },
  ];
}
