import { InMemoryEventStore } from '@vouch/event-store';
import { InMemoryReadModelStore } from '../src';
import { projectionRunnerSuite } from './support/projection-runner-suite';

projectionRunnerSuite('the in-memory stores', async (clock) => {
  const store = new InMemoryEventStore({ clock });
  return { store, readModels: new InMemoryReadModelStore(), close: () => store.close() };
});
