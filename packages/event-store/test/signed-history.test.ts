import { generateKeyPairSync } from 'node:crypto';
import type { SignedDigest, StoredEvent } from '@vouch/event-store';
import {
  DigestSequenceTakenError,
  DigestSigner,
  GENESIS_HASH,
  InMemoryEventStore,
  InMemorySignedDigestLog,
  MalformedDigestError,
  hashStoredEvent,
  parseSignedDigest,
  proveStreamHead,
  publicKeyId,
  signedDigestProblem,
  streamHeadLeaf,
  verifyMerkleInclusion,
  verifySignedHistory,
} from '@vouch/event-store';
import { contractEvent } from '@vouch/event-store/testing';

const tenant = 'tenant-a';
const signer = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');
let now = 0;
const clock = () => new Date(Date.UTC(2026, 0, 1) + (now += 1000)).toISOString();

async function program() {
  const store = new InMemoryEventStore({ clock });
  const log = new InMemorySignedDigestLog();
  const digests = new DigestSigner({ store, log, privateKey: signer.privateKey, clock });
  const note = (stream: string, marker: string) =>
    store.append(tenant, stream, [contractEvent(tenant, 'Noted', { marker })], { expectedVersion: 'any' });
  return { store, log, digests, note };
}

/** Rewrites an event's data and recomputes every later hash of its stream, as a forger would. */
function rewrite(
  store: InMemoryEventStore,
  streamId: string,
  version: number,
  data: Record<string, unknown>,
) {
  const rows: StoredEvent[] = [];
  for (let position = 1; ; position += 1) {
    let found: StoredEvent | undefined;
    try {
      store.storage.tamper(position, (event) => ((found = event), event));
    } catch {
      break;
    }
    if (found?.streamId === streamId) rows.push(found);
  }
  let previous = GENESIS_HASH;
  for (const row of rows) {
    const changed = row.version === version ? { ...row, data } : row;
    const { position: _position, hash: _hash, ...rest } = changed;
    const hash = hashStoredEvent(previous, rest);
    store.storage.tamper(row.position, () => ({ ...changed, hash }));
    previous = hash;
  }
}

describe('signed digests kept by the product (invariant 12)', () => {
  it('chains each digest to the one before and proves a stream head against the signed root', async () => {
    const { store, log, digests, note } = await program();
    await note('a', 'one');
    await note('b', 'two');
    const first = await digests.sign(tenant, 'on-demand');
    await note('a', 'three');
    const second = (await digests.signIfMoved(tenant))!;
    expect(first.statement).toMatchObject({ sequence: 1, streams: 2, keyId: publicKeyId(signer.publicKey) });
    expect(second.statement.sequence).toBe(2);
    expect(await log.list(tenant)).toHaveLength(2);
    // Nothing new: the schedule signs nothing.
    expect(await digests.signIfMoved(tenant)).toBeUndefined();
    expect(
      await new DigestSigner({
        store: new InMemoryEventStore(),
        log,
        privateKey: signer.privateKey,
        clock,
      }).signIfMoved(tenant),
    ).toBeUndefined();

    const proof = proveStreamHead(second, 'a')!;
    expect(proof.head.version).toBe(2);
    expect(verifyMerkleInclusion(streamHeadLeaf(proof.head), proof.proof, second.statement.merkleRoot)).toBe(
      true,
    );
    expect(
      verifyMerkleInclusion(
        streamHeadLeaf({ ...proof.head, version: 1 }),
        proof.proof,
        second.statement.merkleRoot,
      ),
    ).toBe(false);
    expect(proveStreamHead(second, 'nope')).toBeUndefined();

    const report = await verifySignedHistory(store, tenant, await log.list(tenant), signer.publicKey, {
      kept: [first],
    });
    expect(report).toMatchObject({ ok: true, digestsChecked: 2, anchoredSequences: [1, 2] });
    // a v1, b v1 (in both digests, checked once), a v2.
    expect(report.chains.signedHeadsChecked).toBe(3);
  });

  it('names the stream and event of a rewrite made after signing, though every chain recomputes', async () => {
    const { store, log, digests, note } = await program();
    await note('a', 'one');
    await note('b', 'two');
    await note('b', 'three');
    await digests.sign(tenant, 'scheduled');
    rewrite(store, 'b', 1, { marker: 'forged' });
    expect((await store.verifyTenant(tenant)).ok).toBe(true); // the chain alone is fooled

    const report = await verifySignedHistory(store, tenant, await log.list(tenant), signer.publicKey);
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toMatchObject({
      kind: 'event',
      event: { streamId: 'b', version: 2, reason: 'signed_head_mismatch' },
    });
    expect(report.firstBreak?.message).toContain('stream b, version 2');
  });

  it('finds a rewrite that the product signed again: two digests disagree on one stream version', async () => {
    const { store, log, digests, note } = await program();
    await note('a', 'one');
    await digests.sign(tenant, 'scheduled');
    rewrite(store, 'a', 1, { marker: 'forged' });
    await digests.sign(tenant, 'scheduled');
    const report = await verifySignedHistory(store, tenant, await log.list(tenant), signer.publicKey);
    expect(report.firstBreak).toMatchObject({
      kind: 'conflicting_digests',
      sequence: 2,
      streamId: 'a',
      version: 1,
    });
    // Checking the latest digest alone is fooled: that is why every digest is checked by default.
    expect(
      (
        await verifySignedHistory(store, tenant, await log.list(tenant), signer.publicKey, {
          latestOnly: true,
        })
      ).ok,
    ).toBe(true);
  });

  it('catches a rollback (later digests removed) against a digest the reviewer kept', async () => {
    const { store, log, digests, note } = await program();
    await note('a', 'one');
    await digests.sign(tenant, 'scheduled');
    await note('a', 'two');
    const kept = await digests.sign(tenant, 'scheduled');
    const rolledBack = (await log.list(tenant)).slice(0, 1);

    const report = await verifySignedHistory(store, tenant, rolledBack, signer.publicKey, { kept: [kept] });
    expect(report.firstBreak).toMatchObject({ kind: 'kept_digest', sequence: 2 });
    expect(report.firstBreak?.message).toContain('rollback');
  });

  it('refuses a chain with a digest changed, forged by another key, or removed from the middle', async () => {
    const { store, log, digests, note } = await program();
    await note('a', 'one');
    await digests.sign(tenant, 'scheduled');
    await note('a', 'two');
    await digests.sign(tenant, 'scheduled');
    await note('a', 'three');
    await digests.sign(tenant, 'scheduled');
    const [d1, d2, d3] = (await log.list(tenant)) as [SignedDigest, SignedDigest, SignedDigest];

    const changed = { ...d2, statement: { ...d2.statement, streams: 9 } };
    expect(
      (await verifySignedHistory(store, tenant, [d1, changed, d3], signer.publicKey)).firstBreak,
    ).toMatchObject({
      kind: 'digest_chain',
      sequence: 2,
    });
    expect((await verifySignedHistory(store, tenant, [d1, d3], signer.publicKey)).firstBreak).toMatchObject({
      kind: 'digest_chain',
      sequence: 2,
    });
    expect(signedDigestProblem(d1, stranger.publicKey)).toContain('names key');
    expect((await verifySignedHistory(store, tenant, [d1], stranger.publicKey)).ok).toBe(false);
    const heads = [...d1.heads.slice(1)];
    expect(signedDigestProblem({ ...d1, heads }, signer.publicKey)).toContain('do not recompute');
    await expect(log.append(d2)).rejects.toBeInstanceOf(DigestSequenceTakenError);
  });

  it('fails another history than the signed one at its first differing stream', async () => {
    const { digests, note } = await program();
    await note('a', 'one');
    await note('b', 'two');
    const signed = await digests.sign(tenant, 'scheduled');
    const other = new InMemoryEventStore({ clock });
    await other.append(tenant, 'a', [contractEvent(tenant, 'Noted', { marker: 'one' })], {
      expectedVersion: 'any',
    });
    const report = await verifySignedHistory(other, tenant, [signed], signer.publicKey);
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toMatchObject({
      kind: 'event',
      event: { streamId: 'a', version: 1, reason: 'signed_head_mismatch' },
    });
  });

  it('reads a digest back from JSON and refuses malformed ones', async () => {
    const { digests, note } = await program();
    await note('a', 'one');
    const signed = await digests.sign(tenant, 'on-demand');
    expect(parseSignedDigest(JSON.parse(JSON.stringify(signed)), 'file')).toEqual(signed);
    expect(() => parseSignedDigest({ ...signed, heads: [{ streamId: 'a' }] }, 'file')).toThrow(
      MalformedDigestError,
    );
    expect(() => parseSignedDigest('nope', 'file')).toThrow('file is not a signed digest');
  });
});
