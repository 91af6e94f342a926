import { AuthenticationError } from './authentication-error';

/** The token of an `Authorization: Bearer <token>` header; throws when there is none. */
export function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+([A-Za-z0-9\-_.~+/]+=*)\s*$/i.exec(header ?? '');
  if (!match?.[1]) throw new AuthenticationError();
  return match[1];
}
