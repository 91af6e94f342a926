import type { Role } from '@vouch/domain';

/** The Vouch user a chat user acts as. */
export interface ChatUserMapping {
  readonly userId: string;
  readonly roles: readonly Role[];
}

/** One tenant's chat workspace: its signing secret, and who its chat users are in Vouch. */
export interface ChatTenantOptions {
  readonly signingSecret: string;
  /** Chat user id (Slack `user_id`) → Vouch principal; unmapped users are refused. */
  readonly users: Readonly<Record<string, ChatUserMapping>>;
}

/** Inbound integrations: the CRM endpoint, meeting attendance and chat intake. Off unless configured. */
export interface InboundOptions {
  /** Tenant id → the secret the CRM signs its deliveries to that tenant with. */
  readonly crmSecrets?: Readonly<Record<string, string>>;
  /** Tenant id → the secret a meeting provider signs its attendance signals to that tenant with. */
  readonly meetingSecrets?: Readonly<Record<string, string>>;
  /** Tenant id → its chat workspace. */
  readonly chat?: Readonly<Record<string, ChatTenantOptions>>;
  /** How far a signed timestamp may be from now; default 300 s. */
  readonly toleranceSeconds?: number;
  /** How often parked CRM events are retried for accounts that appeared; default 60 000 ms, 0 = only by hand. */
  readonly parkedRetryMs?: number;
  /** The currency of a chat request whose deal Vouch does not know yet; default USD. */
  readonly chatCurrency?: string;
  /** Wall-clock milliseconds, for the signature timestamps; default `Date.now`. */
  readonly nowMs?: () => number;
}
