import type { Projection } from './projection';
import { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner';

/**
 * One runner per tenant, started on first use: every tenant's read models are kept apart
 * in memory, and a tenant nobody asks about costs nothing.
 */
export class TenantProjections<P extends Projection> {
  private readonly runners = new Map<string, Promise<ProjectionRunner<P>>>();

  constructor(private readonly options: Omit<ProjectionRunnerOptions<P>, 'tenantId'>) {}

  /** The started runner of a tenant (started and caught up on first call). */
  runner(tenantId: string): Promise<ProjectionRunner<P>> {
    let runner = this.runners.get(tenantId);
    if (!runner) {
      const created = new ProjectionRunner({ ...this.options, tenantId });
      runner = created.start().then(() => created);
      // A failed start must not be cached: the next call tries again.
      runner.catch(() => this.runners.delete(tenantId));
      this.runners.set(tenantId, runner);
    }
    return runner;
  }

  /** Stops every started runner, saving their snapshots. */
  async stopAll(): Promise<void> {
    const started = [...this.runners.values()];
    this.runners.clear();
    await Promise.all(started.map(async (r) => (await r.catch(() => undefined))?.stop()));
  }
}
