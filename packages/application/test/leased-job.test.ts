import { LeasedJob, type JobLease, type LeasedJobEvent } from '../src';

// The lease here is a small in-process one (one holder per name, a queue of waiters): the
// job's own rules are what is under test; the PostgreSQL lease and real processes are in
// apps/cli/test/background-leases.e2e.test.ts.

class LocalLeases {
  private holder: { lease: JobLease; lose(reason: string): void } | undefined;
  private waiters: (() => void)[] = [];
  released = 0;

  readonly acquire = async (_name: string, signal: AbortSignal): Promise<JobLease> => {
    while (this.holder) {
      await new Promise<void>((resolve, reject) => {
        this.waiters.push(resolve);
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    const controller = new AbortController();
    const lease: JobLease = {
      lost: controller.signal,
      isHeld: () => this.holder?.lease === lease && !controller.signal.aborted,
      release: async () => {
        this.released += 1;
        this.free(lease);
      },
    };
    this.holder = {
      lease,
      lose: (reason) => {
        controller.abort(new Error(reason));
        this.free(lease);
      },
    };
    return lease;
  };

  /** The holder's lease runs out (its process hung or its connection died). */
  expire(): void {
    this.holder?.lose('expired');
  }

  private free(lease: JobLease): void {
    if (this.holder?.lease !== lease) return;
    this.holder = undefined;
    this.waiters.splice(0).forEach((wake) => wake());
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function job(leases: LocalLeases, log: string[], name: string, startFails = 0) {
  let failures = startFails;
  return new LeasedJob({
    name: 'background',
    acquire: leases.acquire,
    retryMs: 1,
    start: async () => {
      if (failures > 0) {
        failures -= 1;
        throw new Error('store unavailable');
      }
      log.push(`${name} start`);
    },
    stop: async () => {
      log.push(`${name} stop`);
    },
    onEvent: (event: LeasedJobEvent) => log.push(`${name} ${event.kind}`),
  });
}

describe('a leased job', () => {
  it('runs in one of two contenders; the loser stops its work and the other takes over when the lease is lost', async () => {
    const leases = new LocalLeases();
    const log: string[] = [];
    const [a, b] = [job(leases, log, 'a'), job(leases, log, 'b')];
    a.start();
    b.start();
    await tick();
    expect(log).toEqual(['a start', 'a acquired']);
    expect([a.isHolding(), b.isHolding()]).toEqual([true, false]);

    leases.expire();
    await tick();
    expect(log).toEqual(['a start', 'a acquired', 'a stop', 'a lost', 'b start', 'b acquired']);
    expect([a.isHolding(), b.isHolding()]).toEqual([false, true]);
    await a.stop();
    await b.stop();
  });

  it('on stop, stops the work before it gives the lease up, and a waiting job then takes over', async () => {
    const leases = new LocalLeases();
    const log: string[] = [];
    const [a, b] = [job(leases, log, 'a'), job(leases, log, 'b')];
    a.start();
    await tick();
    b.start();
    await a.stop();
    expect(leases.released).toBe(1);
    await tick();
    expect(log).toEqual(['a start', 'a acquired', 'a stop', 'b start', 'b acquired']);
    expect(a.isHolding()).toBe(false);
    await b.stop();
    expect(log.at(-1)).toBe('b stop');
  });

  it('a start that fails gives the lease back and tries again', async () => {
    const leases = new LocalLeases();
    const log: string[] = [];
    const a = job(leases, log, 'a', 1);
    a.start();
    await tick();
    await tick();
    expect(log).toEqual(['a failed', 'a stop', 'a start', 'a acquired']);
    expect(leases.released).toBe(1);
    await a.stop();
  });

  it('stops waiting when stopped before it ever held the lease', async () => {
    const leases = new LocalLeases();
    const log: string[] = [];
    const [a, b] = [job(leases, log, 'a'), job(leases, log, 'b')];
    a.start();
    await tick();
    b.start();
    await b.stop();
    expect(log).toEqual(['a start', 'a acquired']);
    await a.stop();
  });
});
