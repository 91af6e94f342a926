import { InMemoryEventStore, type EventStore, SubjectErasedError } from '@vouch/event-store';
import { createVouch, streamIdOf, type VouchCommand } from '../src';
import { as, NOW, pm, populateWorld, world } from './support/relationship-world';

// The command path holds an advocate's stream (personal data withheld) between commands
// (issue 15, ninth pass): a stale hold must never lose or overwrite another writer's event,
// and an idempotent replay answers the first result as stored, not the withheld form.
const advocateId = world.advocate.otto;
const streamId = streamIdOf('Advocate', advocateId);
let ids = 0;
const command = (type: string, data: object, commandId = `cmd-${++ids}`): VouchCommand =>
  ({ type, commandId, aggregateId: advocateId, data }) as VouchCommand;
const attributes = (topic: string) => ({
  seniority: 'VP',
  products: [],
  useCases: [],
  languages: ['en'],
  topics: [topic],
});

describe('the command path over a held personal-data stream', () => {
  it('a second writer appending between the read and the append is kept: the stale hold is caught by the expected version and retried', async () => {
    const inner = new InMemoryEventStore({ clock: () => NOW });
    const other = createVouch({ store: inner, clock: () => NOW, dueWorkIntervalMs: 0 });
    await populateWorld(other);
    let interleave: (() => Promise<unknown>) | undefined;
    const appends: number[] = [];
    // Our facade's store: just before our append, the other writer gets in first (once).
    const ours: EventStore = new Proxy(inner, {
      get(target, property, receiver) {
        if (property === 'append') {
          return async (...args: Parameters<EventStore['append']>) => {
            const run = interleave;
            interleave = undefined;
            if (run && args[1] === streamId) await run();
            appends.push(Number(args[3].expectedVersion));
            return target.append(...args);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const vouch = createVouch({ store: ours, clock: () => NOW, dueWorkIntervalMs: 0 });
    // Hold the stream (a first command reads it whole), then let the race happen on the second.
    await vouch.execute(pm, command('UpdateAdvocateAttributes', attributes('first')));
    const before = await inner.streamVersion('relationships', streamId);
    interleave = () =>
      other.execute(
        pm,
        command('UpdateAdvocateContact', { name: 'Otto Second', email: 'second@example.com', title: 'CTO' }),
      );
    const result = await vouch.execute(pm, command('UpdateAdvocateAttributes', attributes('second')));

    const stored = await inner.readStream('relationships', streamId, { fromVersion: before + 1 });
    expect(stored.map((e) => e.type)).toEqual(['AdvocateContactUpdated', 'AdvocateAttributesUpdated']);
    expect((stored[0]!.data.contact as { name: string }).name).toBe('Otto Second');
    expect(result.version).toBe(before + 2);
    // The first try expected the stale version and failed; the retry expected the new head.
    expect(appends.slice(-2)).toEqual([before, before + 1]);
  });

  it('a repeated command id answers the first result as stored (its personal values, not the withheld form); once erased, it answers nothing', async () => {
    const store = new InMemoryEventStore({ clock: () => NOW });
    const vouch = createVouch({ store, clock: () => NOW, dueWorkIntervalMs: 0 });
    await populateWorld(vouch);
    const update = command(
      'UpdateAdvocateContact',
      { name: 'Otto Renamed', email: 'renamed@example.com', title: 'COO' },
      'cmd-contact',
    );
    const first = await vouch.execute(pm, update);
    await vouch.execute(pm, command('UpdateAdvocateAttributes', attributes('later')));
    const again = await vouch.execute(pm, update);
    expect(again.duplicate).toBe(true);
    expect(again.events).toEqual(first.events);
    expect((again.events[0]!.data.contact as { name: string }).name).toBe('Otto Renamed');
    expect(JSON.stringify(again)).not.toContain('WithheldPersonalData');

    await store.forgetSubject('relationships', advocateId);
    await expect(vouch.execute(pm, update)).rejects.toBeInstanceOf(SubjectErasedError);
  });

  it("a workflow's request step decides over the workflow's own read of the request: its stream is read once", async () => {
    const inner = new InMemoryEventStore({ clock: () => NOW });
    const reads = new Map<string, number>();
    const store: EventStore = new Proxy(inner, {
      get(target, property, receiver) {
        if (property === 'readStream') {
          return (...args: Parameters<EventStore['readStream']>) => {
            reads.set(args[1], (reads.get(args[1]) ?? 0) + 1);
            return target.readStream(...args);
          };
        }
        if (property === 'readStreamTails') {
          return (...args: Parameters<NonNullable<EventStore['readStreamTails']>>) => {
            for (const { streamId } of args[1]) reads.set(streamId, (reads.get(streamId) ?? 0) + 1);
            return target.readStreamTails!(...args);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const vouch = createVouch({ store, clock: () => NOW, dueWorkIntervalMs: 0 });
    await populateWorld(vouch);
    const [requestId, asked] = world.askFor.olga;
    const onRequest = (type: string, principal = pm) =>
      vouch.execute(principal, {
        type,
        commandId: `cmd-${++ids}`,
        aggregateId: requestId,
        data: { advocateId: asked, engagementId: 'ignored' },
      } as VouchCommand);
    await onRequest('ApproveAsk', as('olga', 'ACCOUNT_OWNER'));
    reads.clear();
    const result = await onRequest('AskAdvocate');
    expect(result.events.map((e) => e.type)).toContain('AdvocateAsked');
    expect(reads.get(streamIdOf('ReferenceRequest', requestId))).toBe(1);
  });
});
