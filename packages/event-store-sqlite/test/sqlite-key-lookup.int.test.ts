import { randomBytes } from 'node:crypto';
import { START } from '@vouch/event-store';
import { contactRecorded, contractEvent, contractPersonalData } from '@vouch/event-store/testing';
import { SqliteEventStore, SqliteWrappedKeyRepository } from '@vouch/event-store-sqlite';
import { useTempDirectory } from './support/temp-files';

const nextFile = useTempDirectory();
const tenant = 'tenant-a';

/** Three advocates with contact details (personal), a plain event each, the second one erased. */
async function storeWithThreeSubjects(): Promise<SqliteEventStore> {
  const store = SqliteEventStore.open({
    filename: nextFile(),
    masterKey: randomBytes(32),
    personalData: contractPersonalData,
  });
  for (const id of ['adv-1', 'adv-2', 'adv-3']) {
    await store.append(
      tenant,
      id,
      [
        contactRecorded(tenant, id, `Name ${id}`, `${id}@example.com`),
        contractEvent(tenant, 'Activated', { id }),
      ],
      { expectedVersion: 'no_stream' },
    );
  }
  await store.forgetSubject(tenant, 'adv-2');
  return store;
}

describe('SQLite store: data keys looked up once per page, in one query (issue 15)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('findMany answers as find does, per subject, and only for the tenant asked', async () => {
    const store = await storeWithThreeSubjects();
    const repository = new SqliteWrappedKeyRepository(store.database);
    const asked = ['adv-1', 'adv-2', 'adv-3', 'nobody'];
    const many = await repository.findMany(tenant, asked);
    for (const subjectId of asked)
      expect(many.get(subjectId)).toEqual(await repository.find(tenant, subjectId));
    expect([...many.keys()].sort()).toEqual(['adv-1', 'adv-2', 'adv-3']);
    expect(many.get('adv-2')?.wrappedKey).toBeNull();
    // Another tenant with the same subject ids sees none of these keys.
    expect((await repository.findMany('tenant-b', asked)).size).toBe(0);
    // Subject ids are data, not SQL: quotes and JSON-looking ids find nothing and break nothing.
    expect((await repository.findMany(tenant, [`x') OR 1=1 --`, '["adv-1"]', ''])).size).toBe(0);
    await store.close();
  });

  it('a catch-up read asks the repository once per page and decrypts exactly as a stream read does', async () => {
    const store = await storeWithThreeSubjects();
    const find = jest.spyOn(SqliteWrappedKeyRepository.prototype, 'find');
    const findMany = jest.spyOn(SqliteWrappedKeyRepository.prototype, 'findMany');
    const pages = [];
    let after = START;
    for (;;) {
      const page = await store.readAll(tenant, { after, limit: 4 });
      pages.push(page);
      if (page.length < 4) break;
      after = page[page.length - 1]!.checkpoint;
    }
    // 6 events in pages of 4: [adv-1 ×2, adv-2 ×2] and [adv-3 ×2], one query each.
    expect(pages.map((p) => p.length)).toEqual([4, 2]);
    expect(findMany.mock.calls.map(([, subjects]) => [...subjects])).toEqual([['adv-1', 'adv-2'], ['adv-3']]);
    expect(find).not.toHaveBeenCalled();
    const all = pages.flat();
    expect(all.map((e) => e.personalData.status)).toEqual([
      'present',
      'none',
      'erased',
      'none',
      'present',
      'none',
    ]);
    expect(all[4]!.data).toEqual({
      advocateId: 'adv-3',
      profile: { name: 'Name adv-3', email: 'adv-3@example.com' },
      seniority: 'VP',
    });
    for (const id of ['adv-1', 'adv-2', 'adv-3']) {
      expect(all.filter((e) => e.streamId === id)).toEqual(await store.readStream(tenant, id));
    }
    await store.close();
  });
});
