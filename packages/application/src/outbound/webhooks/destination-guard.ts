import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { ValidationError } from '@vouch/domain';

/** What the operator allows beyond public addresses (`VOUCH_WEBHOOK_ALLOW_LOOPBACK`, `VOUCH_WEBHOOK_ALLOW_HOSTS`). */
export interface DestinationPolicy {
  /** Loopback (127.0.0.0/8, ::1) is allowed: for tests and a receiver on the same host. */
  readonly allowLoopback?: boolean;
  /** Host names (exact, lower case) allowed whatever they resolve to: an internal receiver the operator trusts. */
  readonly allowHosts?: readonly string[];
  /** Resolves a host to its addresses; default the system resolver (all addresses). */
  readonly resolve?: (host: string) => Promise<string[]>;
}

/** The host resolved and every address checked: where a delivery may connect. */
export interface CheckedDestination {
  readonly url: URL;
  readonly addresses: readonly string[];
}

const systemResolve = async (host: string): Promise<string[]> =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Why an address is not a public unicast one (private, loopback, link-local — which covers
 * the 169.254.169.254 metadata service —, unique-local, multicast, IPv4-mapped IPv6, ...),
 * or undefined when it is public.
 */
export function refusedRange(address: string, policy: DestinationPolicy = {}): string | undefined {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const parsed = ipaddr.parse(address);
  const range = parsed.range();
  if (range === 'unicast') return undefined;
  if (range === 'loopback' && policy.allowLoopback) return undefined;
  return range;
}

function refuse(message: string): never {
  throw new ValidationError([{ field: 'url', message }]);
}

/**
 * Checks a webhook URL before a subscription is made and again before every delivery (the
 * DNS answer may have changed since): http(s) only, no credentials in it, and every address
 * the host resolves to must be public unless the operator allowed it. Refusals are
 * VALIDATION_FAILED on `url`, naming the range, never the address.
 */
export async function checkDestination(
  raw: string,
  policy: DestinationPolicy = {},
): Promise<CheckedDestination> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('is not an absolute URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') refuse('must use https (or http).');
  if (url.username || url.password) refuse('must not carry credentials.');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (policy.allowHosts?.includes(host)) {
    return { url, addresses: ipaddr.isValid(host) ? [host] : await (policy.resolve ?? systemResolve)(host) };
  }
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : await (policy.resolve ?? systemResolve)(host);
  } catch {
    return refuse('names a host that does not resolve.');
  }
  if (addresses.length === 0) refuse('names a host that does not resolve.');
  for (const address of addresses) {
    const range = refusedRange(address, policy);
    if (range !== undefined) refuse(`resolves to a ${range} address, which webhooks may not reach.`);
  }
  return { url, addresses };
}
