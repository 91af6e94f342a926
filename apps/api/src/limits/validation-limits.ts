import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { ApiErrorCode } from '../errors/error-codes';
import type { LimitsOptions } from './limits-options';

/** Reports a limit as a typed validation error instead of graphql-armor's uncoded throw. */
const refuse =
  (code: ApiErrorCode, message: string) =>
  (context: ValidationContext | null): void => {
    context?.reportError(new GraphQLError(message, { extensions: { code } }));
  };

/**
 * The document limits every operation passes before it runs, over HTTP and WebSocket alike:
 * depth, aliases and directives (graphql-armor's rules, which count a fragment once and reuse
 * its count at every spread, so their cost is linear in the document). Fragments do not add
 * depth of their own. Introspection's `__schema` is exempt from the depth limit in development,
 * where GraphiQL and codegen send the standard (deep) introspection query; in production
 * introspection is refused altogether.
 */
export function validationLimits(limits: LimitsOptions, options: { development: boolean }): ValidationRule[] {
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    maxDepthRule({
      ...common,
      n: limits.maxDepth,
      flattenFragments: true,
      ignoreIntrospection: options.development,
      onReject: [
        refuse(ApiErrorCode.QUERY_TOO_DEEP, `The operation is nested deeper than ${limits.maxDepth} levels.`),
      ],
    }),
    maxAliasesRule({
      ...common,
      n: limits.maxAliases,
      allowList: [],
      onReject: [
        refuse(ApiErrorCode.TOO_MANY_ALIASES, `The operation uses more than ${limits.maxAliases} aliases.`),
      ],
    }),
    maxDirectivesRule({
      ...common,
      n: limits.maxDirectives,
      onReject: [
        refuse(
          ApiErrorCode.TOO_MANY_DIRECTIVES,
          `The operation uses more than ${limits.maxDirectives} directives.`,
        ),
      ],
    }),
  ];
}
