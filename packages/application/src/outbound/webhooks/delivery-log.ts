/** Where one delivery stands. */
export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'RETRYING' | 'DEAD_LETTERED';

/** One event's delivery to one subscription: never the secret, never the body. */
export interface DeliveryRecord {
  readonly subscriptionId: string;
  /** The CloudEvent id, sent as `webhook-id`: a redelivery carries the same one. */
  readonly webhookId: string;
  readonly eventType: string;
  readonly subject: string;
  readonly checkpoint: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastError?: string;
  readonly responseCode?: number;
  readonly updatedAt: string;
}

/**
 * The latest deliveries of each tenant, newest last, bounded per tenant; dead letters are
 * also events in the log, so they are learnt again after a restart.
 */
export class DeliveryLog {
  private readonly byTenant = new Map<string, Map<string, DeliveryRecord>>();

  constructor(private readonly capacityPerTenant = 10_000) {}

  /** Records (or updates) a delivery. */
  record(tenantId: string, entry: DeliveryRecord): void {
    let entries = this.byTenant.get(tenantId);
    if (!entries) this.byTenant.set(tenantId, (entries = new Map()));
    const key = `${entry.subscriptionId}/${entry.webhookId}`;
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > this.capacityPerTenant) entries.delete(entries.keys().next().value!);
  }

  /** The tenant's deliveries, newest first, optionally of one subscription or status. */
  list(
    tenantId: string,
    filter: { subscriptionId?: string; status?: DeliveryStatus } = {},
  ): DeliveryRecord[] {
    const all = [...(this.byTenant.get(tenantId)?.values() ?? [])].reverse();
    return all.filter(
      (entry) =>
        (filter.subscriptionId === undefined || entry.subscriptionId === filter.subscriptionId) &&
        (filter.status === undefined || entry.status === filter.status),
    );
  }
}
