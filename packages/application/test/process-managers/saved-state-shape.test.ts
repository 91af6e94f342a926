import { isSavedStateFault, SavedStateShapeError } from '@vouch/event-store';
import { PROCESS_MANAGERS } from '../../src';

// A saved state of a layout a manager does not read is the saved state's fault (relearnt from
// the log), never taken for a fault of the code (which fails the start).
describe("each process manager's saved state of a layout it does not read", () => {
  const withState = PROCESS_MANAGERS.filter((manager) => manager.savedState);

  it('covers every manager that saves a state', () => {
    expect(withState.map((m) => m.name).sort()).toEqual([
      'enrol-approved-nominee',
      'release-engagements-of-closed-request',
      'suspend-content-on-consent-loss',
    ]);
  });

  for (const manager of withState) {
    for (const saved of [null, 'a string', { pending: [{ name: 'Mallory' }] }]) {
      it(`${manager.name}: ${JSON.stringify(saved)} is a SavedStateShapeError, a fault of the saved state`, async () => {
        const codec = manager.savedState!;
        const keys = { sealMany: async () => [], openMany: async () => [] } as never;
        const opening = (async () => codec.restore(codec.open ? await codec.open(saved, keys) : saved))();
        const error: unknown = await opening.catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SavedStateShapeError);
        expect(isSavedStateFault(error)).toBe(true);
      });
    }
  }
});
