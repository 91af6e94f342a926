import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import { ApiErrorCode } from '../errors/error-codes';

/** A validation rule refusing documents with more than `maxAliases` aliased fields (alias amplification). */
export function aliasLimitRule(maxAliases: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    let reported = false;
    return {
      Field(node) {
        if (!node.alias) return;
        aliases += 1;
        if (aliases > maxAliases && !reported) {
          reported = true;
          context.reportError(
            new GraphQLError(`The document uses more than ${maxAliases} aliases.`, {
              nodes: [node],
              extensions: { code: ApiErrorCode.TOO_MANY_ALIASES },
            }),
          );
        }
      },
    };
  };
}
