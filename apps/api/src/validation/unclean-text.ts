import type { ApolloServerPlugin } from '@apollo/server';
import { UNCLEAN_TEXT_MESSAGE, uncleanTextPaths, isUncleanText } from '@vouch/domain';
import { GraphQLError, visit, type DocumentNode } from 'graphql';
import { ApiErrorCode } from '../errors/error-codes';

// A document's literals never change: Apollo hands the same parsed document to every request
// with the same text, so each is walked once (a walk was ≈ 2 % of a search request).
const literalsOf = new WeakMap<DocumentNode, readonly string[]>();

/** The argument paths (`input.name`) of string literals in the document that cannot be stored as they are. */
function uncleanLiterals(document: DocumentNode): readonly string[] {
  let found = literalsOf.get(document);
  if (found === undefined) literalsOf.set(document, (found = Object.freeze(walkLiterals(document))));
  return found;
}

function walkLiterals(document: DocumentNode): string[] {
  const path: string[] = [];
  const found: string[] = [];
  visit(document, {
    Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    StringValue(node) {
      if (isUncleanText(node.value)) found.push(path.join('.') || 'query');
    },
  });
  return found;
}

/**
 * BAD_USER_INPUT naming every field — variable path or literal argument — whose text holds
 * a NUL character or an unpaired surrogate (never echoing the value), or undefined when
 * every text is clean. Checked before anything runs, for queries as for mutations.
 */
export function uncleanTextError(
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): GraphQLError | undefined {
  const fields = [...uncleanTextPaths(variables ?? {}, ''), ...uncleanLiterals(document)];
  if (fields.length === 0) return undefined;
  const issues = fields.map((field) => ({ field, message: UNCLEAN_TEXT_MESSAGE }));
  return new GraphQLError(
    `The input is invalid. ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}.`,
    { extensions: { code: ApiErrorCode.BAD_USER_INPUT, issues, http: { status: 400 } } },
  );
}

/** Refuses an HTTP operation with unclean text in its variables or literals before it runs. */
export function cleanTextPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const error = uncleanTextError(document, request.variables);
          if (error) throw error;
        },
      };
    },
  };
}
