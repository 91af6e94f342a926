import type { EventEnvelope } from '@vouch/domain';

/** A generated history as appendHistory takes it: envelopes in log order, each with its stream. */
export type EnvelopeLog = readonly { readonly streamId: string; readonly envelope: EventEnvelope }[];

// The ids program-history and story-world mint: advocates, accounts, requests, engagements,
// opportunities, consents, decider-made ids (nominations …) and event ids.
const MINTED_ID = /\b(adv|acct|req|eng|opp|consent|id|event)-(\d+)\b/g;

/**
 * Copy number `copy` (1, 2, …) of a history decided once through the deciders, with every
 * minted id renamed (`adv-7` → `adv-7_2`) so the copy's streams are new streams that refer
 * only to each other, and its event and command ids are unique. The program's own stream
 * (policies) is tenant-wide and stays in the original only. Copy 0 is the history itself.
 * Makes a 1M-event bench file in minutes instead of deciding every event.
 */
export function replicaOf(history: EnvelopeLog, copy: number): EnvelopeLog {
  if (copy === 0) return history;
  const suffix = `_${copy}`;
  const rename = (text: string) => text.replace(MINTED_ID, `$1-$2${suffix}`);
  const replica: { streamId: string; envelope: EventEnvelope }[] = [];
  for (const { streamId, envelope } of history) {
    if (rename(streamId) === streamId) continue;
    const renamed = JSON.parse(rename(JSON.stringify(envelope))) as EventEnvelope;
    const metadata = renamed.metadata;
    replica.push({
      streamId: rename(streamId),
      envelope: {
        ...renamed,
        metadata: {
          ...metadata,
          commandId: metadata.commandId + suffix,
          correlationId: metadata.correlationId + suffix,
          causationId: metadata.causationId + suffix,
        },
      },
    });
  }
  return replica;
}
