import { randomBytes } from 'node:crypto';
import {
  InMemoryWrappedKeyRepository,
  KeyRotationInProgressError,
  MasterKeyMismatchError,
  MasterKeyVault,
  rotateMasterKey,
  unwrapsWith,
  verifyMasterKey,
  type RewrappedKey,
  type RotationCursor,
} from '@vouch/event-store';

const now = () => '2026-01-01T00:00:00.000Z';
const store = 'the test store';

/** A repository holding 30 data keys under `oldKey` (one of them erased), and the keys themselves. */
async function keysUnder(oldKey: Buffer) {
  const repository = new InMemoryWrappedKeyRepository();
  await verifyMasterKey(oldKey, repository, store, now);
  const vault = new MasterKeyVault(oldKey, repository);
  const dataKeys = new Map<string, Buffer>();
  for (let i = 0; i < 30; i++) {
    const tenant = i % 2 === 0 ? 't1' : 't2';
    dataKeys.set(`${tenant}/s${i}`, await vault.dataKeyFor(tenant, `s${i}`, now()));
  }
  await vault.destroy('t1', 's0', now());
  dataKeys.delete('t1/s0');
  return { repository, dataKeys };
}

async function expectKeysUnder(
  repository: InMemoryWrappedKeyRepository,
  key: Buffer,
  dataKeys: Map<string, Buffer>,
) {
  const vault = new MasterKeyVault(key, repository);
  for (const [id, dataKey] of dataKeys) {
    const [tenant, subject] = id.split('/') as [string, string];
    expect(await vault.lookup(tenant, subject)).toEqual({ status: 'active', key: dataKey });
  }
  expect(await vault.lookup('t1', 's0')).toMatchObject({ status: 'erased' });
}

/** Fails the `failOn`-th batch: after writing its keys (`keysWritten`) or before. */
function interruptedAt(
  inner: InMemoryWrappedKeyRepository,
  failOn: number,
  keysWritten: boolean,
): InMemoryWrappedKeyRepository {
  let calls = 0;
  const save = inner.saveRewrapped.bind(inner);
  // Every other method runs on the real repository, so its state is the one the test reads.
  return new Proxy(inner, {
    get(target, name, receiver) {
      if (name === 'saveRewrapped') {
        return async (
          rewrapped: readonly RewrappedKey[],
          progress: { after: RotationCursor; rotated: number },
        ) => {
          calls += 1;
          if (calls < failOn) return save(rewrapped, progress);
          if (keysWritten) {
            // The keys are stored but the process dies before the progress is.
            const before = (await target.readKeyCheck())!;
            await save(rewrapped, progress);
            await save([], { after: before.rotationAfter!, rotated: before.rotated });
          }
          throw new Error('killed');
        };
      }
      const value: unknown = Reflect.get(target, name, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('rotateMasterKey', () => {
  it('re-wraps every data key under the new key; the old key is refused afterwards', async () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const { repository, dataKeys } = await keysUnder(oldKey);
    const progress: number[] = [];
    const report = await rotateMasterKey(repository, oldKey, newKey, {
      store,
      now,
      batchSize: 4,
      onProgress: (done) => progress.push(done),
    });
    expect(report).toEqual({ total: 29, rewrapped: 29, resumed: false, alreadyRotated: false });
    expect(progress).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 29]);
    await expectKeysUnder(repository, newKey, dataKeys);
    await expect(verifyMasterKey(oldKey, repository, store, now)).rejects.toBeInstanceOf(
      MasterKeyMismatchError,
    );
    await verifyMasterKey(newKey, repository, store, now);
    // Run again: nothing to do.
    expect(await rotateMasterKey(repository, oldKey, newKey, { store, now })).toMatchObject({
      alreadyRotated: true,
    });
  });

  it.each([
    ['before a batch is written', false],
    ['after a batch is written but before its progress is', true],
  ])(
    'continues a rotation stopped %s; the store opens for nothing else meanwhile',
    async (_when, keysWritten) => {
      const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
      const { repository, dataKeys } = await keysUnder(oldKey);
      await expect(
        rotateMasterKey(interruptedAt(repository, 3, keysWritten), oldKey, newKey, {
          store,
          now,
          batchSize: 5,
        }),
      ).rejects.toThrow('killed');

      for (const key of [oldKey, newKey]) {
        await expect(verifyMasterKey(key, repository, store, now)).rejects.toBeInstanceOf(
          KeyRotationInProgressError,
        );
      }
      await expect(
        rotateMasterKey(repository, oldKey, randomBytes(32), { store, now }),
      ).rejects.toBeInstanceOf(KeyRotationInProgressError);

      const report = await rotateMasterKey(repository, oldKey, newKey, { store, now, batchSize: 5 });
      expect(report).toMatchObject({ resumed: true, total: 29, rewrapped: keysWritten ? 14 : 19 });
      await expectKeysUnder(repository, newKey, dataKeys);
      const all = await repository.wrappedKeysAfter(null, 100);
      expect(all.every((k) => unwrapsWith(newKey, k) && !unwrapsWith(oldKey, k))).toBe(true);
      await expect(verifyMasterKey(oldKey, repository, store, now)).rejects.toBeInstanceOf(
        MasterKeyMismatchError,
      );
    },
  );

  it('a process still holding the old key adds no data key during or after the rotation', async () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const { repository } = await keysUnder(oldKey);
    const stale = new MasterKeyVault(oldKey, repository);
    await expect(
      rotateMasterKey(interruptedAt(repository, 2, false), oldKey, newKey, { store, now, batchSize: 5 }),
    ).rejects.toThrow('killed');
    await expect(stale.dataKeyFor('t1', 'during', now())).rejects.toBeInstanceOf(KeyRotationInProgressError);
    await rotateMasterKey(repository, oldKey, newKey, { store, now });
    await expect(stale.dataKeyFor('t1', 'after', now())).rejects.toBeInstanceOf(MasterKeyMismatchError);
    expect(await repository.find('t1', 'during')).toBeUndefined();
    expect(await repository.find('t1', 'after')).toBeUndefined();
    // The new key adds keys as before.
    expect(await new MasterKeyVault(newKey, repository).dataKeyFor('t1', 'after', now())).toHaveLength(32);
  });

  it('refuses a wrong old key and a new key equal to the old one, changing nothing', async () => {
    const oldKey = randomBytes(32);
    const { repository, dataKeys } = await keysUnder(oldKey);
    await expect(
      rotateMasterKey(repository, randomBytes(32), randomBytes(32), { store, now }),
    ).rejects.toBeInstanceOf(MasterKeyMismatchError);
    await expect(rotateMasterKey(repository, oldKey, Buffer.from(oldKey), { store, now })).rejects.toThrow(
      'The new master key is the old one.',
    );
    expect((await repository.readKeyCheck())?.rotatingTo).toBeNull();
    await expectKeysUnder(repository, oldKey, dataKeys);
  });
});
