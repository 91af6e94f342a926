import type { KeyObject } from 'node:crypto';
import type { EventStore, SignedDigestLog, SignedHistoryReport } from '@vouch/event-store';
import { publicKeyId, verifySignedHistory } from '@vouch/event-store';
import type { KeptDigest } from './digest-export-file';

export interface VerifyStoreInput {
  readonly store: EventStore;
  readonly log: SignedDigestLog;
  readonly tenantId: string;
  readonly publicKey: KeyObject;
  readonly publicKeySource: string;
  readonly kept?: KeptDigest;
  readonly latestOnly?: boolean;
  readonly onProgress?: (eventsChecked: number) => void;
}

/** Verifies a store against its signed digests (and a kept one); returns the report and what to print. */
export async function verifyStore(
  input: VerifyStoreInput,
): Promise<{ report: SignedHistoryReport; lines: string[] }> {
  const digests = await input.log.list(input.tenantId);
  const report = await verifySignedHistory(input.store, input.tenantId, digests, input.publicKey, {
    ...(input.kept ? { kept: [input.kept.digest] } : {}),
    ...(input.latestOnly ? { latestOnly: true } : {}),
    progressEvery: 5000,
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  const lines = [`Public key: ${publicKeyId(input.publicKey)} (${input.publicKeySource})`];
  const latest = digests.at(-1);
  lines.push(
    digests.length === 0
      ? 'Signed digests: none in the store.'
      : `Signed digests: ${digests.length} in the store (#1 … #${latest!.statement.sequence}, the latest signed ${latest!.statement.issuedAt} at position ${Number(latest!.statement.checkpoint)})` +
          (report.firstBreak?.kind === 'digest_chain'
            ? ''
            : ', each signed by this key and chained to the one before'),
  );
  if (input.kept) {
    const { statement } = input.kept.digest;
    lines.push(
      `Kept digest: #${statement.sequence} of ${statement.issuedAt} from ${input.kept.file}` +
        (report.firstBreak?.kind === 'kept_digest' ? '' : ': in the store, unchanged'),
    );
  }
  const chains = report.chains;
  if (chains.eventsChecked > 0 || chains.streamsChecked > 0) {
    lines.push(
      `Events: ${chains.eventsChecked.toLocaleString('en-US')} in ${chains.streamsChecked.toLocaleString('en-US')} streams` +
        (chains.ok ? ', every hash chain recomputes' : ''),
    );
    lines.push(
      `Signed heads: ${(chains.signedHeadsChecked ?? 0).toLocaleString('en-US')} checked against the events (digests ${
        report.anchoredSequences.length > 0 ? report.anchoredSequences.map((s) => `#${s}`).join(', ') : 'none'
      })`,
    );
  }
  if (report.firstBreak) {
    lines.push(`FIRST BREAK (${report.firstBreak.kind.replace(/_/g, ' ')}): ${report.firstBreak.message}`);
    lines.push('Result: FAILED: the store does not match what was signed.');
  } else if (digests.length === 0 && !input.kept) {
    lines.push(
      'Result: the chains verify, but nothing was signed: a rewrite with recomputed hashes cannot be told apart.',
    );
  } else {
    lines.push('Result: OK: the history matches every signed digest checked.');
  }
  return { report, lines };
}
