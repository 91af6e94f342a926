import { streamIdOf } from '@vouch/application';
import { type ActivityKind, addDays, type Channel } from '@vouch/domain';
import { CHANNEL_OF } from '../demo-rules';
import {
  type AdvocateModel,
  type DemoWorld,
  isEvent,
  later,
  owner,
  pm,
  type RecordedOrProduced,
  sha256,
  soon,
} from '../demo-world';
import { doNotContact, restAdvocate, retireAdvocate } from './advocate-status';

/** Records the advocate's consent as the seed's model has it. */
export async function grantConsent(world: DemoWorld, advocate: AdvocateModel): Promise<void> {
  soon(world);
  const kinds = [...advocate.kinds];
  const channels = [...new Set<Channel>(['PRIVATE', ...kinds.map((k) => CHANNEL_OF[k])])];
  await world.run.run(pm(world), {
    type: 'GrantConsent',
    aggregateId: advocate.id,
    data: {
      consentId: advocate.consentId,
      kinds,
      territories: [advocate.territory],
      channels,
      validFrom: world.clock.now(),
      validUntil: advocate.consentUntil,
      collectionMethod: world.rng.pick(['WEB_FORM', 'E_SIGNATURE', 'RECORDED_CALL'] as const),
      collectedAt: world.clock.now(),
      evidenceHash: sha256(advocate.consentId),
      noticeVersion: 'privacy-notice-v3',
    },
  });
}

/** What happens to an advocate besides requests: renewals, expiries, withdrawals, rests, exits. */
export function planAdvocateLife(world: DemoWorld, advocate: AdvocateModel): void {
  const daysLeft = Math.round(
    (Date.parse(advocate.consentUntil) - Date.parse(world.clock.now())) / 86_400_000,
  );
  if (world.rng.chance(0.55))
    later(world, daysLeft - world.rng.int(5, 25), () => renewConsent(world, advocate));
  const roll = world.rng.next();
  if (roll < 0.05) later(world, world.rng.int(30, 400), () => withdrawConsent(world, advocate));
  else if (roll < 0.1) later(world, world.rng.int(20, 300), () => restAdvocate(world, advocate));
  else if (roll < 0.12) later(world, world.rng.int(60, 450), () => retireAdvocate(world, advocate));
  else if (roll < 0.13) later(world, world.rng.int(60, 450), () => doNotContact(world, advocate));
}

/** Renews a live consent for a year before it expires, and plans the next renewal. */
export async function renewConsent(world: DemoWorld, advocate: AdvocateModel): Promise<void> {
  if (!advocate.consentLive || advocate.status === 'ERASED') return;
  advocate.consentUntil = addDays(advocate.consentUntil, 365);
  advocate.expiryTracked = true;
  soon(world);
  await world.run.run(pm(world), {
    type: 'RenewConsent',
    aggregateId: advocate.id,
    data: {
      consentId: advocate.consentId,
      validUntil: advocate.consentUntil,
      collectionMethod: 'WEB_FORM',
      collectedAt: world.clock.now(),
      evidenceHash: sha256(`${advocate.consentId}-renewal`),
      noticeVersion: 'privacy-notice-v3',
    },
  });
  later(world, 365 - world.rng.int(5, 25), () => renewConsent(world, advocate));
}

/**
 * After a consent stopped covering `kinds`: the advocate released the engagements in the
 * same decision (`released`); wait for the process managers to tell the requests and
 * suspend the content that relied on it.
 */
export async function awaitConsentLoss(
  world: DemoWorld,
  advocate: AdvocateModel,
  released: readonly RecordedOrProduced[],
  kinds: readonly ActivityKind[],
): Promise<void> {
  for (const event of released) {
    if (event.type !== 'EngagementReleased') continue;
    const engagementId = String((event.data as { engagementId?: string }).engagementId);
    const engagement = advocate.pending.get(engagementId);
    advocate.pending.delete(engagementId);
    const request = world.requests.find((r) => r.id === engagement?.requestId);
    if (request) {
      await world.run.reaction(
        streamIdOf('ReferenceRequest', request.id),
        isEvent('CandidateReleased', 'advocateId', advocate.id),
        'the requester being told of the release',
      );
      request.candidates.set(advocate.id, 'GONE');
    }
  }
  for (const [contentId, kind] of [...advocate.content]) {
    if (!kinds.includes(kind)) continue;
    await world.run.reaction(
      streamIdOf('ContentAsset', contentId),
      (e) => e.type === 'ContentSuspended',
      'the suspension of dependent content',
    );
    advocate.content.delete(contentId);
  }
}

/** The owner withdraws a consent, wholly or some kinds; waits for what the withdrawal releases. */
export async function withdrawConsent(world: DemoWorld, advocate: AdvocateModel): Promise<void> {
  if (!advocate.consentLive || advocate.status === 'ERASED') return;
  const partial = advocate.kinds.size > 1 && world.rng.chance(0.5);
  const kinds = partial ? [world.rng.pick([...advocate.kinds])] : [...advocate.kinds];
  soon(world);
  const withdrawn = await world.run.run(owner(world, advocate.account.ownerId), {
    type: 'WithdrawConsent',
    aggregateId: advocate.id,
    data: {
      consentId: advocate.consentId,
      ...(partial ? { kinds } : {}),
      reason: world.rng.pick([
        'New legal policy: no public case studies.',
        'The advocate asked to step back after a reorganisation.',
        'Company communications freeze ahead of an acquisition.',
      ]),
    },
  });
  for (const kind of kinds) advocate.kinds.delete(kind);
  if (advocate.kinds.size === 0) advocate.consentLive = false;
  advocate.expiryTracked = false;
  await awaitConsentLoss(world, advocate, withdrawn.events, kinds);
}
