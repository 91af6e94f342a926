import { initialAdvocateState, type AdvocateContact, type AdvocateState } from '@vouch/domain';
import type { SealedValue } from '@vouch/event-store';
import type { AdvocateDirectorySnapshot } from '../src/advocate-directory';
import { SEAL_BATCH, sealContacts, type SealedContactCache } from '../src/sealed-contacts';
import type { SnapshotKeys } from '../src/snapshot-keys';

/** Keys that "seal" by naming the subject and the values, and record every call. */
function recordingKeys(erased: ReadonlySet<string>): SnapshotKeys & { calls: number[] } {
  const calls: number[] = [];
  const sealOne = (subjectId: string, values: unknown): SealedValue | undefined =>
    erased.has(subjectId)
      ? undefined
      : { subjectId, iv: 'iv', tag: 'tag', ciphertext: JSON.stringify(values) };
  return {
    calls,
    seal: async (subjectId, values) => sealOne(subjectId, values),
    open: async (sealed) => JSON.parse(sealed.ciphertext) as unknown,
    sealMany: async (items) => {
      calls.push(items.length);
      return items.map(({ subjectId, values }) => sealOne(subjectId, values));
    },
    openMany: async (sealed) => sealed.map((s) => JSON.parse(s.ciphertext) as unknown),
  };
}

function directoryOf(count: number): AdvocateDirectorySnapshot {
  const advocates: [string, AdvocateState][] = [];
  for (let i = 0; i < count; i++) {
    const id = `adv-${i}`;
    const contact: AdvocateContact = { name: `Advocate ${i}`, email: `${id}@example.com`, title: 'VP' };
    advocates.push([id, { ...initialAdvocateState, advocateId: id, status: 'ACTIVE', contact }]);
  }
  return { advocates, accounts: [], program: {} as never, requesters: [], accepted: [] };
}

describe('sealContacts', () => {
  it('seals every contact in batches of SEAL_BATCH, in order, and none again at the next save', async () => {
    const count = 2 * SEAL_BATCH + 7;
    const directory = directoryOf(count);
    const keys = recordingKeys(new Set(['adv-5', `adv-${SEAL_BATCH + 1}`]));
    const cache: SealedContactCache = new WeakMap();
    const sealed = await sealContacts(directory, keys, cache);
    expect(keys.calls).toEqual([SEAL_BATCH, SEAL_BATCH, 7]);
    sealed.advocates.forEach(([id, state], i) => {
      expect(id).toBe(`adv-${i}`);
      if (id === 'adv-5' || id === `adv-${SEAL_BATCH + 1}`) expect(state.contact).toBeUndefined();
      else
        expect(state.contact).toEqual({
          subjectId: id,
          iv: 'iv',
          tag: 'tag',
          ciphertext: JSON.stringify(directory.advocates[i]![1].contact),
        });
    });
    // No contact in plain text anywhere in what is saved.
    expect(JSON.stringify(sealed)).not.toContain('"email"');
    await sealContacts(directory, keys, cache);
    // Only the erased two (never cached) are asked for again.
    expect(keys.calls).toEqual([SEAL_BATCH, SEAL_BATCH, 7, 2]);
  });
});
