import { LeasedJob, type AcquireJobLease, type LeasedJobEvent, type Vouch } from '@vouch/application';

/** The lease a tenant's background work (process managers, due work, read-model writes, digests) runs under. */
export const backgroundLeaseName = (tenantId: string): string => `vouch:background:${tenantId}`;

/** The background work of several tenants, each run by whichever instance holds its lease. */
export interface LeasedBackground {
  /** Whether this instance runs the tenant's background work now. */
  holds(tenantId: string): boolean;
  stop(): Promise<void>;
}

/**
 * Runs the facade's background work of each tenant only while this instance holds the
 * tenant's lease. The facade starts and stops all its tenants together, so a lost lease
 * stops everything and restarts the tenants still held; changes run one at a time.
 */
export function startLeasedBackground(
  vouch: Vouch,
  tenants: readonly string[],
  acquire: AcquireJobLease,
  onEvent: (event: LeasedJobEvent & { readonly tenantId: string }) => void,
): LeasedBackground {
  const jobs = new Map<string, LeasedJob>();
  let queue: Promise<unknown> = Promise.resolve();
  let stopping = false;
  const serially = (work: () => Promise<void>): Promise<void> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  const heldExcept = (tenantId: string) =>
    [...jobs].filter(([id, job]) => id !== tenantId && job.isHolding()).map(([id]) => id);

  for (const tenantId of new Set(tenants)) {
    const job = new LeasedJob({
      name: backgroundLeaseName(tenantId),
      acquire,
      start: () => serially(() => vouch.start([tenantId])),
      stop: () =>
        serially(async () => {
          await vouch.stop();
          const others = heldExcept(tenantId);
          if (!stopping && others.length > 0) await vouch.start(others);
        }),
      onEvent: (event) => onEvent({ ...event, tenantId }),
    });
    jobs.set(tenantId, job);
    job.start();
  }
  return {
    holds: (tenantId) => jobs.get(tenantId)?.isHolding() ?? false,
    async stop() {
      stopping = true;
      await Promise.all([...jobs.values()].map((job) => job.stop()));
    },
  };
}
