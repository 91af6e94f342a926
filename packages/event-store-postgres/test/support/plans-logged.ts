import type { PostgresEventStore } from '../../src';

/**
 * Logs every plan the store's connection makes from now on, nested ones (inside its functions)
 * too, with what each node actually read (auto_explain at notice level). Meant for a store of
 * one connection: the one whose plans are cached is the one watched.
 */
export async function plansLoggedOn(store: PostgresEventStore): Promise<string[]> {
  const plans: string[] = [];
  const client = await store.database.pool.connect();
  client.on('notice', (notice) => plans.push(notice.message ?? ''));
  await client.query(`LOAD 'auto_explain'`);
  await client.query(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on;
                      SET auto_explain.log_analyze = on; SET auto_explain.log_level = notice;
                      SET client_min_messages = notice`);
  client.release();
  return plans;
}
