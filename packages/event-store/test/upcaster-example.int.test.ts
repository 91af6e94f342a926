// The upcaster example of docs/upgrading.md, run: the code between the markers is the
// documentation's code block, character for character (the last test checks it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractEvent } from '@vouch/event-store/testing';
// docs:upcaster-example:start
import { InMemoryEventStore, UpcasterRegistry, type Upcaster } from '@vouch/event-store';

// CallLogged v1 stored `minutes`; v2 stores `duration: { minutes, billable }`.
// Stored events are never rewritten: the upcaster lifts v1 data each time it is read.
const callLoggedV1: Upcaster = {
  type: 'CallLogged',
  fromVersion: 1,
  upcast: ({ minutes, ...rest }) => ({ ...rest, duration: { minutes, billable: false } }),
};

const store = new InMemoryEventStore({ upcasters: new UpcasterRegistry([callLoggedV1]) });
// docs:upcaster-example:end

describe('the upcaster example in docs/upgrading.md', () => {
  it('reads an event written at version 1 as version 2', async () => {
    const v1 = contractEvent('acme', 'CallLogged', { requestId: 'req-1', minutes: 30 }, { schemaVersion: 1 });
    await store.append('acme', 'req-1', [v1], { expectedVersion: 'no_stream' });
    const [read] = await store.readStream('acme', 'req-1');
    expect(read!.data).toEqual({ requestId: 'req-1', duration: { minutes: 30, billable: false } });
    expect(read!.schemaVersion).toBe(2);
    expect(read!.storedSchemaVersion).toBe(1); // as it was written, and stays
  });

  it('is the code block of docs/upgrading.md', () => {
    const source = readFileSync(__filename, 'utf8');
    const code = source
      .split('// docs:upcaster-example:start\n')[1]!
      .split('// docs:upcaster-example:end')[0]!;
    const docs = readFileSync(join(__dirname, '../../../docs/upgrading.md'), 'utf8');
    expect(docs).toContain('```ts\n' + code + '```');
  });
});
