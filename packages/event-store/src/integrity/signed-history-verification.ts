import type { KeyObject } from 'node:crypto';
import type { EventStore } from '../event-store';
import type { BrokenEvent, SignedHeadAnchor, VerificationReport } from './chain-verifier';
import type { StreamHead } from '../stored-event';
import type { SignedDigest } from './signed-digest';
import { digestChainBreak, signedDigestHash, signedDigestProblem } from './signed-digest';
import { streamHeadsRoot } from './tenant-digest';

/** What a verification against signed digests found wrong first. */
export type SignedHistoryBreak =
  /** The product's chain of signed digests is broken (a digest changed, forged or removed mid-chain). */
  | { readonly kind: 'digest_chain'; readonly sequence: number; readonly message: string }
  /** A digest the reviewer kept does not verify, or the store no longer has it (a rollback). */
  | { readonly kind: 'kept_digest'; readonly sequence: number; readonly message: string }
  /** An event no longer verifies: changed, rewritten after signing, or removed. */
  | { readonly kind: 'event'; readonly event: BrokenEvent; readonly message: string }
  /** The streams in the log at a signed checkpoint are not the signed ones. */
  | { readonly kind: 'streams'; readonly sequence: number; readonly message: string }
  /** Two signed digests vouch for different hashes at one version of a stream: one signed a rewrite. */
  | {
      readonly kind: 'conflicting_digests';
      readonly sequence: number;
      readonly streamId: string;
      readonly version: number;
      readonly message: string;
    };

/** The outcome of verifying a store against the product's and the reviewer's signed digests. */
export interface SignedHistoryReport {
  readonly ok: boolean;
  readonly tenantId: string;
  /** How many of the product's signed digests verified, chain included. */
  readonly digestsChecked: number;
  /** The sequences whose stream heads were checked against the events. */
  readonly anchoredSequences: readonly number[];
  readonly chains: VerificationReport;
  readonly firstBreak?: SignedHistoryBreak;
}

export interface SignedHistoryOptions {
  /** Digests the reviewer kept outside the system; each must still be in the product's chain. */
  readonly kept?: readonly SignedDigest[];
  /**
   * Check the heads of the latest and the kept digests only, not of every signed digest
   * (the default; heads repeated across digests are checked once).
   */
  readonly latestOnly?: boolean;
  readonly onProgress?: (eventsChecked: number) => void | Promise<void>;
  readonly progressEvery?: number;
}

/**
 * Verifies a tenant's history against signed digests: the product's chain of digests
 * (signature, sequence, each chained to the one before), the digests a reviewer kept
 * (still there, unchanged: removing a later digest is a rollback), every hash chain of the
 * store, and, for the latest digest and each kept one, that the event at every signed
 * stream version still hashes to the signed head and no stream was added before the
 * signed checkpoint. The first problem is named: digest sequence, or stream and event.
 */
export async function verifySignedHistory(
  store: EventStore,
  tenantId: string,
  digests: readonly SignedDigest[],
  publicKey: KeyObject | string,
  options: SignedHistoryOptions = {},
): Promise<SignedHistoryReport> {
  const fail = (firstBreak: SignedHistoryBreak, chains: VerificationReport = NOT_RUN, checked = 0) => ({
    ok: false,
    tenantId,
    digestsChecked: checked,
    anchoredSequences: [],
    chains,
    firstBreak,
  });
  const foreign = digests.find((d) => d.statement?.tenantId !== tenantId);
  if (foreign) {
    return fail({
      kind: 'digest_chain',
      sequence: foreign.statement?.sequence ?? 0,
      message: `signed digest #${foreign.statement?.sequence} is for tenant ${foreign.statement?.tenantId}, not ${tenantId}`,
    });
  }
  const chainBreak = digestChainBreak(digests, publicKey);
  if (chainBreak) {
    return fail({ kind: 'digest_chain', sequence: chainBreak.sequence, message: chainBreak.problem });
  }
  const kept = options.kept ?? [];
  for (const digest of kept) {
    const problem = keptDigestProblem(digest, digests, tenantId, publicKey);
    if (problem) {
      return fail(
        { kind: 'kept_digest', sequence: digest.statement?.sequence ?? 0, message: problem },
        NOT_RUN,
        digests.length,
      );
    }
  }
  const anchoredDigests = anchorsToCheck(digests, kept, options.latestOnly !== true);
  const { anchors, conflict } = distinctAnchors(anchoredDigests);
  if (conflict) return fail(conflict, NOT_RUN, digests.length);
  // The latest digest's heads are gathered in the same pass: no second read of the log.
  const latest = digests.at(-1);
  const chains = await store.verifyTenant(tenantId, {
    anchors,
    ...(latest ? { headsAt: latest.statement.checkpoint } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.progressEvery ? { progressEvery: options.progressEvery } : {}),
  });
  const anchoredSequences = anchoredDigests.map((d) => d.statement.sequence);
  if (chains.firstBroken) {
    const event = chains.firstBroken;
    return {
      ...fail({ kind: 'event', event, message: describeBrokenEvent(event) }, chains, digests.length),
      anchoredSequences,
    };
  }
  // The whole root is recomputed for the latest and the kept digests only: one read of every head each.
  for (const digest of anchorsToCheck(digests, kept, false)) {
    const gathered =
      digest.statement.checkpoint === latest?.statement.checkpoint ? chains.headsAt : undefined;
    const problem = await extraStreams(store, digest, gathered);
    if (problem) {
      return {
        ...fail(
          { kind: 'streams', sequence: digest.statement.sequence, message: problem },
          chains,
          digests.length,
        ),
        anchoredSequences,
      };
    }
  }
  return { ok: true, tenantId, digestsChecked: digests.length, anchoredSequences, chains };
}

const NOT_RUN: VerificationReport = { ok: false, streamsChecked: 0, eventsChecked: 0 };

function keptDigestProblem(
  digest: SignedDigest,
  digests: readonly SignedDigest[],
  tenantId: string,
  publicKey: KeyObject | string,
): string | undefined {
  const sequence = digest.statement?.sequence;
  if (digest.statement?.tenantId !== tenantId) {
    return `the kept digest is for tenant ${digest.statement?.tenantId}, not ${tenantId}`;
  }
  const problem = signedDigestProblem(digest, publicKey);
  if (problem) return `the kept digest #${sequence}: ${problem}`;
  const stored = digests[sequence - 1];
  if (!stored) {
    return (
      `the kept digest #${sequence} (checkpoint ${digest.statement.checkpoint}, signed ${digest.statement.issuedAt}) ` +
      `is not in the store, whose latest signed digest is #${digests.length}: signed digests were removed (a rollback)`
    );
  }
  if (signedDigestHash(stored) !== signedDigestHash(digest)) {
    return `the store's signed digest #${sequence} is not the one kept: the product's digests were replaced`;
  }
  return undefined;
}

function anchorsToCheck(
  digests: readonly SignedDigest[],
  kept: readonly SignedDigest[],
  all: boolean,
): SignedDigest[] {
  const chosen = new Map<number, SignedDigest>();
  if (all) for (const digest of digests) chosen.set(digest.statement.sequence, digest);
  const latest = digests.at(-1);
  if (latest) chosen.set(latest.statement.sequence, latest);
  for (const digest of kept) chosen.set(digest.statement.sequence, digest);
  return [...chosen.values()].sort((a, b) => a.statement.sequence - b.statement.sequence);
}

/**
 * The heads to check, each (stream, version) once: digests signed while a stream did not
 * change repeat its head. Two digests that vouch for different hashes there conflict.
 */
function distinctAnchors(digests: readonly SignedDigest[]): {
  anchors: SignedHeadAnchor[];
  conflict?: SignedHistoryBreak;
} {
  const byKey = new Map<string, SignedHeadAnchor>();
  for (const digest of digests) {
    for (const head of digest.heads) {
      const key = `${head.version}\u0000${head.streamId}`;
      const earlier = byKey.get(key);
      if (!earlier) {
        byKey.set(key, { ...head, digestSequence: digest.statement.sequence });
      } else if (earlier.hash !== head.hash) {
        return {
          anchors: [],
          conflict: {
            kind: 'conflicting_digests',
            sequence: digest.statement.sequence,
            streamId: head.streamId,
            version: head.version,
            message:
              `signed digests #${earlier.digestSequence} and #${digest.statement.sequence} vouch for different hashes at ` +
              `stream ${head.streamId}, version ${head.version}: the stream was rewritten between them and signed again`,
          },
        };
      }
    }
  }
  return { anchors: [...byKey.values()] };
}

/** Streams in the log at the signed checkpoint that the digest does not cover (an insertion). */
async function extraStreams(
  store: EventStore,
  digest: SignedDigest,
  gathered: readonly StreamHead[] | undefined,
): Promise<string | undefined> {
  const heads =
    gathered ?? (await store.streamHeads(digest.statement.tenantId, digest.statement.checkpoint)).heads;
  if (streamHeadsRoot(heads) === digest.statement.merkleRoot) return undefined;
  const signed = new Set(digest.heads.map((head) => head.streamId));
  const added = heads.filter((head) => !signed.has(head.streamId)).map((head) => head.streamId);
  return (
    `the log at checkpoint ${digest.statement.checkpoint} does not give the root of signed digest #${digest.statement.sequence}` +
    (added.length > 0 ? `: streams not covered by it: ${added.slice(0, 5).join(', ')}` : '')
  );
}

/** One sentence naming a broken event for people. */
export function describeBrokenEvent(event: BrokenEvent): string {
  const where = event.eventId
    ? `event ${event.eventId} (stream ${event.streamId}, version ${event.version}, position ${Number(event.checkpoint)})`
    : `stream ${event.streamId}, version ${event.version}`;
  return `${where}: ${event.reason.replace(/_/g, ' ')}: ${event.detail}`;
}
