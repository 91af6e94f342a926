import type { Role } from '@vouch/domain';
import type { Grant, Relationship } from './grants';

const ROLE_NAMES: Readonly<Record<Role, string>> = {
  PROGRAM_MANAGER: 'program managers',
  ACCOUNT_OWNER: 'account owners',
  REQUESTER: 'requesters',
  AUDITOR: 'auditors',
  ADMIN: 'admins',
};

// How each relationship reads after the role's name.
const RELATIONSHIP_PHRASES: Readonly<Record<Relationship, string>> = {
  ANY: '',
  ACTS_FOR_ACCOUNT: 'for their own accounts (or those delegated to them)',
  OWNS_ACCOUNT: 'who own the account themselves',
  REQUESTED_IT: 'who submitted the request',
  APPROVES_ITS_ASKS: 'whose approval the ask waits for',
  WISHED_IT: 'who made the wish',
};

// Roles in the order a reader looks for them.
const ROLE_ORDER: readonly Role[] = ['PROGRAM_MANAGER', 'ADMIN', 'ACCOUNT_OWNER', 'REQUESTER', 'AUDITOR'];

/** One role's part of the sentence, e.g. "account owners for their own accounts". */
function rolePhrase(role: Role, relationships: readonly Relationship[]): string {
  const phrases = relationships.map((relationship) => RELATIONSHIP_PHRASES[relationship]);
  if (phrases.includes('')) return ROLE_NAMES[role];
  return `${ROLE_NAMES[role]} ${phrases.join(' or ')}`;
}

/**
 * Who may run an operation, as a sentence derived from its grant (e.g. "Who may: program
 * managers; account owners for their own accounts (or those delegated to them)."). Anyone
 * else meets FORBIDDEN; a role whose relationship does not hold meets NOT_FOUND.
 */
export function whoMay(grant: Grant): string {
  const parts = ROLE_ORDER.filter((role) => (grant[role]?.length ?? 0) > 0).map((role) =>
    rolePhrase(role, grant[role] ?? []),
  );
  return parts.length === 0 ? 'Who may: nobody.' : `Who may: ${parts.join('; ')}.`;
}
