import type { Checkpoint, EventStore } from '@vouch/event-store';
import { ProgramHistory } from '@vouch/projections';

const BATCH = 5000;

/** The tenant's whole log folded into the program's history (ids, traits, times; no personal data). */
export async function loadProgramHistory(store: EventStore, tenantId: string): Promise<ProgramHistory> {
  const history = new ProgramHistory();
  let after: Checkpoint | undefined;
  for (;;) {
    const page = await store.readAll(tenantId, { limit: BATCH, ...(after ? { after } : {}) });
    for (const event of page) history.apply(event);
    if (page.length < BATCH) return history;
    after = page[page.length - 1]!.checkpoint;
  }
}
