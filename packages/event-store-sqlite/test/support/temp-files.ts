import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory per test file, removed after all its tests. */
export function useTempDirectory(): () => string {
  let directory: string | undefined;
  let counter = 0;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'vouch-sqlite-'));
  });
  afterAll(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });
  return () => {
    counter += 1;
    return join(directory!, `store-${counter}.db`);
  };
}
