import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crmSignature } from '../../api/test/support/inbound-signing';
import { spawnCli, type CliProcess } from './support/cli-process';

// The README's CRM inbox (`GET /integrations/crm/inbox` with an ADMIN or PROGRAM_MANAGER
// bearer token) on the demo, started the way `npm start` starts it (`vouch start`), with the
// tokens it prints. Before, the demo mounted no inbound route at all: 404 for the inbox, and
// VOUCH_CRM_INBOUND_SECRETS was ignored.
const SECRET = 'demo-crm-secret-0123456789';

describe('`vouch start` (npm start): the REST CRM inbox on the demo', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vouch-start-inbox-'));
  let server: CliProcess;
  let origin: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = spawnCli(['start', '--data-dir', dataDir, '--port', '0', '--scale', '0.02'], {
      NODE_ENV: '',
      VOUCH_CRM_INBOUND_SECRETS: JSON.stringify({ demo: SECRET }),
    });
    const [, url] = await server.waitFor(/GraphQL:\s+(http:\/\/\S+)\/graphql/, 240_000);
    origin = url!;
    await server.waitFor(/ADMIN\s+\S+/);
    for (const [, role, token] of server.stdout().matchAll(/^ {2}([A-Z_]+)\s+(ey\S+)$/gm)) {
      tokens[role!] = token!;
    }
  }, 300_000);
  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const inbox = async (token?: string) => {
    const response = await fetch(`${origin}/integrations/crm/inbox?status=PARKED&first=20`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  it('answers a page to the PROGRAM_MANAGER and ADMIN tokens it printed', async () => {
    for (const role of ['PROGRAM_MANAGER', 'ADMIN']) {
      const page = await inbox(tokens[role]);
      expect(page.status).toBe(200);
      expect(page.json).toMatchObject({ entries: expect.any(Array), pageInfo: expect.any(Object) });
    }
  });

  it('refuses no token (401) and a REQUESTER (403)', async () => {
    expect((await inbox()).status).toBe(401);
    const requester = await inbox(tokens.REQUESTER);
    expect(requester.status).toBe(403);
    expect(requester.json).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
  });

  it('takes signed CRM deliveries with the configured secret: an unknown account parks and shows in the inbox', async () => {
    const body = JSON.stringify({
      type: 'opportunity.changed',
      eventId: 'evt-demo-parked',
      occurredAt: new Date().toISOString(),
      opportunity: {
        id: 'opp-demo',
        accountExternalId: 'acct-not-in-the-demo',
        stage: 'CLOSED_WON',
        amount: { amount: 1000, currency: 'EUR' },
        closeDate: new Date().toISOString(),
        contactRoles: [],
      },
    });
    const post = (signature: string) =>
      fetch(`${origin}/integrations/crm/demo/events`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'vouch-signature': signature },
      });
    expect((await post(crmSignature('a-wrong-secret-0123456789', body))).status).toBe(401);
    const delivered = await post(crmSignature(SECRET, body));
    expect(delivered.status).toBe(202);
    const page = await inbox(tokens.PROGRAM_MANAGER);
    expect((page.json.entries as { eventId: string }[]).map((e) => e.eventId)).toContain('evt-demo-parked');
  });
});
