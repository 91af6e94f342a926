/** Stable codes of every rule the domain can refuse a command for. */
export const DomainErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  FORBIDDEN: 'FORBIDDEN',
  CONSENT_REQUIRED: 'CONSENT_REQUIRED',
  FATIGUE_LIMIT: 'FATIGUE_LIMIT',
  OWNER_APPROVAL_REQUIRED: 'OWNER_APPROVAL_REQUIRED',
  ADVOCATE_UNAVAILABLE: 'ADVOCATE_UNAVAILABLE',
  PER_USE_APPROVAL_REQUIRED: 'PER_USE_APPROVAL_REQUIRED',
  REWARD_APPROVAL_REQUIRED: 'REWARD_APPROVAL_REQUIRED',
  REWARD_CAP_EXCEEDED: 'REWARD_CAP_EXCEEDED',
  ACCOUNT_HEALTH_BELOW_THRESHOLD: 'ACCOUNT_HEALTH_BELOW_THRESHOLD',
  ACCOUNT_SUPPRESSED: 'ACCOUNT_SUPPRESSED',
  COMMAND_ID_REUSED: 'COMMAND_ID_REUSED',
  SLOT_NOT_OFFERED: 'SLOT_NOT_OFFERED',
  CONTENT_EXPIRED: 'CONTENT_EXPIRED',
  CONTENT_USE_LIMIT_REACHED: 'CONTENT_USE_LIMIT_REACHED',
  REQUEST_MODE_NOT_ALLOWED: 'REQUEST_MODE_NOT_ALLOWED',
} as const;

export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

/** One problem with one field of a command's payload. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/**
 * A refusal by the domain: a stable `code` for programs, a message for people that says
 * what to do next, and structured `details` (never personal data).
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/** Thrown when a command's payload is malformed; lists every bad field at once. */
export class ValidationError extends DomainError {
  constructor(readonly issues: readonly FieldIssue[]) {
    super(
      DomainErrorCode.VALIDATION_FAILED,
      `The command is invalid: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}. Correct these fields and send it again.`,
      { issues },
    );
  }
}

/** Narrows an unknown thrown value to a DomainError with the given code. */
export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
