import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { contractEvent } from '@vouch/event-store/testing';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { OwnCommitMarks } from '../src/own-commit-marks';
import { useTempDirectory } from './support/temp-files';

const nextFile = useTempDirectory();

// `writeMark` (issue 15, tenth pass): a stream's mark stays put only while nobody appends to it.
describe('SQLite write marks', () => {
  const tenant = 'tenant-a';
  const masterKey = randomBytes(32);
  const event = () => contractEvent(tenant, 'ContactRecorded', { note: randomBytes(4).toString('hex') });
  const open = (filename: string) => SqliteEventStore.open({ filename, masterKey });

  it("changes a stream's mark on this connection's appends to it, and only to it", async () => {
    const store = open(nextFile());
    const a0 = store.writeMark(tenant, 's-a');
    const b0 = store.writeMark(tenant, 's-b');
    expect(store.writeMark(tenant, 's-a')).toBe(a0);

    await store.append(tenant, 's-a', [event()], { expectedVersion: 'no_stream' });
    const a1 = store.writeMark(tenant, 's-a');
    expect(a1).not.toBe(a0);
    expect(store.writeMark(tenant, 's-b')).toBe(b0);
    // Another tenant's stream of the same name is another stream.
    expect(store.writeMark('tenant-b', 's-a')).toBe(b0);

    await store.append(tenant, 's-a', [event()], { expectedVersion: 1 });
    expect(store.writeMark(tenant, 's-a')).not.toBe(a1);
    await store.close();
  });

  it('changes every mark when another connection commits to the file', async () => {
    const filename = nextFile();
    const ours = open(filename);
    const theirs = open(filename);
    await ours.append(tenant, 's-a', [event()], { expectedVersion: 'no_stream' });
    const a = ours.writeMark(tenant, 's-a');
    const b = ours.writeMark(tenant, 's-b');

    await theirs.append(tenant, 's-b', [event()], { expectedVersion: 'no_stream' });

    expect(ours.writeMark(tenant, 's-b')).not.toBe(b);
    expect(ours.writeMark(tenant, 's-a')).not.toBe(a); // the file alone cannot say which stream
    await theirs.close();
    await ours.close();
  });

  it('fails like a read once the store is closed', async () => {
    const store = open(nextFile());
    await store.close();
    expect(() => store.writeMark(tenant, 's-a')).toThrow(/closed/);
  });

  it("never keeps a stream's own-commit mark across a commit that wrote it, however few it remembers", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1 }), {
          minLength: 1,
          maxLength: 40,
        }),
        (capacity, commits) => {
          const marks = new OwnCommitMarks(capacity);
          const all = ['a', 'b', 'c', 'd', 'e'];
          // Every mark each stream has shown, and those it showed before its last write: a
          // reader may hold any of them, so none of the latter may ever come back.
          const shown = new Map(all.map((s) => [s, new Set([marks.of(s)])]));
          const stale = new Map(all.map((s) => [s, new Set<number>()]));
          for (const streams of commits) {
            marks.committed(streams);
            for (const s of streams) stale.set(s, new Set(shown.get(s)));
            for (const s of all) {
              const mark = marks.of(s);
              expect(stale.get(s)!.has(mark)).toBe(false);
              shown.get(s)!.add(mark);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
