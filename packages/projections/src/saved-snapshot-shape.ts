import { SavedStateShapeError } from '@vouch/event-store';
import type { AdvocateDirectorySnapshot } from './advocate-directory';
import type { ProgramHistorySnapshot } from './intelligence/program-history';

/**
 * Checks that a saved snapshot of every read model of a tenant has the layout this code
 * writes, member by member down to the lists of entries (not inside each entry: that would
 * cost a pass over every advocate); throws a SavedStateShapeError naming the first member that is not,
 * never a value. A snapshot of an older layout or with a member missing is then rebuilt from
 * the log instead of being restored into models that would fail later, on a query.
 */
export function assertSavedSnapshotShape(saved: unknown): void {
  const root = objectAt(saved, 'snapshot');
  const directory = objectAt(root.directory, 'directory');
  for (const [member, layout] of Object.entries(DIRECTORY_LAYOUT)) {
    if (layout === 'pairs') pairsAt(directory[member], `directory.${member}`);
    else objectAt(directory[member], `directory.${member}`);
  }
  for (const member of ['requests', 'nominations', 'contents'] as const) pairsAt(root[member], member);
  const audit = objectAt(root.audit, 'audit');
  if (!Number.isSafeInteger(audit.count) || (audit.count as number) < 0)
    throw new SavedStateShapeError('audit.count is not a count');
  listAt(audit.actors, 'audit.actors');
  pairsAt(audit.timelines, 'audit.timelines');
  const history = objectAt(root.history, 'history');
  for (const member of Object.keys(HISTORY_LAYOUT)) listAt(history[member], `history.${member}`);
}

// One entry per member of the saved types, so a member added to a snapshot without its check
// here does not compile (`satisfies` refuses a missing or an unknown key).
const DIRECTORY_LAYOUT = {
  advocates: 'pairs',
  accounts: 'pairs',
  requesters: 'pairs',
  accepted: 'pairs',
  program: 'object',
} as const satisfies Record<keyof AdvocateDirectorySnapshot, 'pairs' | 'object'>;

const HISTORY_LAYOUT = {
  advocates: 'list',
  accounts: 'list',
  requests: 'list',
  contents: 'list',
  nominations: 'list',
  fatiguePolicy: 'list',
  freshnessPolicy: 'list',
  slaPolicy: 'list',
  nominationPolicy: 'list',
  coverageTargets: 'list',
  wishlist: 'list',
} as const satisfies Record<keyof ProgramHistorySnapshot, 'list'>;

function objectAt(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SavedStateShapeError(`${path} is not an object`);
  return value as Record<string, unknown>;
}

function listAt(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new SavedStateShapeError(`${path} is not a list`);
  return value;
}

// A list of [key, value] pairs (a saved Map): the pairs are checked, not what they hold.
function pairsAt(value: unknown, path: string): void {
  for (const pair of listAt(value, path)) {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string')
      throw new SavedStateShapeError(`${path} holds an entry that is not a [key, value] pair`);
  }
}
