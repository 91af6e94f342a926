import { randomUUID } from 'node:crypto';
import type { Clock, EventStore, SignedHistoryReport } from '@vouch/event-store';
import { verifySignedHistory } from '@vouch/event-store';
import type { DigestKeeper } from './digest-keeper';
import { SLICE_CHECK_EVERY, timeSlices } from './time-slices';

/** A verification of a tenant's whole history, run off the request path and polled. */
export interface IntegrityVerificationJob {
  readonly id: string;
  readonly tenantId: string;
  readonly requestedBy: string;
  readonly status: 'RUNNING' | 'PASSED' | 'FAILED' | 'ERROR';
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly eventsChecked: number;
  /** The tenant's events when the job started (for progress). */
  readonly eventsTotal: number;
  readonly report?: SignedHistoryReport;
  /** Why it could not run to the end (ERROR). */
  readonly error?: string;
}

/**
 * Runs verifications of a tenant's history against its signed digests in time slices of
 * about 8 ms that yield to the event loop, so requests (and /healthz) keep being answered. One job per
 * tenant runs at a time: asking again while it runs returns the running job, so many
 * requests cannot multiply the work. Finished jobs are kept (the last few per tenant).
 */
export class IntegrityVerifications {
  private readonly jobs = new Map<string, IntegrityVerificationJob>();
  private readonly running = new Map<string, string>();
  private readonly byCommand = new Map<string, string>();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly digests: DigestKeeper | undefined,
  ) {}

  /**
   * Starts a verification of the tenant, or returns the one running (or the one this
   * command id started, while it is kept).
   */
  async start(tenantId: string, requestedBy: string, commandId: string): Promise<IntegrityVerificationJob> {
    const known = this.byCommand.get(JSON.stringify([tenantId, commandId]));
    if (known && this.jobs.has(known)) return this.jobs.get(known)!;
    const runningId = this.running.get(tenantId);
    if (runningId) return this.jobs.get(runningId)!;
    const id = randomUUID();
    this.byCommand.set(JSON.stringify([tenantId, commandId]), id);
    if (this.byCommand.size > 1000) this.byCommand.delete(this.byCommand.keys().next().value!);
    this.running.set(tenantId, id);
    let job: IntegrityVerificationJob = {
      id,
      tenantId,
      requestedBy,
      status: 'RUNNING',
      startedAt: this.clock(),
      eventsChecked: 0,
      eventsTotal: await this.countEvents(tenantId),
    };
    this.jobs.set(id, job);
    this.forgetOld(tenantId);
    const update = (change: Partial<IntegrityVerificationJob>) => {
      job = { ...job, ...change };
      this.jobs.set(id, job);
    };
    void this.run(tenantId, update).finally(() => this.running.delete(tenantId));
    return job;
  }

  /** A job of the tenant by id; undefined for another tenant's job or an unknown id. */
  find(tenantId: string, id: string): IntegrityVerificationJob | undefined {
    const job = this.jobs.get(id);
    return job?.tenantId === tenantId ? job : undefined;
  }

  private async run(tenantId: string, update: (change: Partial<IntegrityVerificationJob>) => void) {
    try {
      const digests = this.digests ? await this.digests.list(tenantId) : [];
      const publicKey = this.digests?.publicKey;
      const report: SignedHistoryReport = publicKey
        ? await verifySignedHistory(this.store, tenantId, digests, publicKey, {
            progressEvery: SLICE_CHECK_EVERY,
            onProgress: timeSlices(8, (eventsChecked) => update({ eventsChecked })),
          })
        : await this.chainsOnly(tenantId, update);
      update({ status: report.ok ? 'PASSED' : 'FAILED', report, finishedAt: this.clock() });
    } catch (error) {
      update({ status: 'ERROR', error: (error as Error).message, finishedAt: this.clock() });
    }
  }

  /** Without a signing key there are no signed digests: the chains are all that can be checked. */
  private async chainsOnly(
    tenantId: string,
    update: (change: Partial<IntegrityVerificationJob>) => void,
  ): Promise<SignedHistoryReport> {
    const chains = await this.store.verifyTenant(tenantId, {
      progressEvery: SLICE_CHECK_EVERY,
      onProgress: timeSlices(8, (eventsChecked) => update({ eventsChecked })),
    });
    return {
      ok: chains.ok,
      tenantId,
      digestsChecked: 0,
      anchoredSequences: [],
      chains,
      ...(chains.firstBroken
        ? {
            firstBreak: {
              kind: 'event' as const,
              event: chains.firstBroken,
              message: `${chains.firstBroken.streamId} v${chains.firstBroken.version}: ${chains.firstBroken.detail}`,
            },
          }
        : {}),
    };
  }

  /**
   * An estimate for progress from the latest signed digest: counting the log's heads here
   * would be one long synchronous query on SQLite, on the request path.
   */
  private async countEvents(tenantId: string): Promise<number> {
    const latest = await this.digests?.latest(tenantId);
    return latest ? latest.heads.reduce((sum, head) => sum + head.version, 0) : 0;
  }

  private forgetOld(tenantId: string): void {
    const ofTenant = [...this.jobs.values()].filter((job) => job.tenantId === tenantId);
    for (const job of ofTenant.slice(0, Math.max(0, ofTenant.length - 10))) this.jobs.delete(job.id);
  }
}
