import type { Principal, Vouch } from '@vouch/application';
import type { Logger } from 'pino';
import type { TenantChangeFeed } from '../subscriptions/tenant-change-feed';

/** What every resolver gets: the verified principal, the facade and the request's logger. */
export interface ApiContext {
  /** From the verified token: tenant, user and roles never come from an operation's input. */
  readonly principal: Principal;
  readonly vouch: Vouch;
  /** The request id, echoed in the `x-request-id` header and in every log line of the request. */
  readonly requestId: string;
  readonly logger: Logger;
  /** The live events of the principal's tenant, for subscriptions (set on WebSocket connections). */
  readonly changes?: TenantChangeFeed;
}
