import type { IntegrityVerificationJob } from '@vouch/application';
import type { SignedDigest } from '@vouch/event-store';
import type { IntegrityVerificationView, SignedDigestView } from './integrity-types';

/** A signed digest as the API shows it. */
export function signedDigestView(digest: SignedDigest, publicKey: string): SignedDigestView {
  const { format: _format, ...statement } = digest.statement;
  return {
    ...statement,
    reason: statement.reason.toUpperCase().replace('-', '_'),
    algorithm: digest.algorithm,
    signature: digest.signature,
    publicKey,
    document: digest as unknown as object,
  };
}

/** A verification job as the API shows it. */
export function verificationView(job: IntegrityVerificationJob): IntegrityVerificationView {
  const found = job.report?.firstBreak;
  return {
    id: job.id,
    status: job.status,
    requestedBy: job.requestedBy,
    startedAt: job.startedAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    eventsChecked: job.report?.chains.eventsChecked ?? job.eventsChecked,
    eventsTotal: job.eventsTotal,
    digestsChecked: job.report?.digestsChecked ?? 0,
    anchoredSequences: [...(job.report?.anchoredSequences ?? [])],
    ...(found
      ? {
          firstBreak: {
            kind: found.kind,
            message: found.message,
            ...('sequence' in found ? { digestSequence: found.sequence } : {}),
            ...('event' in found ? { event: found.event } : {}),
          },
        }
      : {}),
    ...(job.error ? { error: job.error } : {}),
  };
}
