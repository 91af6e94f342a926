import type { Vouch } from '@vouch/application';
import { addDays, type Instant } from '@vouch/domain';
import type { EventStore } from '@vouch/event-store';
import { createDemoWorld, pm, SIMULATED_DAYS, type DemoWorld } from './demo-world';
import { registerAccount } from './scenarios/accounts';
import { verifyProfiles } from './scenarios/advocate-status';
import { privacyCases, settleExpiries } from './scenarios/privacy-and-expiry';
import { addWish, setUpProgram } from './scenarios/program-setup';
import { settleLapses } from './scenarios/request-endings';
import { requestModes } from './scenarios/request-modes';
import { awaitMissedMirrors } from './scenarios/scheduled-calls';
import { submitRequest } from './scenarios/requests';
import { strategicBriefing } from './scenarios/strategic-briefing';
import { suppressionAndFeedback } from './scenarios/suppression-and-feedback';
import { seedIntelligenceScenario } from './intelligence-scenario';
import type { SimulatedClock } from './simulated-clock';

export { SIMULATED_DAYS } from './demo-world';

/** How big and which demo program to build. */
export interface DemoProgramOptions {
  readonly tenantId: string;
  /** The PRNG seed: the same seed, scale and end date give the same program. */
  readonly seed: number;
  /** 1 = about 200 accounts, 600 advocates and 1,500 requests; smaller for tests. */
  readonly scale: number;
  /** The last simulated day; the program starts eighteen months earlier. */
  readonly until: Instant;
  /** Told after every simulated day. */
  readonly onDay?: (day: number, days: number) => void;
}

/** What the seed did. */
export interface DemoProgramSummary {
  readonly from: Instant;
  readonly until: Instant;
  readonly accounts: number;
  readonly advocates: number;
  readonly requests: number;
  /** Commands executed, by type. */
  readonly executed: ReadonlyMap<string, number>;
  /** Commands the domain refused as the seed expected, by type and code. */
  readonly refused: ReadonlyMap<string, number>;
}

/**
 * Builds a living reference program through the facade, the way people would: eighteen
 * months of accounts, nominations, consents, requests from every department, gates that
 * say no, overrides with reasons, rewards, content, verifications, withdrawals and an
 * erasure under a legal hold. A discrete-event simulation over a simulated clock: each
 * flow (a scenario module under `scenarios/`) plans its next step on a later day in the
 * world's agenda; the same seed gives the same program.
 */
export async function seedDemoProgram(
  vouch: Vouch,
  store: EventStore,
  clock: SimulatedClock,
  options: DemoProgramOptions,
): Promise<DemoProgramSummary> {
  const world = createDemoWorld(vouch, store, clock, options.tenantId, options.seed);
  const { rng } = world;
  const from = `${addDays(options.until, -SIMULATED_DAYS).slice(0, 10)}T08:00:00.000Z`;
  const accountTotal = Math.max(4, Math.round(200 * options.scale));
  const requestTotal = Math.max(10, Math.round(1500 * options.scale));
  // Accounts: most exist when the program starts, the rest are won over the first year.
  const accountDays = Array.from({ length: accountTotal }, (_, i) =>
    i < accountTotal * 0.6 ? rng.int(0, 30) : rng.int(31, 400),
  ).sort((a, b) => a - b);
  // Requests ramp up as the program proves itself: density grows linearly after month two.
  const requestDays = Array.from({ length: requestTotal }, () =>
    Math.round(60 + Math.sqrt(rng.next()) * (SIMULATED_DAYS - 75)),
  ).sort((a, b) => a - b);

  for (world.today = 0; world.today <= SIMULATED_DAYS; world.today += 1) {
    clock.startDay(from, world.today);
    await simulateDay(world, accountDays, requestDays);
    options.onDay?.(world.today, SIMULATED_DAYS);
  }
  await seedIntelligenceScenario(world);
  await vouch.processDueWork();
  await awaitMissedMirrors(world);

  return {
    from,
    until: clock.now(),
    accounts: world.accounts.length,
    advocates: world.advocates.length,
    requests: world.requests.length,
    executed: world.run.executed,
    refused: world.run.refused,
  };
}

/** One simulated day: the due work and what follows it, then every step planned for today, in order. */
async function simulateDay(
  world: DemoWorld,
  accountDays: readonly number[],
  requestDays: readonly number[],
): Promise<void> {
  const today = world.today;
  await world.vouch.processDueWork();
  await awaitMissedMirrors(world);
  await settleLapses(world);
  await settleExpiries(world);
  if (today === 0) {
    await setUpProgram(world);
    for (let i = 0; i < 8; i += 1) await addWish(world);
  }
  for (const day of accountDays) if (day === today) await registerAccount(world, world.accounts.length + 1);
  for (const step of world.agenda.get(today) ?? []) await step();
  world.agenda.delete(today);
  for (const day of requestDays) if (day === today) await submitRequest(world);
  if (today > 0 && today % 30 === 0) await verifyProfiles(world);
  if (today > 60 && today % 9 === 0) await strategicBriefing(world);
  if (today > 0 && today % 45 === 0) await addWish(world);
  if (today === 300 && world.wishes.length > 2) {
    await world.run.run(pm(world), {
      type: 'RemoveFromWishlist',
      data: { wishId: world.wishes[0]!, reason: 'Signed as a customer; recruit from the account instead.' },
    });
  }
  if (today === 420) await privacyCases(world);
  if (today === 480) await requestModes(world);
  await suppressionAndFeedback(world);
}
