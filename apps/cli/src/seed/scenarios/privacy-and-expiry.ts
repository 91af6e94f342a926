import { streamIdOf } from '@vouch/application';
import { isBefore } from '@vouch/domain';
import { type DemoWorld, later, soon } from '../demo-world';
import { awaitConsentLoss } from './consents';

/** Consents that ran out today: the due work recorded their expiry; wait for what follows. */
export async function settleExpiries(world: DemoWorld): Promise<void> {
  for (const advocate of world.advocates) {
    if (!advocate.consentLive || isBefore(world.clock.now(), advocate.consentUntil)) continue;
    if (advocate.status === 'ERASED') continue;
    if (!advocate.expiryTracked) {
      // Nobody records this expiry: pending engagements stay, and the gates refuse them later.
      advocate.consentLive = false;
      advocate.kinds.clear();
      continue;
    }
    const stream = streamIdOf('Advocate', advocate.id);
    await world.run.reaction(stream, (e) => e.type === 'ConsentExpired', 'the recorded expiry of a consent');
    // The releases were decided with the expiry, in the same append: they follow it.
    const tail = await world.store.readStream(world.tenantId, stream, { direction: 'backwards', limit: 25 });
    const expiredAt = tail.findIndex((e) => e.type === 'ConsentExpired');
    const kinds = [...advocate.kinds];
    advocate.consentLive = false;
    advocate.kinds.clear();
    await awaitConsentLoss(world, advocate, tail.slice(0, expiredAt), kinds);
  }
}

/** A legal hold defers one erasure; another is carried out at once. */
export async function privacyCases(world: DemoWorld): Promise<void> {
  const candidates = world.advocates.filter((a) => a.status === 'ACTIVE' && a.pending.size === 0);
  const [held, erased] = world.rng.sample(candidates, 2);
  if (erased) {
    soon(world);
    await world.run.run(world.admin, {
      type: 'RequestErasure',
      aggregateId: erased.id,
      data: { reason: 'GDPR Art. 17 request received by the privacy team.' },
    });
    erased.status = 'ERASED';
  }
  if (held) {
    soon(world);
    await world.run.run(world.admin, {
      type: 'PlaceLegalHold',
      aggregateId: held.id,
      data: { holdId: `hold-${held.id}`, matter: 'Contract dispute 2025-17' },
    });
    await world.run.run(world.admin, {
      type: 'RequestErasure',
      aggregateId: held.id,
      data: { reason: 'GDPR Art. 17 request; deferred while the legal hold lasts.' },
    });
    held.status = 'ERASED';
    later(world, 60, async () => {
      soon(world);
      await world.run.run(world.admin, {
        type: 'ReleaseLegalHold',
        aggregateId: held.id,
        data: { holdId: `hold-${held.id}`, reason: 'Dispute settled.' },
      });
    });
  }
}
