import { generateKeyPairSync } from 'node:crypto';
import { createVouch, streamIdOf } from '@vouch/application';
import type { StoredEvent } from '@vouch/event-store';
import {
  GENESIS_HASH,
  InMemoryEventStore,
  InMemorySignedDigestLog,
  hashStoredEvent,
  parseSignedDigest,
  signedDigestProblem,
} from '@vouch/event-store';
import { codesOf, graphql, newCommandId } from './support/graphql-client';
import { mustMutate } from './support/mutations';
import { eventually } from './support/program-story';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const TENANT = 'integrity-tenant';
const key = generateKeyPairSync('ed25519');

const SIGN = `mutation Sign($input: SignDigestInput!) {
  signDigest(input: $input) { sequence streams merkleRoot keyId signature publicKey reason document }
}`;
const START = `mutation Start($input: StartIntegrityVerificationInput!) {
  startIntegrityVerification(input: $input) { id status }
}`;
const POLL = `query Poll($id: ID!) {
  integrityVerification(id: $id) {
    status eventsChecked digestsChecked anchoredSequences
    firstBreak { kind message digestSequence event { streamId version eventId reason } }
  }
}`;

/** Rewrites one event of a stream and recomputes the stream's chain, as a forger with the database would. */
function rewrite(
  store: InMemoryEventStore,
  streamId: string,
  type: string,
  change: (data: object) => object,
) {
  const rows: StoredEvent[] = [];
  for (let position = 1; ; position += 1) {
    let row: StoredEvent | undefined;
    try {
      store.storage.tamper(position, (event) => ((row = event), event));
    } catch {
      break;
    }
    if (row?.streamId === streamId) rows.push(row);
  }
  let previous = GENESIS_HASH;
  for (const row of rows) {
    const changed = row.type === type ? { ...row, data: change(row.data) as StoredEvent['data'] } : row;
    const { position: _position, hash: _hash, ...rest } = changed;
    const hash = hashStoredEvent(previous, rest);
    store.storage.tamper(row.position, () => ({ ...changed, hash }));
    previous = hash;
  }
}

describe('signed digests and verification for the AUDITOR over GraphQL (invariant 12)', () => {
  let t: TestServer;
  let store: InMemoryEventStore;
  let admin: string;
  let auditor: string;
  let pm: string;

  beforeAll(async () => {
    let now = '2026-11-23T09:00:00.000Z';
    store = new InMemoryEventStore({ clock: () => now });
    const vouch = createVouch({
      store,
      clock: () => now,
      dueWorkIntervalMs: 0,
      digests: { privateKey: key.privateKey, log: new InMemorySignedDigestLog(), intervalMs: 0 },
    });
    t = await startTestServer({ store, vouch, limits: { rateLimitPerWindow: 10_000 } });
    t.setNow = (instant) => void (now = instant);
    admin = await tokenFor(TENANT, 'ada.admin', ['ADMIN']);
    auditor = await tokenFor(TENANT, 'aud.itor', ['AUDITOR']);
    pm = await tokenFor(TENANT, 'pat.pm', ['PROGRAM_MANAGER']);
    await mustMutate(t.url, pm, 'registerAccount', {
      commandId: newCommandId(),
      accountId: 'globex',
      name: 'Globex',
      industry: 'Retail',
      segment: 'MID_MARKET',
      region: 'NA',
      products: ['Planner'],
      ownerId: 'olga',
    });
    t.setNow('2026-11-24T09:00:00.000Z');
    await mustMutate(t.url, pm, 'enrolAdvocate', {
      commandId: newCommandId(),
      advocateId: 'adv-1',
      accountId: 'globex',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      title: 'Head of Planning',
      seniority: 'DIRECTOR',
      products: ['Planner'],
      useCases: ['planning'],
      languages: ['en'],
    });
  });
  afterAll(() => t.close());

  it('an admin has the product sign on demand; a retry returns the same digest; it verifies offline', async () => {
    const commandId = newCommandId('sign');
    const first = await graphql<{ signDigest: Record<string, unknown> }>(
      t.url,
      SIGN,
      { input: { commandId } },
      admin,
    );
    expect(first.body.errors).toBeUndefined();
    const signed = first.body.data!.signDigest;
    expect(signed).toMatchObject({ sequence: 1, streams: 2, reason: 'ON_DEMAND' });
    const again = await graphql<{ signDigest: { sequence: number } }>(
      t.url,
      SIGN,
      { input: { commandId } },
      admin,
    );
    expect(again.body.data?.signDigest.sequence).toBe(1);

    const document = parseSignedDigest(signed.document, 'the API');
    expect(signedDigestProblem(document, signed.publicKey as string)).toBeUndefined();
    expect(signedDigestProblem(document, generateKeyPairSync('ed25519').publicKey)).toBeDefined();
    expect(JSON.stringify(signed)).not.toContain('PRIVATE KEY');

    const read = await graphql<{ signedDigest: { sequence: number; keyId: string } }>(
      t.url,
      '{ signedDigest { sequence keyId signature } }',
      {},
      auditor,
    );
    expect(read.body.data?.signedDigest).toMatchObject({ sequence: 1, keyId: signed.keyId });
  });

  it('only an admin signs on demand', async () => {
    for (const token of [auditor, pm]) {
      const refused = await graphql(t.url, SIGN, { input: { commandId: newCommandId() } }, token);
      expect(codesOf(refused)).toEqual(['FORBIDDEN']);
    }
    expect(codesOf(await graphql(t.url, '{ signedDigest { sequence } }', {}, pm))).toEqual(['FORBIDDEN']);
  });

  it('pages the tenant-wide trail with time and subject filters', async () => {
    const all = await graphql<{ tenantAuditTrail: { edges: { node: { type: string } }[] } }>(
      t.url,
      '{ tenantAuditTrail(first: 10) { edges { cursor node { type recordedAt sentence } } pageInfo { hasNextPage endCursor } } }',
      {},
      auditor,
    );
    expect(all.body.data?.tenantAuditTrail.edges.map((e) => e.node.type)).toEqual([
      'AccountRegistered',
      'AdvocateEnrolled',
    ]);
    const late = await graphql<{ tenantAuditTrail: { edges: { node: { type: string } }[] } }>(
      t.url,
      '{ tenantAuditTrail(first: 10, from: "2026-11-24T00:00:00Z") { edges { node { type } } } }',
      {},
      auditor,
    );
    expect(late.body.data?.tenantAuditTrail.edges.map((e) => e.node.type)).toEqual(['AdvocateEnrolled']);
    const one = await graphql<{ tenantAuditTrail: { edges: unknown[]; pageInfo: { hasNextPage: boolean } } }>(
      t.url,
      '{ tenantAuditTrail(first: 1, subject: { kind: account, id: "globex" }) { edges { node { type } } pageInfo { hasNextPage } } }',
      {},
      auditor,
    );
    expect(one.body.data?.tenantAuditTrail.edges).toHaveLength(1);
    const paged = await graphql<{ tenantAuditTrail: { edges: { node: { type: string } }[] } }>(
      t.url,
      '{ a: tenantAuditTrail(first: 1) { pageInfo { endCursor hasNextPage } } }',
      {},
      auditor,
    );
    expect(paged.body.data).toMatchObject({ a: { pageInfo: { hasNextPage: true } } });
    expect(
      codesOf(await graphql(t.url, '{ tenantAuditTrail(first: 1) { edges { cursor } } }', {}, pm)),
    ).toEqual(['FORBIDDEN']);
  });

  it('verifies off the request path, then names the stream and event of a rewrite after signing', async () => {
    const started = await graphql<{ startIntegrityVerification: { id: string } }>(
      t.url,
      START,
      { input: { commandId: newCommandId() } },
      auditor,
    );
    const id = started.body.data!.startIntegrityVerification.id;
    let job: Record<string, unknown> = {};
    await eventually(async () => {
      job = (await graphql<{ integrityVerification: Record<string, unknown> }>(t.url, POLL, { id }, auditor))
        .body.data!.integrityVerification;
      expect(job.status).not.toBe('RUNNING');
    });
    expect(job).toMatchObject({ status: 'PASSED', digestsChecked: 1, anchoredSequences: [1] });

    rewrite(store, streamIdOf('Advocate', 'adv-1'), 'AdvocateEnrolled', (data) => ({
      ...data,
      seniority: 'C_LEVEL',
    }));
    const again = await graphql<{ startIntegrityVerification: { id: string } }>(
      t.url,
      START,
      { input: { commandId: newCommandId() } },
      auditor,
    );
    const failedId = again.body.data!.startIntegrityVerification.id;
    await eventually(async () => {
      job = (
        await graphql<{ integrityVerification: Record<string, unknown> }>(
          t.url,
          POLL,
          { id: failedId },
          auditor,
        )
      ).body.data!.integrityVerification;
      expect(job.status).not.toBe('RUNNING');
    });
    expect(job).toMatchObject({
      status: 'FAILED',
      firstBreak: { kind: 'event', event: { version: 1, reason: 'signed_head_mismatch' } },
    });
    expect(String((job.firstBreak as { message: string }).message)).toMatch(/adv-1/);
    // Another tenant's auditor cannot see the job.
    const stranger = await tokenFor('other-tenant', 'eve', ['AUDITOR']);
    const hidden = await graphql<{ integrityVerification: unknown }>(t.url, POLL, { id: failedId }, stranger);
    expect(hidden.body.data?.integrityVerification).toBeNull();
  });

  it('prices verifyIntegrity by its work: 20 aliases are refused before anything runs', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `v${i}: verifyIntegrity { ok }`).join(' ');
    const response = await graphql(t.url, `{ ${aliases} }`, {}, auditor);
    expect(codesOf(response)).toEqual(['QUERY_TOO_COMPLEX']);
    const one = await graphql<{ verifyIntegrity: { ok: boolean } }>(
      t.url,
      '{ verifyIntegrity { ok } }',
      {},
      auditor,
    );
    expect(one.body.data?.verifyIntegrity).toBeDefined();
  });
});
