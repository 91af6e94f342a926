import { describeSuppressionCause } from '../policies/suppression-policy';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import type { ActiveSuppression } from './account-suppression-state';

/**
 * The suppression gate: while a suppression rule holds for the advocate's account (renewal
 * near, health low, escalation open), the advocate is not asked; the error names each rule
 * and the value that makes it hold.
 */
export function requireAccountNotSuppressed(
  advocateId: string,
  suppressions: readonly ActiveSuppression[],
): void {
  if (suppressions.length === 0) return;
  const why = suppressions.map((s) => describeSuppressionCause(s.cause)).join('; ');
  throw new DomainError(
    DomainErrorCode.ACCOUNT_SUPPRESSED,
    `Advocate ${advocateId} cannot be asked while their account is suppressed: ${why}. Choose another advocate, or ask again once it is lifted.`,
    {
      advocateId,
      rules: suppressions.map((s) => s.rule),
      since: suppressions.map((s) => s.since),
    },
  );
}
