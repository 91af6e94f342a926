/**
 * Webhook benchmark (a script, not a test), on a SQLite store with fsync on every commit:
 *  1. deliveries/s from the dispatcher to a local receiver on loopback (signed CloudEvents,
 *     sequential per destination, a durable checkpoint saved after each): a paused
 *     subscription with a backlog of N events is resumed and timed until the receiver has all
 *     N, against raw sequential HTTP POSTs of a same-sized body to the same receiver in the
 *     same run (the transport's own floor);
 *  2. the append rate through the facade with 3 active webhook subscriptions vs none, the
 *     two interleaved (none, with, none, with) in the same run; medians.
 *
 *   npm run bench:webhooks -- [--events 300]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVouch, postWebhook, type Principal } from '@vouch/application';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { submitRequestCommand as submit } from '../../packages/application/test/support/submit-request-command';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const EVENTS = Number(args.get('events') ?? 300);
const TYPES = ['dev.vouch.request.submitted.v1'];

async function main(): Promise<void> {
  let received = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const dir = mkdtempSync(join(tmpdir(), 'vouch-webhook-bench-'));
  const store = SqliteEventStore.open({ filename: join(dir, 'bench.db'), masterKey: randomBytes(32) });
  const vouch = createVouch({
    store,
    dueWorkIntervalMs: 0,
    checkpoints: store.checkpoints,
    webhooks: { operatorKey: 'bench-operator-key-bench-operator-key', destinations: { allowLoopback: true } },
  });
  const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
  try {
    // Raw baseline: sequential POSTs of a CloudEvent-sized body (through the same SSRF-checked client).
    const body = JSON.stringify({ specversion: '1.0', id: 'x'.repeat(36), data: { requestId: 'req-1' } });
    let started = performance.now();
    for (let i = 0; i < EVENTS; i += 1) await postWebhook(url, {}, body, { allowLoopback: true });
    const rawPosts = rate(EVENTS, performance.now() - started);

    // Deliveries: a backlog of EVENTS behind a paused subscription, resumed and drained.
    const drainAdmin: Principal = { tenantId: 'bench-drain', userId: 'admin', roles: ['ADMIN'] };
    const drainRep: Principal = { tenantId: 'bench-drain', userId: 'rep', roles: ['REQUESTER'] };
    await vouch.start(['bench-drain']);
    const hooks = vouch.webhooks!.subscriptions;
    const { subscription } = await hooks.create(drainAdmin, { commandId: 'drain', url, eventTypes: TYPES });
    await hooks.pause(drainAdmin, { commandId: 'pause', subscriptionId: subscription.subscriptionId });
    for (let i = 0; i < EVENTS; i += 1) await vouch.execute(drainRep, submit(`req-${i}`));
    const drainedFrom = received;
    started = performance.now();
    await hooks.resume(drainAdmin, { commandId: 'resume', subscriptionId: subscription.subscriptionId });
    while (received - drainedFrom < EVENTS) await new Promise((resolve) => setTimeout(resolve, 2));
    const deliveryRate = rate(EVENTS, performance.now() - started);

    const appendRates: Record<'none' | 'three', number[]> = { none: [], three: [] };
    for (const [round, mode] of (['none', 'three', 'none', 'three'] as const).entries()) {
      const tenant = `bench-${round}-${mode}`;
      const admin: Principal = { tenantId: tenant, userId: 'admin', roles: ['ADMIN'] };
      const rep: Principal = { tenantId: tenant, userId: 'rep', roles: ['REQUESTER'] };
      await vouch.start([tenant]);
      if (mode === 'three') {
        for (const n of [1, 2, 3]) {
          await vouch.webhooks!.subscriptions.create(admin, {
            commandId: `sub-${n}`,
            url,
            eventTypes: TYPES,
          });
        }
      }
      const before = received;
      started = performance.now();
      for (let i = 0; i < EVENTS; i += 1) await vouch.execute(rep, submit(`req-${i}`));
      appendRates[mode].push(rate(EVENTS, performance.now() - started));
      // Let the destinations drain before the next round measures.
      if (mode === 'three') while (received - before < 3 * EVENTS) await new Promise((r) => setTimeout(r, 5));
    }
    const median = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
    };
    const none = median(appendRates.none);
    const three = median(appendRates.three);
    const lines = [
      `webhooks bench, ${EVENTS} events per round, SQLite (fsync each commit), load ${loadavg()[0]!.toFixed(2)}`,
      `raw sequential POSTs to the receiver: ${rawPosts}/s`,
      `dispatcher deliveries (one destination draining a backlog): ${deliveryRate}/s = ${(deliveryRate / rawPosts).toFixed(2)} × raw`,
      `append rate, no subscriptions: ${appendRates.none.join(', ')} /s (median ${none})`,
      `append rate, 3 active subscriptions: ${appendRates.three.join(', ')} /s (median ${three}) = ${(three / none).toFixed(2)} × none`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await vouch.stop();
    await store.close();
    receiver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
