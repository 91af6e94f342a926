import type { Response } from 'express';

/** The typed refusals of the inbound endpoints, with their HTTP status. */
export const INBOUND_REFUSALS = {
  UNKNOWN_TENANT: 404,
  BAD_SIGNATURE: 401,
  STALE_TIMESTAMP: 401,
  REPLAYED: 409,
  MALFORMED_PAYLOAD: 400,
} as const;
export type InboundRefusal = keyof typeof INBOUND_REFUSALS;

const MESSAGES: Record<InboundRefusal, string> = {
  UNKNOWN_TENANT: 'No inbound integration is configured for this tenant.',
  BAD_SIGNATURE: 'The signature is missing or does not match the body.',
  STALE_TIMESTAMP: 'The signed timestamp is too far from now; sign the request again.',
  REPLAYED: 'This signed request was already received.',
  MALFORMED_PAYLOAD: 'The payload is not an event Vouch understands.',
};

/** Answers a refusal (nothing was written) in the API's error shape. */
export function refuse(
  res: Response,
  code: InboundRefusal,
  extra: Readonly<Record<string, unknown>> = {},
): void {
  res
    .status(INBOUND_REFUSALS[code])
    .json({ errors: [{ message: MESSAGES[code], extensions: { code, ...extra } }] });
}
