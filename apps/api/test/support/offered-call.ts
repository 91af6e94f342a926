import { submitRequest } from './consenting-advocate';
import { newCommandId as id } from './graphql-client';
import { mustMutate } from './mutations';
import { eventually } from './program-story';
import type { TestServer } from './test-server';

/** Who takes part in an offered call: the request's requester and the program manager who runs it. */
export interface OfferedCallParties {
  readonly requester: string;
  readonly pm: string;
}

/**
 * A reference-call request by `requester` for `now`'s world (acme's advocate ines, owner olga):
 * triaged, ines shortlisted, the owner overridden, asked, accepted, and `slots` offered
 * (30 minutes, Europe/Berlin) — the state in which the requester can pick a slot.
 */
export async function offeredCall(
  t: TestServer,
  tenantId: string,
  requestId: string,
  parties: OfferedCallParties,
  options: { readonly now: string; readonly slots: readonly string[] },
): Promise<void> {
  const { requester, pm } = parties;
  await submitRequest(t, requester, requestId, options.now);
  const candidate = { requestId, advocateId: 'ines' };
  await mustMutate(t.url, pm, 'triageRequest', { commandId: id(), requestId, priority: 'HIGH' });
  await mustMutate(t.url, pm, 'shortlistCandidates', {
    commandId: id(),
    requestId,
    candidates: [{ advocateId: 'ines', accountId: 'acme', ownerId: 'olga', score: 1, breakdown: [] }],
  });
  await mustMutate(t.url, pm, 'overrideOwnerApproval', {
    commandId: id(),
    ...candidate,
    reason: 'Owner away.',
  });
  await mustMutate(t.url, pm, 'askAdvocate', { commandId: id(), ...candidate });
  await mustMutate(t.url, pm, 'recordAdvocateResponse', { commandId: id(), ...candidate, accepted: true });
  // The advocate's engagement follows the request's acceptance through a process manager.
  await eventually(async () =>
    expect((await t.store.readStream(tenantId, 'advocate-ines')).map((e) => e.type)).toContain(
      'EngagementAccepted',
    ),
  );
  await mustMutate(t.url, pm, 'offerSlots', {
    commandId: id(),
    ...candidate,
    slots: options.slots.map((startsAt) => ({ startsAt })),
    durationMinutes: 30,
    timeZone: 'Europe/Berlin',
  });
}
