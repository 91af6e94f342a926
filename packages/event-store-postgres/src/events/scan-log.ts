import type { LogRange, LogScan } from '@vouch/event-store';
import type { PostgresDatabase } from '../database/postgres-database';
import { toSqlText } from '../database/sql-text';
import { EVENT_COLUMNS, fromEventRow, type EventRow } from './event-row';

/** An event row (all null when the window matched nothing) with the window's edge beside it. */
interface ScanRow extends Omit<EventRow, 'position'> {
  readonly position: string | null;
  readonly scanned: number;
  readonly scanned_to: string | null;
}

const isEvent = (row: ScanRow): row is ScanRow & EventRow => row.position !== null;

/**
 * The scan's statement: $1 tenant, $2 after position, $3 window size, $4 wanted types (null:
 * all). Prepared, so a connection keeps one generic plan, made on whatever the table held at
 * its first calls (in a new schema: nearly nothing, no statistics). Its shape leaves that plan
 * no bad choice: the window is read once (materialised) along `events_log`, and each wanted
 * row is fetched by its primary key inside a lateral subquery fenced by `OFFSET 0`, which the
 * planner cannot turn into a join that reads the tenant's whole log.
 */
export function scanLogStatement(schema: string, watermark: string): string {
  return `WITH win AS MATERIALIZED (
       SELECT position, type FROM ${schema}.events
        WHERE tenant_id = $1 AND position > $2 AND ${watermark}
        ORDER BY position LIMIT $3)
     SELECT edge.scanned, edge.scanned_to, e.*
       FROM (SELECT count(*)::int AS scanned, max(position) AS scanned_to FROM win) edge
       LEFT JOIN LATERAL (
         SELECT hit.* FROM win, LATERAL (
           SELECT ${EVENT_COLUMNS} FROM ${schema}.events
            WHERE position = win.position AND tenant_id = $1 OFFSET 0) hit
          WHERE $4::text[] IS NULL OR win.type = ANY($4::text[])) e ON true
      ORDER BY e.position`;
}

/**
 * The wanted events among the next `range.limit` visible events of a tenant, in one round
 * trip: the window (positions only, under the same visibility watermark as every read),
 * its edge, and the rows of the wanted types inside it. A window that matches nothing
 * still answers one row carrying the edge.
 */
export async function scanLog(
  database: PostgresDatabase,
  watermark: string,
  tenantId: string,
  range: LogRange,
): Promise<LogScan> {
  const rows = await database.query<ScanRow>(
    'scan log',
    scanLogStatement(database.schema, watermark),
    [toSqlText(tenantId), range.afterPosition, range.limit, range.types ? range.types.map(toSqlText) : null],
    // Planning it cost the server more than running it (0.4–0.7 ms a scan); the plan a
    // connection keeps reads only the window however the log grows (postgres-tail-scan-plan test).
    'scan_log',
  );
  const edge = rows[0];
  return {
    events: rows.filter(isEvent).map(fromEventRow),
    scannedTo: edge?.scanned_to != null ? Number(edge.scanned_to) : range.afterPosition,
    reachedEnd: (edge?.scanned ?? 0) < range.limit,
  };
}
