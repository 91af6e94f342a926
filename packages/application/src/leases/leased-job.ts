/** A lease this process holds; `lost` fires when it must stop working at once. */
export interface JobLease {
  readonly lost: AbortSignal;
  /** True while the lease is held and its last renewal is younger than its time to live. */
  isHeld(): boolean;
  /** Gives the lease up so that a waiting process takes over at once. */
  release(): Promise<void>;
}

/** Waits until this process holds the named lease; rejects when `signal` aborts. */
export type AcquireJobLease = (name: string, signal: AbortSignal) => Promise<JobLease>;

/** What a leased job went through, for the log. */
export type LeasedJobEvent =
  | { readonly kind: 'acquired'; readonly name: string }
  | { readonly kind: 'lost'; readonly name: string; readonly reason: unknown }
  | { readonly kind: 'failed'; readonly name: string; readonly error: unknown };

export interface LeasedJobOptions {
  /** The lease's name: one holder per name across every process on the store. */
  readonly name: string;
  readonly acquire: AcquireJobLease;
  /** Starts the work; called each time the lease is won. */
  readonly start: () => Promise<void>;
  /** Stops the work; called when the lease is lost (before anyone else can win it) or the job stops. */
  readonly stop: () => Promise<void>;
  readonly onEvent?: (event: LeasedJobEvent) => void;
  /** Pause after a failed acquisition or start before trying again; default 1 s. */
  readonly retryMs?: number;
}

/**
 * Background work that runs in one process at a time: waits for the named lease, runs the
 * work while it holds it, stops the work the moment the lease is lost and waits again.
 * Another process that holds the lease does the work meanwhile; this one keeps serving.
 */
export class LeasedJob {
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private held: JobLease | undefined;

  constructor(private readonly options: LeasedJobOptions) {}

  /** Starts contending for the lease; returns at once. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Whether this process holds the lease now (and runs the work). */
  isHolding(): boolean {
    return this.held?.isHeld() ?? false;
  }

  /** Stops the work if it runs, gives the lease up and stops contending. */
  async stop(): Promise<void> {
    this.stopping.abort(new Error(`The leased job ${this.options.name} was stopped.`));
    await this.loop;
  }

  private async run(): Promise<void> {
    const { name, onEvent } = this.options;
    const stopping = this.stopping.signal;
    while (!stopping.aborted) {
      let lease: JobLease;
      try {
        lease = await this.options.acquire(name, stopping);
      } catch (error) {
        if (stopping.aborted) return;
        onEvent?.({ kind: 'failed', name, error });
        await pause(this.options.retryMs ?? 1000, stopping);
        continue;
      }
      this.held = lease;
      let failed = false;
      try {
        await this.options.start();
        onEvent?.({ kind: 'acquired', name });
        await firstAbort(lease.lost, stopping);
      } catch (error) {
        failed = true;
        onEvent?.({ kind: 'failed', name, error });
      }
      try {
        await this.options.stop();
      } catch (error) {
        onEvent?.({ kind: 'failed', name, error });
      }
      this.held = undefined;
      if (lease.lost.aborted) onEvent?.({ kind: 'lost', name, reason: lease.lost.reason });
      else await lease.release().catch(() => undefined);
      if (failed) await pause(this.options.retryMs ?? 1000, stopping);
    }
  }
}

function firstAbort(...signals: AbortSignal[]): Promise<void> {
  return new Promise((resolve) => {
    if (signals.some((s) => s.aborted)) return resolve();
    const done = () => {
      for (const s of signals) s.removeEventListener('abort', done);
      resolve();
    };
    for (const s of signals) s.addEventListener('abort', done, { once: true });
  });
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
