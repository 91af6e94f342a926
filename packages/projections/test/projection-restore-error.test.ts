import { ProjectionRestoreError } from '../src';

/** A model's restore that trips over a value inside an entry, in a built-in (Set's constructor). */
function restoreAccepted(list: unknown): Set<unknown> {
  return new Set(list as unknown[]);
}

describe('ProjectionRestoreError', () => {
  it("names the row, the error's kind and the first frame in a file of code, never the message", () => {
    let failure: unknown;
    try {
      restoreAccepted(424242);
    } catch (error) {
      failure = error;
    }
    expect((failure as Error).message).toContain('424242');
    const error = new ProjectionRestoreError('read-models', 'demo', 3, failure);
    expect(error).toMatchObject({ code: 'PROJECTION_RESTORE_FAILED', kind: 'TypeError', version: 3 });
    expect(error.thrownAt).toMatch(/^restoreAccepted \(.*projection-restore-error\.test\.ts:\d+:\d+\)$/);
    expect(error.message).toMatch(
      /^Read model read-models v3 of tenant demo failed to restore .*\(TypeError thrown at restoreAccepted/,
    );
    expect(error.message).not.toContain('424242');
  });
});
