import { randomBytes } from 'node:crypto';
import { START } from '@vouch/event-store';
import { contactRecorded, contractPersonalData } from '@vouch/event-store/testing';
import { PostgresEventStore, PostgresWrappedKeyRepository } from '../src';
import { usePostgresTestServer } from '../src/testing';

const server = usePostgresTestServer();

const tenant = 'tenant-a';
// Ids the SQL text escape must carry through an array parameter and back.
const subjects = ['adv-1', 'adv\\2', `adv${String.fromCharCode(0)}3`];

describe('PostgreSQL store: a page of data keys in one query (issue 15)', () => {
  it('findMany answers as find does per subject, only for the tenant asked, and a read asks once per page', async () => {
    const store = await PostgresEventStore.open({
      connectionString: server.url,
      schema: `key_lookup_${process.pid}`,
      masterKey: randomBytes(32),
      personalData: contractPersonalData,
    });
    try {
      for (const id of subjects) {
        await store.append(
          tenant,
          `s-${subjects.indexOf(id)}`,
          [contactRecorded(tenant, id, `N ${id}`, 'e@x.org')],
          {
            expectedVersion: 'no_stream',
          },
        );
      }
      await store.forgetSubject(tenant, 'adv\\2');
      const repository = new PostgresWrappedKeyRepository(store.database);
      const asked = [...subjects, 'nobody'];
      const many = await repository.findMany(tenant, asked);
      for (const id of asked) expect(many.get(id)).toEqual(await repository.find(tenant, id));
      expect([...many.keys()].sort()).toEqual([...subjects].sort());
      expect(many.get('adv\\2')?.wrappedKey).toBeNull();
      expect((await repository.findMany('tenant-b', asked)).size).toBe(0);

      const find = jest.spyOn(PostgresWrappedKeyRepository.prototype, 'find');
      const findMany = jest.spyOn(PostgresWrappedKeyRepository.prototype, 'findMany');
      const events = await store.readAll(tenant, { after: START, limit: 10 });
      expect(events.map((e) => e.personalData.status)).toEqual(['present', 'erased', 'present']);
      expect(events[2]!.data).toMatchObject({
        advocateId: subjects[2],
        profile: { name: `N ${subjects[2]}` },
      });
      expect(findMany).toHaveBeenCalledTimes(1);
      expect(find).not.toHaveBeenCalled();
    } finally {
      jest.restoreAllMocks();
      await store.close();
    }
  });
});
