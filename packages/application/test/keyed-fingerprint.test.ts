import { randomBytes } from 'node:crypto';
import type { Instant } from '@vouch/domain';
import {
  InMemoryEventStore,
  InMemoryWrappedKeyRepository,
  MasterKeyVault,
  type EventStore,
} from '@vouch/event-store';
import { createVouch, type Principal, type Vouch, type VouchCommand } from '../src';

const TENANT = 'acme-corp';
const owner: Principal = { tenantId: TENANT, userId: 'olga-ae', roles: ['ACCOUNT_OWNER'] };
const admin: Principal = { tenantId: TENANT, userId: 'ada-admin', roles: ['ADMIN'] };
const pm: Principal = { tenantId: TENANT, userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] };
const now: Instant = '2026-11-23T09:00:00.000Z';

const registerAccount: VouchCommand = {
  type: 'RegisterAccount',
  commandId: 'register-acme',
  data: {
    accountId: 'acme',
    name: 'Acme GmbH',
    industry: 'Manufacturing',
    segment: 'ENTERPRISE',
    region: 'EMEA',
    products: ['Planner'],
    ownerId: 'olga-ae',
  },
};

function nominate(name: string, commandId = 'nominate-ines'): VouchCommand {
  return {
    type: 'SubmitNomination',
    commandId,
    data: {
      nominationId: 'nom-1',
      accountId: 'acme',
      candidateId: 'ines',
      name,
      email: 'ines.weber@acme.example',
      title: 'Head of Operations',
      seniority: 'DIRECTOR',
      products: ['Planner'],
      useCases: ['planning'],
      languages: ['de'],
      evidenceKind: 'NPS_PROMOTER',
      evidence: 'Gave us a 10.',
    },
  } as VouchCommand;
}

function storeWith(masterKey: Buffer): EventStore {
  return new InMemoryEventStore({
    clock: () => now,
    vault: new MasterKeyVault(masterKey, new InMemoryWrappedKeyRepository()),
  });
}

/** The recorded fingerprint of every event of a stream. */
async function fingerprints(store: EventStore, streamId: string): Promise<string[]> {
  return (await store.readStream(TENANT, streamId)).map((e) => String(e.metadata.commandFingerprint));
}

/** Polls until the assertion holds: process managers react asynchronously. */
async function eventually(assertion: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/** What a call answered: its result, or the thrown error's class, code and message. */
async function answer(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return { result: await run() };
  } catch (error) {
    const e = error as Error & { code?: string };
    return { error: e.constructor.name, code: e.code, message: e.message };
  }
}

// Invariant 8 and 10
describe('the command fingerprint is a keyed digest, never the command (invariants 8 and 10)', () => {
  let store: EventStore;
  let vouch: Vouch;

  beforeEach(async () => {
    store = storeWith(randomBytes(32));
    vouch = createVouch({ store, clock: () => now, dueWorkIntervalMs: 0 });
    await vouch.execute(owner, registerAccount);
    await vouch.execute(owner, {
      type: 'RecordAccountHealth',
      commandId: 'health-acme',
      aggregateId: 'acme',
      data: { healthScore: 88 },
    } as VouchCommand);
  });
  afterEach(async () => {
    await vouch.stop();
    await store.close();
  });

  it('records an HMAC-SHA256 in the metadata, never a personal value', async () => {
    await vouch.execute(owner, nominate('Ines Weber'));
    const [submitted] = await store.readStream(TENANT, 'nomination-nom-1');
    expect(submitted?.metadata.commandFingerprint).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(JSON.stringify(submitted?.metadata)).not.toMatch(
      /Ines Weber|ines\.weber|Head of Operations|Gave us/,
    );
    expect((await fingerprints(store, 'account-acme'))[0]).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
  });

  it('is keyed: the same command under another master key has another fingerprint', async () => {
    const other = storeWith(randomBytes(32));
    const otherVouch = createVouch({ store: other, clock: () => now, dueWorkIntervalMs: 0 });
    await otherVouch.execute(owner, registerAccount);
    await otherVouch.execute(owner, {
      type: 'RecordAccountHealth',
      commandId: 'health-acme',
      aggregateId: 'acme',
      data: { healthScore: 88 },
    } as VouchCommand);
    await Promise.all([
      vouch.execute(owner, nominate('Ines Weber')),
      otherVouch.execute(owner, nominate('Ines Weber')),
    ]);
    for (const stream of ['account-acme', 'nomination-nom-1']) {
      expect(await fingerprints(store, stream)).not.toEqual(await fingerprints(other, stream));
    }
    await otherVouch.stop();
    await other.close();
  });

  it('a replay of the same command returns the first result; other content under the same id is COMMAND_ID_REUSED', async () => {
    const first = await vouch.execute(owner, nominate('Ines Weber'));
    const again = await vouch.execute(owner, nominate('Ines Weber'));
    expect(again).toMatchObject({ duplicate: true, version: 1 });
    expect(again.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    await expect(vouch.execute(owner, nominate('Somebody Else'))).rejects.toMatchObject({
      code: 'COMMAND_ID_REUSED',
    });
    expect(await vouch.execute(owner, registerAccount)).toMatchObject({ duplicate: true });
    await expect(
      vouch.execute(owner, {
        ...registerAccount,
        data: { ...registerAccount.data, name: 'Other AG' },
      } as VouchCommand),
    ).rejects.toMatchObject({ code: 'COMMAND_ID_REUSED' });
  });

  it('after erasure a replay answers SUBJECT_ERASED alike for the right and a wrong name: it confirms nothing', async () => {
    await vouch.execute(owner, nominate('Ines Weber'));
    await store.forgetSubject(TENANT, 'ines');
    const right = await answer(() => vouch.execute(owner, nominate('Ines Weber')));
    const wrong = await answer(() => vouch.execute(owner, nominate('Maria Muster')));
    expect(right).toMatchObject({ error: 'SubjectErasedError', code: 'SUBJECT_ERASED' });
    expect(wrong).toEqual(right);
    // Commands about no erased subject keep their idempotency.
    expect(await vouch.execute(owner, registerAccount)).toMatchObject({ duplicate: true });
  });

  it("an erasure through the program answers replays of the nominee's commands the same way", async () => {
    await vouch.start([TENANT]);
    await vouch.execute(owner, nominate('Ines Weber'));
    await vouch.execute(pm, {
      type: 'ApproveNomination',
      commandId: 'approve-ines',
      aggregateId: 'nom-1',
      data: {},
    } as VouchCommand);
    await eventually(async () => expect(await store.streamVersion(TENANT, 'advocate-ines')).toBe(1));
    const erase = {
      type: 'RequestErasure',
      commandId: 'erase-ines',
      aggregateId: 'ines',
      data: { reason: 'GDPR Art. 17' },
    } as VouchCommand;
    await vouch.execute(admin, erase);
    await eventually(async () =>
      expect((await store.readStream(TENANT, 'advocate-ines'))[0]?.personalData.status).toBe('erased'),
    );
    const replays = await Promise.all(
      ['Ines Weber', 'ines weber', 'X'].map((name) => answer(() => vouch.execute(owner, nominate(name)))),
    );
    expect(new Set(replays.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(replays[0]).toMatchObject({ code: 'SUBJECT_ERASED' });
    // The erasure itself carries no personal data: its replay is still an ordinary duplicate.
    expect(await vouch.execute(admin, erase)).toMatchObject({ duplicate: true });
  });
});
