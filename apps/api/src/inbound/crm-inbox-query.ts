import { PAGE_SIZE, type CrmInboxStatus, type PageRequest } from '@vouch/application';

const STATUSES: readonly CrmInboxStatus[] = ['PARKED', 'APPLIED', 'DISMISSED'];
/** As long as the GraphQL `after` argument may be. */
const MAX_CURSOR_LENGTH = 500;

/** A query parameter of the REST inbox that cannot be used: a 400 BAD_USER_INPUT naming it, never echoing it. */
export class BadQueryParameter extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`The input is invalid. ${field}: ${reason}.`);
    this.name = 'BadQueryParameter';
  }
}

/** What `GET /integrations/crm/inbox` asks for: a status and a forward page, as the GraphQL `crmInbox` takes them. */
export interface CrmInboxQuery {
  readonly status: CrmInboxStatus;
  readonly page: PageRequest;
}

/**
 * Reads `?status=&first=&after=` (each at most once): status PARKED, APPLIED or DISMISSED
 * (default PARKED), `first` 1..100 (default 20), `after` a cursor of an earlier page. The
 * inbox reads forward only, so `last` and `before` are refused rather than ignored.
 */
export function crmInboxQuery(query: Readonly<Record<string, unknown>>): CrmInboxQuery {
  for (const field of ['last', 'before'] as const) {
    if (query[field] !== undefined) {
      throw new BadQueryParameter(field, 'the inbox reads forward only: use "first" and "after"');
    }
  }
  const status = single(query, 'status');
  const first = single(query, 'first');
  const after = single(query, 'after');
  if (status !== undefined && !STATUSES.some((s) => s === status)) {
    throw new BadQueryParameter('status', `is not one of ${STATUSES.join(', ')}`);
  }
  if (
    first !== undefined &&
    !(/^\d{1,3}$/.test(first) && Number(first) >= 1 && Number(first) <= PAGE_SIZE.max)
  ) {
    throw new BadQueryParameter('first', `must be a whole number from 1 to ${PAGE_SIZE.max}`);
  }
  if (after !== undefined && (after.length === 0 || after.length > MAX_CURSOR_LENGTH)) {
    throw new BadQueryParameter('after', 'is not a cursor of the CRM inbox');
  }
  return {
    status: (status as CrmInboxStatus | undefined) ?? 'PARKED',
    page: {
      ...(first !== undefined ? { first: Number(first) } : {}),
      ...(after !== undefined ? { after } : {}),
    },
  };
}

/** A parameter given at most once, as text (Express parses `?a=1&a=2` to an array, `?a[b]=1` to an object). */
function single(query: Readonly<Record<string, unknown>>, field: string): string | undefined {
  const value = query[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadQueryParameter(field, 'must be given once, as text');
  return value;
}
