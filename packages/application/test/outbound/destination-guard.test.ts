import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDomainError } from '@vouch/domain';
import { checkDestination, postWebhook, refusedRange } from '../../src';

async function refusal(url: string, policy = {}): Promise<string> {
  try {
    await checkDestination(url, policy);
  } catch (error) {
    if (isDomainError(error, 'VALIDATION_FAILED')) return error.message;
    throw error;
  }
  throw new Error(`${url} was accepted`);
}

describe('the webhook destination guard (SSRF)', () => {
  it.each([
    ['http://127.0.0.1/hook', 'loopback'],
    ['http://10.1.2.3/hook', 'private'],
    ['http://192.168.0.10/hook', 'private'],
    ['http://172.16.5.4/hook', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['http://[::1]/hook', 'loopback'],
    ['http://[fe80::1]/hook', 'linkLocal'],
    ['http://[fd12:3456::1]/hook', 'uniqueLocal'],
    ['http://[::ffff:127.0.0.1]/hook', 'ipv4Mapped'],
    ['http://[::ffff:169.254.169.254]/hook', 'ipv4Mapped'],
    ['http://224.0.0.1/hook', 'multicast'],
    ['http://0.0.0.0/hook', 'unspecified'],
  ])('refuses %s (%s)', async (url, range) => {
    expect(await refusal(url)).toContain(`resolves to a ${range} address`);
  });

  it('refuses a host name that resolves to a private address, and one of several', async () => {
    expect(await refusal('https://hooks.example.com/x', { resolve: async () => ['10.0.0.7'] })).toContain(
      'private',
    );
    expect(
      await refusal('https://hooks.example.com/x', { resolve: async () => ['93.184.216.34', '127.0.0.1'] }),
    ).toContain('loopback');
    expect(await refusal('http://localhost:9/x')).toContain('loopback');
  });

  it('refuses other schemes, credentials and garbage', async () => {
    expect(await refusal('file:///etc/passwd')).toContain('https');
    expect(await refusal('gopher://example.com/')).toContain('https');
    expect(await refusal('https://user:pw@example.com/')).toContain('credentials');
    expect(await refusal('not a url')).toContain('absolute URL');
  });

  it('accepts a public address, and loopback only when the operator allows it', async () => {
    await expect(
      checkDestination('https://hooks.example.com/x', { resolve: async () => ['93.184.216.34'] }),
    ).resolves.toMatchObject({
      addresses: ['93.184.216.34'],
    });
    await expect(checkDestination('http://127.0.0.1:8080/x', { allowLoopback: true })).resolves.toBeDefined();
    // Allowing loopback allows nothing else private.
    expect(await refusal('http://10.0.0.1/x', { allowLoopback: true })).toContain('private');
    expect(refusedRange('::ffff:127.0.0.1', { allowLoopback: true })).toBe('ipv4Mapped');
    await expect(
      checkDestination('https://crm.internal/x', {
        allowHosts: ['crm.internal'],
        resolve: async () => ['10.9.9.9'],
      }),
    ).resolves.toBeDefined();
  });

  it('checks again at delivery: a host whose DNS answer changed to a private address gets no request', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits += 1;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // At subscription time the name pointed to a public address…
      let answer = ['93.184.216.34'];
      const policy = { resolve: async () => answer };
      await expect(checkDestination(`http://rebind.example:${port}/x`, policy)).resolves.toBeDefined();
      // …then it was rebound to loopback, where the receiver (a stand-in for an internal service) listens.
      answer = ['127.0.0.1'];
      const outcome = await postWebhook(`http://rebind.example:${port}/x`, {}, '{}', policy);
      expect(outcome).toEqual({
        ok: false,
        error: expect.stringContaining('refused: url resolves to a loopback address'),
      });
      expect(hits).toBe(0);
      // The same request where the operator allows loopback connects to the checked address.
      const allowed = await postWebhook(`http://rebind.example:${port}/x`, {}, '{}', {
        ...policy,
        allowLoopback: true,
      });
      expect(allowed).toEqual({ ok: true, responseCode: 200 });
      expect(hits).toBe(1);
    } finally {
      server.close();
    }
  });

  it('follows no redirect and stops reading an oversized answer', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' });
        res.end();
        return;
      }
      res.writeHead(200);
      res.end(Buffer.alloc(1024 * 1024, 'x'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const policy = { allowLoopback: true };
      expect(await postWebhook(`http://127.0.0.1:${port}/redirect`, {}, '{}', policy)).toEqual({
        ok: false,
        responseCode: 307,
        error: 'redirect 307 not followed',
      });
      expect(
        await postWebhook(`http://127.0.0.1:${port}/big`, {}, '{}', policy, { maxResponseBytes: 1024 }),
      ).toEqual({ ok: true, responseCode: 200 });
    } finally {
      server.close();
    }
  });
});
