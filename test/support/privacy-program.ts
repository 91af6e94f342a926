import type { PersonalValue } from './erasure-scan';

/** The contact details of an advocate: their personal data. */
export interface ContactFixture {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly title: string;
}

/** An advocate of the privacy program, with values unique enough to scan for. */
export interface AdvocateFixture {
  readonly id: string;
  readonly nominationId: string;
  /** The command id of their nomination, replayed after erasure. */
  readonly nominationCommandId: string;
  readonly contact: ContactFixture;
  /** Their contact after an update, if they get one. */
  readonly updatedContact?: ContactFixture;
  /** Free text about them in the nomination: personal too. */
  readonly evidence: string;
  /** Not personal (an attribute, stored as it is): the control value of a scan. */
  readonly topic: string;
}

/** The commands of the story, as the facade or the HTTP API carries them out. */
export interface PrivacyDriver {
  registerAccount(accountId: string): Promise<void>;
  /** Nominated, approved, enrolled (by the process manager) and activated. */
  enrol(advocate: AdvocateFixture, accountId: string): Promise<void>;
  updateContact(advocateId: string, contact: ContactFixture): Promise<void>;
  /** The name a program manager sees, undefined when there is none (erased). */
  nameSeenByProgram(advocateId: string): Promise<string | undefined>;
  requestErasure(advocateId: string): Promise<void>;
  placeLegalHold(advocateId: string, holdId: string): Promise<void>;
  releaseLegalHold(advocateId: string, holdId: string): Promise<void>;
  /** Sends the advocate's nomination again under its first command id, with this name; returns what came back. */
  replayNomination(advocate: AdvocateFixture, name: string, accountId: string): Promise<unknown>;
  /** Whether every event with the advocate's personal data reads as erased in the store. */
  erasedInStore(advocateId: string): Promise<boolean>;
}

const contact = (name: string, local: string, phone: string, title: string): ContactFixture => ({
  name,
  email: `${local}@northwind.example`,
  phone,
  title,
});

/** Erased at once. */
export const ZOE: AdvocateFixture = {
  id: 'adv-zoe',
  nominationId: 'nom-zoe',
  nominationCommandId: 'nominate-zoe',
  contact: contact(
    'Zoë Ångström-Okafor',
    'zoe.angstrom-okafor',
    '+49 30 5550 1971',
    'Directrice des Opérations',
  ),
  evidence: 'Zoë Ångström-Okafor praised the rollout in the QBR.',
  topic: 'cold-chain telemetry',
};

/** Erased under a legal hold: deferred, then carried out when the hold is released. */
export const LUKASZ: AdvocateFixture = {
  id: 'adv-lukasz',
  nominationId: 'nom-lukasz',
  nominationCommandId: 'nominate-lukasz',
  contact: contact(
    'Łukasz Brzęczyszczykiewicz',
    'lukasz.brzeczyszczykiewicz',
    '+48 22 5550 4242',
    'Kierownik Działu Zakupów',
  ),
  evidence: 'Łukasz Brzęczyszczykiewicz gave us a 10.',
  topic: 'supplier onboarding',
};

/** Erased after a change of contact details: both versions must go. */
export const HANNAH: AdvocateFixture = {
  id: 'adv-hannah',
  nominationId: 'nom-hannah',
  nominationCommandId: 'nominate-hannah',
  contact: contact(
    'Hannah Abbottsford',
    'hannah.abbottsford',
    '+44 20 5550 0199',
    'Head of Warehouse Logistics',
  ),
  updatedContact: contact(
    'Hannah Abbottsford-Reyes',
    'h.abbottsford-reyes',
    '+44 20 5550 0288',
    'VP Fulfilment Excellence',
  ),
  evidence: 'Hannah Abbottsford spoke for us at the user group.',
  topic: 'pick-path optimisation',
};

/** Never erased: the scan's control. */
export const SIOBHAN: AdvocateFixture = {
  id: 'adv-siobhan',
  nominationId: 'nom-siobhan',
  nominationCommandId: 'nominate-siobhan',
  contact: contact('Siobhán Ní Bhriain', 'siobhan.nibhriain', '+353 1 5550 777', 'Stiúrthóir Oibríochtaí'),
  evidence: 'Siobhán Ní Bhriain renewed early.',
  topic: 'Ångström-grade torque calibration',
};

/**
 * Nominated and never decided: only the enrolment process manager holds her details (in its
 * saved state), so a scan after a stop finds whether that state keeps them in plain text.
 */
export const NGOZI: AdvocateFixture = {
  id: 'adv-ngozi',
  nominationId: 'nom-ngozi',
  nominationCommandId: 'nominate-ngozi',
  contact: contact(
    'Ngozi Adébáyọ̀-Fitzwilliam',
    'ngozi.adebayo-fitzwilliam',
    '+234 1 5550 3131',
    'Chief Harbour Logistics Officer',
  ),
  evidence: 'Ngozi Adébáyọ̀-Fitzwilliam asked to join the advisory board.',
  topic: 'berth scheduling',
};

export const ERASED = [ZOE, LUKASZ, HANNAH] as const;
export const ACCOUNT_ID = 'northwind';

/** Every personal value of an advocate: each contact field of each version, and the free text about them. */
export function personalValuesOf(advocate: AdvocateFixture): PersonalValue[] {
  const contacts = [advocate.contact, ...(advocate.updatedContact ? [advocate.updatedContact] : [])];
  return [
    ...contacts.flatMap((c) =>
      (['name', 'email', 'phone', 'title'] as const).map((field) => ({
        owner: advocate.id,
        field,
        value: c[field],
      })),
    ),
    { owner: advocate.id, field: 'evidence', value: advocate.evidence },
  ];
}

/** The control: a value of the advocate who stays, stored as it is, so the scan must find it. */
export function controlValue(): PersonalValue {
  return { owner: SIOBHAN.id, field: 'topic', value: SIOBHAN.topic };
}

/** Polls until the assertion holds: process managers and projections follow asynchronously. */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/**
 * The program: four advocates enrolled (one changes her contact details), then three
 * erased — one at once, one after a contact change, one under a legal hold that is released
 * later — and their nominations replayed with the right and a wrong name. Returns the
 * answers to the replays.
 */
export async function runPrivacyProgram(
  driver: PrivacyDriver,
  /** Called once every advocate is enrolled, before the first erasure (e.g. to scan then too). */
  beforeErasure: () => Promise<void> = async () => undefined,
): Promise<{ replays: unknown[] }> {
  await driver.registerAccount(ACCOUNT_ID);
  for (const advocate of [ZOE, LUKASZ, HANNAH, SIOBHAN]) await driver.enrol(advocate, ACCOUNT_ID);
  await driver.updateContact(HANNAH.id, HANNAH.updatedContact!);
  await eventually(async () =>
    expect(await driver.nameSeenByProgram(HANNAH.id)).toBe(HANNAH.updatedContact!.name),
  );
  expect(await driver.nameSeenByProgram(ZOE.id)).toBe(ZOE.contact.name);
  await beforeErasure();

  await driver.requestErasure(ZOE.id);
  await driver.requestErasure(HANNAH.id);
  await driver.placeLegalHold(LUKASZ.id, 'hold-lukasz');
  await driver.requestErasure(LUKASZ.id);
  // Deferred: under the hold, Łukasz is still there.
  expect(await driver.nameSeenByProgram(LUKASZ.id)).toBe(LUKASZ.contact.name);
  expect(await driver.erasedInStore(LUKASZ.id)).toBe(false);
  await driver.releaseLegalHold(LUKASZ.id, 'hold-lukasz');

  for (const advocate of ERASED) {
    await eventually(async () => {
      expect(await driver.erasedInStore(advocate.id)).toBe(true);
      expect(await driver.nameSeenByProgram(advocate.id)).toBeUndefined();
    });
  }
  expect(await driver.nameSeenByProgram(SIOBHAN.id)).toBe(SIOBHAN.contact.name);

  const replays = [
    await driver.replayNomination(ZOE, ZOE.contact.name, ACCOUNT_ID),
    await driver.replayNomination(ZOE, 'Maria Mustermann', ACCOUNT_ID),
    await driver.replayNomination(LUKASZ, LUKASZ.contact.name, ACCOUNT_ID),
    await driver.replayNomination(LUKASZ, 'Jan Kowalski', ACCOUNT_ID),
  ];
  return { replays };
}
