import { PROCESS_MANAGERS, ProcessManagerRunner } from '@vouch/application';
import type { CheckpointStore, EventStore, ReadModelStore } from '@vouch/event-store';

/**
 * Relearns from the log the process managers' saved states of a tenant that cannot be used
 * (whatever the reason: a ProcessManagerRestoreError included), up to each manager's decided
 * checkpoint, and saves them; usable states are left alone, nothing is decided, no checkpoint
 * moves. Answers the managers that said why they relearnt.
 */
export async function relearnProcessManagerStates(
  store: EventStore,
  readModels: ReadModelStore,
  checkpoints: CheckpointStore,
  tenantId: string,
): Promise<string[]> {
  const relearnt: string[] = [];
  const runner = new ProcessManagerRunner({
    store,
    readModels,
    checkpoints,
    managers: PROCESS_MANAGERS,
    learnOnly: true,
    relearnOnAnyRestoreFailure: true,
    onRelearn: (manager) => relearnt.push(manager),
    commands: {
      execute: () => Promise.reject(new Error('A rebuild decides nothing: no process manager reacts.')),
    },
  });
  try {
    await runner.start(tenantId);
  } finally {
    await runner.stop();
  }
  return relearnt;
}
