import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { runCliProcess, spawnCli, type CliProcess } from './support/cli-process';

// `vouch serve` with VOUCH_WEBHOOK_KEY: an admin subscribes a receiver on loopback (allowed
// by the operator) over GraphQL and a request submitted afterwards arrives signed.
describe('vouch serve with webhooks configured', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vouch-serve-webhooks-'));
  const env = { VOUCH_WEBHOOK_KEY: 'w'.repeat(40), VOUCH_WEBHOOK_ALLOW_LOOPBACK: '1' };
  const received: { headers: Record<string, string>; body: string }[] = [];
  let server: CliProcess;
  let receiver: Server;
  let origin: string;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({
          headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    server = spawnCli(['serve', '--data-dir', dataDir, '--port', '0', '--environment', 'development'], env);
    [, origin] = (await server.waitFor(/Vouch API: (http:\/\/[^/\s]+)\/graphql/)) as [string, string];
  }, 80_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const tokenOf = async (user: string, roles: string) => {
    const token = await runCliProcess(['token', '--data-dir', dataDir, '--user', user, '--roles', roles]);
    expect(token.code).toBe(0);
    return token.stdout.trim();
  };
  const post = async (token: string, query: string, variables: object) =>
    (await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    }).then((r) => r.json())) as { data?: Record<string, Record<string, unknown>>; errors?: unknown[] };

  it('delivers a signed CloudEvent to a subscription an admin made', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const created = await post(
      await tokenOf('ada.admin', 'ADMIN'),
      `mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret } }`,
      { input: { commandId: 'sub-1', url, eventTypes: ['dev.vouch.request.submitted.v1'] } },
    );
    expect(created.errors).toBeUndefined();
    const secret = created.data!.createWebhookSubscription!.secret as string;
    const submitted = await post(
      await tokenOf('sam.rep', 'REQUESTER'),
      `mutation($input: SubmitReferenceRequestInput!) { submitReferenceRequest(input: $input) { request { id } } }`,
      {
        input: {
          commandId: 'submit-1',
          requestId: 'req-serve-1',
          department: 'SALES',
          kind: 'REFERENCE_CALL',
          advocatesNeeded: 1,
          opportunity: {
            opportunityId: 'opp-1',
            stage: 'EVALUATION',
            amount: { amount: 1000, currency: 'EUR' },
            industry: 'Manufacturing',
            region: 'EMEA',
            products: ['Planner'],
          },
          criteria: { languages: ['de'], territory: 'EMEA', channel: 'PRIVATE' },
          dueBy: '2027-12-07T09:00:00.000Z',
        },
      },
    );
    expect(submitted.errors).toBeUndefined();
    for (let i = 0; i < 400 && received.length === 0; i += 1) await new Promise((r) => setTimeout(r, 25));
    expect(received).toHaveLength(1);
    expect(new Webhook(secret).verify(received[0]!.body, received[0]!.headers)).toMatchObject({
      type: 'dev.vouch.request.submitted.v1',
      subject: 'req-serve-1',
      source: '/tenants/demo',
    });
  }, 60_000);
});
