import { randomBytes } from 'node:crypto';
import {
  InMemoryWrappedKeyRepository,
  MasterKeyVault,
  SubjectErasedError,
  UNWRAPPED_KEPT,
  masterKeyFrom,
  type WrappedKeyRepository,
} from '@vouch/event-store';

describe('MasterKeyVault', () => {
  const now = '2026-01-01T00:00:00.000Z';

  it('creates one key per subject and tenant, and returns the same key afterwards', async () => {
    const vault = new MasterKeyVault(randomBytes(32), new InMemoryWrappedKeyRepository());
    const key = await vault.dataKeyFor('t1', 's1', now);
    expect(key).toHaveLength(32);
    expect(await vault.dataKeyFor('t1', 's1', now)).toEqual(key);
    expect(await vault.dataKeyFor('t2', 's1', now)).not.toEqual(key);
    expect(await vault.lookup('t1', 's1')).toEqual({ status: 'active', key });
    expect(await vault.lookup('t1', 'nobody')).toEqual({ status: 'missing' });
  });

  it('agrees on one key when two writers create it at once', async () => {
    const vault = new MasterKeyVault(randomBytes(32), new InMemoryWrappedKeyRepository());
    const [a, b] = await Promise.all([vault.dataKeyFor('t', 's', now), vault.dataKeyFor('t', 's', now)]);
    expect(a).toEqual(b);
  });

  it('stores keys wrapped: another master key cannot unwrap them', async () => {
    const repository = new InMemoryWrappedKeyRepository();
    await new MasterKeyVault(randomBytes(32), repository).dataKeyFor('t', 's', now);
    const record = await repository.find('t', 's');
    expect(record?.wrappedKey).toHaveLength(1 + 12 + 16 + 32);
    await expect(new MasterKeyVault(randomBytes(32), repository).lookup('t', 's')).rejects.toThrow();
  });

  it('destroys a key for good and remembers when', async () => {
    const repository = new InMemoryWrappedKeyRepository();
    const vault = new MasterKeyVault(randomBytes(32), repository);
    await vault.dataKeyFor('t', 's', now);
    expect(await vault.destroy('t', 's', '2026-02-01T00:00:00.000Z')).toEqual({
      tenantId: 't',
      subjectId: 's',
      erasedAt: '2026-02-01T00:00:00.000Z',
      alreadyErased: false,
    });
    expect((await repository.find('t', 's'))?.wrappedKey).toBeNull();
    expect(await vault.lookup('t', 's')).toEqual({ status: 'erased', erasedAt: '2026-02-01T00:00:00.000Z' });
    await expect(vault.dataKeyFor('t', 's', now)).rejects.toBeInstanceOf(SubjectErasedError);
    expect((await vault.destroy('t', 's', '2026-03-01T00:00:00.000Z')).erasedAt).toBe(
      '2026-02-01T00:00:00.000Z',
    );
  });

  it('removes a key it created once told its appends failed, and keeps one a stored append used', async () => {
    const repository = new InMemoryWrappedKeyRepository();
    const vault = new MasterKeyVault(randomBytes(32), repository);
    // Created here (as a command digest or an append would), then every append failed.
    await vault.dataKeyFor('t', 'failed', now);
    await vault.settle('t', 'failed', false);
    expect(await vault.lookup('t', 'failed')).toEqual({ status: 'missing' });

    const kept = await vault.dataKeyFor('t', 'stored', now);
    await vault.settle('t', 'stored', true);
    await vault.settle('t', 'stored', false);
    expect(await vault.lookup('t', 'stored')).toEqual({ status: 'active', key: kept });

    // A key this vault did not create is never its to remove.
    const other = new MasterKeyVault(randomBytes(32), new InMemoryWrappedKeyRepository());
    const shared = new MasterKeyVault(randomBytes(32), repository);
    await other.settle('t', 'stored', false);
    await shared.settle('t', 'stored', false);
    expect(await vault.lookup('t', 'stored')).toEqual({ status: 'active', key: kept });
  });

  it('looks up several subjects at once with the same answers as one by one, with or without findMany', async () => {
    const repository = new InMemoryWrappedKeyRepository();
    const masterKey = randomBytes(32);
    const vault = new MasterKeyVault(masterKey, repository);
    await vault.dataKeyFor('t', 'active', now);
    await vault.dataKeyFor('t', 'erased', now);
    await vault.dataKeyFor('other-tenant', 'missing', now);
    await vault.destroy('t', 'erased', '2026-02-01T00:00:00.000Z');
    const subjects = ['active', 'erased', 'missing'];
    const oneByOne = new Map();
    for (const s of subjects) oneByOne.set(s, await vault.lookup('t', s));
    expect([...oneByOne.values()].map((l) => l.status)).toEqual(['active', 'erased', 'missing']);
    // The in-memory repository has no findMany: the vault falls back to find per subject.
    expect((repository as WrappedKeyRepository).findMany).toBeUndefined();
    expect(await vault.lookupMany('t', subjects)).toEqual(oneByOne);
    // A repository with findMany is asked once, and the answers are the same.
    const calls: string[][] = [];
    const batching = Object.assign(Object.create(repository) as InMemoryWrappedKeyRepository, {
      findMany: async (tenantId: string, ids: readonly string[]) => {
        calls.push([...ids]);
        const found = new Map();
        for (const id of ids) {
          const record = await repository.find(tenantId, id);
          if (record) found.set(id, record);
        }
        return found;
      },
      find: () => Promise.reject(new Error('find must not be called when findMany exists')),
    });
    const batched = new MasterKeyVault(masterKey, batching);
    expect(await batched.lookupMany('t', subjects)).toEqual(oneByOne);
    expect(calls).toEqual([subjects]);
  });

  it('keeps unwrapped keys only for the stored bytes they came from: erasure, moved keys and zeroed copies', async () => {
    const repository = new InMemoryWrappedKeyRepository();
    const masterKey = randomBytes(32);
    const reader = new MasterKeyVault(masterKey, repository);
    const writer = new MasterKeyVault(masterKey, repository);
    const a = await writer.dataKeyFor('t', 'a', now);
    const b = await writer.dataKeyFor('t', 'b', now);
    expect(await reader.lookupMany('t', ['a', 'b'])).toEqual(
      new Map([
        ['a', { status: 'active', key: a }],
        ['b', { status: 'active', key: b }],
      ]),
    );
    // A reader that zeroes the key it was given does not change what the next one gets.
    const first = await reader.lookup('t', 'a');
    if (first.status === 'active') first.key.fill(0);
    expect(await reader.lookup('t', 'a')).toEqual({ status: 'active', key: a });
    // Another vault (another process) erases: the next read sees it, nothing kept answers.
    await writer.destroy('t', 'a', '2026-02-01T00:00:00.000Z');
    expect(await reader.lookup('t', 'a')).toEqual({ status: 'erased', erasedAt: '2026-02-01T00:00:00.000Z' });
    expect((await reader.lookupMany('t', ['a'])).get('a')?.status).toBe('erased');
    // …and the plaintext key it had kept leaves its memory with that read (crypto-shredding reaches this process too).
    const kept = (vault: MasterKeyVault): Map<string, unknown> =>
      (vault as unknown as { unwrapped: Map<string, unknown> }).unwrapped;
    expect([...kept(reader).keys()].some((id) => id.endsWith('a'))).toBe(false);
    expect(kept(reader).size).toBe(1);
    // Another subject's wrapped key copied over b's after b was read: never answered from what b unwrapped.
    const c = await writer.dataKeyFor('t', 'c', now);
    const moved = (await repository.find('t', 'c'))!.wrappedKey!;
    let plant = false;
    const planted = Object.assign(Object.create(repository) as InMemoryWrappedKeyRepository, {
      find: async (tenantId: string, subjectId: string) =>
        plant && subjectId === 'b'
          ? { wrappedKey: Buffer.from(moved), createdAt: now, erasedAt: null }
          : repository.find(tenantId, subjectId),
    });
    const fooled = new MasterKeyVault(masterKey, planted);
    expect(await fooled.lookup('t', 'b')).toEqual({ status: 'active', key: b });
    expect(await fooled.lookup('t', 'c')).toEqual({ status: 'active', key: c });
    plant = true;
    await expect(fooled.lookup('t', 'b')).rejects.toThrow();
  });

  it('answers a batch longer than the keys it keeps from those kept first, unwrapping only the others', async () => {
    // A catch-up read every subject in order, then the save seals them in the same order: the
    // vault keeps the last UNWRAPPED_KEPT. Unwrapping the first ones must not evict the rest.
    const repository = new InMemoryWrappedKeyRepository();
    const masterKey = randomBytes(32);
    const subjects = Array.from({ length: UNWRAPPED_KEPT + 500 }, (_, i) => `adv-${i}`);
    const writer = new MasterKeyVault(masterKey, repository);
    const keys = new Map<string, Buffer>();
    for (const s of subjects) keys.set(s, await writer.dataKeyFor('t', s, now));
    await writer.destroy('t', 'adv-3', now); // an erased subject keeps its place and says so
    // As the SQLite store's repository does: every key of a batch in one look-up.
    const batching = Object.assign(Object.create(repository) as InMemoryWrappedKeyRepository, {
      findMany: async (tenantId: string, ids: readonly string[]) => {
        const found = new Map();
        for (const id of ids) {
          const record = await repository.find(tenantId, id);
          if (record) found.set(id, record);
        }
        return found;
      },
    });
    const reader = new MasterKeyVault(masterKey, batching);
    const read = await reader.lookupMany('t', subjects);
    const kept = (reader as unknown as { unwrapped: Map<string, unknown> }).unwrapped;
    const unwraps = jest.spyOn(kept, 'set');
    const sealed = await reader.lookupMany('t', [...subjects, 'nobody']);
    // The 500 (less the erased one) that left for the last ones are unwrapped again; nothing else.
    expect(unwraps).toHaveBeenCalledTimes(499);
    expect([...sealed.keys()]).toEqual([...subjects, 'nobody']);
    expect(sealed).toEqual(new Map([...read, ['nobody', { status: 'missing' }]]));
    expect(sealed.get('adv-3')).toEqual({ status: 'erased', erasedAt: now });
    expect(sealed.get(`adv-${UNWRAPPED_KEPT + 499}`)).toEqual({
      status: 'active',
      key: keys.get(`adv-${UNWRAPPED_KEPT + 499}`),
    });
    expect(sealed.get('adv-0')).toEqual({ status: 'active', key: keys.get('adv-0') });
  });

  it('reads a master key from hex or base64 configuration and refuses other lengths', () => {
    const key = randomBytes(32);
    expect(masterKeyFrom(key.toString('hex'))).toEqual(key);
    expect(masterKeyFrom(key.toString('base64'))).toEqual(key);
    expect(() => masterKeyFrom(randomBytes(16).toString('base64'))).toThrow(RangeError);
  });
});
