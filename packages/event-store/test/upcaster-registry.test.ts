import { UpcastFailedError, UpcasterRegistry } from '@vouch/event-store';

const context = { eventId: 'e1', type: 'Renamed', metadata: {} as never };

describe('UpcasterRegistry', () => {
  it('lifts step by step to the newest known version and leaves others alone', () => {
    const registry = new UpcasterRegistry([
      { type: 'Renamed', fromVersion: 1, upcast: (d) => ({ fullName: d.name }) },
      { type: 'Renamed', fromVersion: 2, upcast: (d) => ({ ...d, v3: true }) },
    ]);
    expect(registry.upcast({ name: 'a' }, 1, context)).toEqual({
      data: { fullName: 'a', v3: true },
      schemaVersion: 3,
    });
    expect(registry.upcast({ x: 1 }, 3, context)).toEqual({ data: { x: 1 }, schemaVersion: 3 });
    expect(registry.upcast({ x: 1 }, 1, { ...context, type: 'Other' })).toEqual({
      data: { x: 1 },
      schemaVersion: 1,
    });
  });

  it('refuses two upcasters for the same step and wraps an upcaster failure', () => {
    const registry = new UpcasterRegistry([
      {
        type: 'Renamed',
        fromVersion: 1,
        upcast: () => {
          throw new Error('bad');
        },
      },
    ]);
    expect(() => registry.register({ type: 'Renamed', fromVersion: 1, upcast: (d) => d })).toThrow(
      /already registered/,
    );
    expect(() => registry.upcast({}, 1, context)).toThrow(UpcastFailedError);
  });
});
