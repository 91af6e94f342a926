import type { ValidationError } from 'class-validator';

/** One problem with one input field, as clients get it in `extensions.issues`. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/**
 * class-validator's nested errors as flat issues with dotted paths (`input.opportunity.amount.currency`).
 * The messages name the rule, never the rejected value (values are not collected).
 */
export function issuesOf(errors: readonly ValidationError[], prefix = 'input'): FieldIssue[] {
  return errors.flatMap((error) => {
    const field = `${prefix}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...issuesOf(error.children ?? [], field)];
  });
}
