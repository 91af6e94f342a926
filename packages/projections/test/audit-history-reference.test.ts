import { AuditHistory, auditEntryOf, auditSubjectsOf, type AuditSubjectKind } from '../src';
import { programHistory } from './support/program-history';
import { standardStory } from './support/story-world';

// A generated program (shortlists, consents, requests) and the hand-written story (content,
// suppression, erasure), so every kind of subject occurs.
const logs = [programHistory({ advocates: 40, requests: 15 }).log, standardStory().log];

/** The reference: per subject, every event that names it, as auditEntryOf renders it, once per event. */
function referenceTimelines(log: (typeof logs)[number]): Map<string, ReturnType<typeof auditEntryOf>[]> {
  const timelines = new Map<string, ReturnType<typeof auditEntryOf>[]>();
  for (const event of log) {
    const keys = new Set(auditSubjectsOf(event).map(([kind, id]) => `${kind}:${id}`));
    for (const key of keys) timelines.set(key, [...(timelines.get(key) ?? []), auditEntryOf(event)]);
  }
  return timelines;
}

describe('audit history (issue 15: compact entries and per-kind timelines)', () => {
  it.each(logs.map((log, i) => [i, log] as const))(
    'log %i: every timeline equals the reference, straight through and after snapshot and entries → JSON → restore',
    (_, log) => {
      const straight = new AuditHistory();
      for (const event of log) straight.apply(event);
      const restored = new AuditHistory();
      // As a store keeps it: the snapshot, and the entries beside it as JSON.
      restored.restore(JSON.parse(JSON.stringify(straight.snapshot())));
      restored.restoreEntries(JSON.parse(JSON.stringify(straight.appendOnlyEntries().slice(0))));
      const reference = referenceTimelines(log);
      expect(reference.size).toBeGreaterThan(5);
      for (const [key, entries] of reference) {
        const colon = key.indexOf(':');
        const [kind, id] = [key.slice(0, colon) as AuditSubjectKind, key.slice(colon + 1)];
        expect(straight.history(kind, id)).toEqual(entries);
        expect(restored.history(kind, id)).toEqual(entries);
      }
      // The snapshot lists exactly the reference's subjects.
      expect(
        straight
          .snapshot()
          .timelines.map(([key]) => key)
          .sort(),
      ).toEqual([...reference.keys()].sort());
    },
  );
});
