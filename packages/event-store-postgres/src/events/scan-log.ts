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

/** The scan's statement: $1 tenant, $2 after position, $3 window size, $4 wanted types (null: all). */
export function scanLogStatement(schema: string, watermark: string): string {
  return `WITH win AS (
       SELECT position, type FROM ${schema}.events
        WHERE tenant_id = $1 AND position > $2 AND ${watermark}
        ORDER BY position LIMIT $3),
     edge AS (SELECT count(*)::int AS scanned, max(position) AS scanned_to FROM win)
     SELECT edge.scanned, edge.scanned_to, ${EVENT_COLUMNS}
       FROM edge LEFT JOIN ${schema}.events
         ON tenant_id = $1
        AND position IN (SELECT position FROM win WHERE $4::text[] IS NULL OR type = ANY($4::text[]))
      ORDER BY position`;
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
  const rows = await database.query<ScanRow>('scan log', scanLogStatement(database.schema, watermark), [
    toSqlText(tenantId),
    range.afterPosition,
    range.limit,
    range.types ? range.types.map(toSqlText) : null,
  ]);
  const edge = rows[0];
  return {
    events: rows.filter(isEvent).map(fromEventRow),
    scannedTo: edge?.scanned_to != null ? Number(edge.scanned_to) : range.afterPosition,
    reachedEnd: (edge?.scanned ?? 0) < range.limit,
  };
}
