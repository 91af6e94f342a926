import type { Client } from 'pg';

/** Server settings that make pg_stat_statements track every statement, nested ones and planning too. */
export const STATEMENT_TRACKING: Readonly<Record<string, string>> = {
  shared_preload_libraries: 'pg_stat_statements',
  'pg_stat_statements.track': 'all',
  'pg_stat_statements.track_planning': 'on',
  'pg_stat_statements.max': '10000',
};

/** Creates pg_stat_statements in the client's database (if missing) and forgets what it counted so far. */
export async function resetStatements(client: Client): Promise<void> {
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await client.query('SELECT pg_stat_statements_reset()');
}

/** One statement as pg_stat_statements counted it: calls, µs per call, and whether the client sent it. */
export interface StatementFigures {
  calls: number;
  execMicros: number;
  planMicros: number;
  topLevel: boolean;
  query: string;
}

/**
 * The statements the server ran in the client's database since the reset, most time
 * (execution + planning) first, the text on one line and cut to `width`.
 */
export async function statementFigures(
  client: Client,
  options: { limit?: number; minCalls?: number; width?: number } = {},
): Promise<StatementFigures[]> {
  const { rows } = await client.query<{
    calls: string;
    exec: string;
    plan: string;
    top: boolean;
    query: string;
  }>(
    `SELECT calls, total_exec_time * 1000 / greatest(calls, 1) AS exec, total_plan_time * 1000 / greatest(calls, 1) AS plan,
            toplevel AS top, left(regexp_replace(query, '\\s+', ' ', 'g'), $1) AS query
       FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND query NOT LIKE '%pg_stat_statements%' AND calls >= $2
      ORDER BY total_exec_time + total_plan_time DESC LIMIT $3`,
    [options.width ?? 110, options.minCalls ?? 0, options.limit ?? 1000],
  );
  return rows.map((r) => ({
    calls: Number(r.calls),
    execMicros: Number(r.exec),
    planMicros: Number(r.plan),
    topLevel: r.top,
    query: r.query,
  }));
}
