import { AdvisoryLockSpace } from '../database/advisory-locks';
import { sqlLiteral } from '../database/sql-identifier';

/** One schema change, applied once per schema in version order. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** The DDL, given the quoted schema and its plain name. */
  sql(schema: string, schemaName: string): string;
}

/**
 * Every schema change, oldest first. Never edit a released migration: add a new one.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events, positions, data keys, checkpoints, leases',
    sql: (s, name) => `
      -- Positions come from this sequence, always taken together with the transaction id
      -- (see reserve_positions), so position order is transaction-id order.
      CREATE SEQUENCE ${s}.event_positions AS bigint;

      CREATE TABLE ${s}.events (
        position bigint PRIMARY KEY,
        -- The writing transaction: a reader only returns rows whose transaction is older
        -- than every transaction still in flight, so it never skips a late commit.
        transaction_id xid8 NOT NULL,
        tenant_id text NOT NULL,
        stream_id text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        event_id text NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        -- json, not jsonb: stored as written (jsonb refuses \\u0000 in strings).
        data json NOT NULL,
        personal json,
        metadata json NOT NULL,
        -- Text, not timestamptz: the hash chain covers the exact string the clock gave.
        recorded_at text NOT NULL,
        fingerprint text NOT NULL,
        hash text NOT NULL,
        CONSTRAINT events_stream_version UNIQUE (tenant_id, stream_id, version),
        -- Event ids are unique per tenant: a retry is recognised, a reused id refused.
        CONSTRAINT events_event_id UNIQUE (tenant_id, event_id)
      );

      -- Matches the log poll: tenant, position range, watermark test on the included xid.
      CREATE INDEX events_log ON ${s}.events (tenant_id, position) INCLUDE (transaction_id, type);

      -- Takes the caller's transaction id and a block of positions under a lock held for
      -- microseconds (not until commit): transactions get positions in transaction-id
      -- order, which is what makes the transaction-id watermark gap-free.
      CREATE FUNCTION ${s}.reserve_positions(count integer)
        RETURNS TABLE (transaction_id xid8, first_position bigint)
        LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        lock_key integer := hashtext(${sqlLiteral(name)});
      BEGIN
        PERFORM pg_advisory_lock(${AdvisoryLockSpace.POSITIONS}, lock_key);
        BEGIN
          transaction_id := pg_current_xact_id();
          first_position := nextval('${s}.event_positions');
          IF count > 1 THEN
            PERFORM setval('${s}.event_positions', first_position + count - 1);
          END IF;
        EXCEPTION WHEN OTHERS OR query_canceled THEN
          -- A session lock outlives the transaction: never leave it held.
          PERFORM pg_advisory_unlock(${AdvisoryLockSpace.POSITIONS}, lock_key);
          RAISE;
        END;
        PERFORM pg_advisory_unlock(${AdvisoryLockSpace.POSITIONS}, lock_key);
        RETURN NEXT;
      END
      $fn$;

      CREATE TABLE ${s}.data_keys (
        tenant_id text NOT NULL,
        subject_id text NOT NULL,
        wrapped_key bytea,
        created_at text NOT NULL,
        erased_at text,
        PRIMARY KEY (tenant_id, subject_id),
        CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
      );

      CREATE TABLE ${s}.checkpoints (
        projection text PRIMARY KEY,
        checkpoint text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE ${s}.leases (
        name text PRIMARY KEY,
        holder text NOT NULL,
        -- Grows with every change of holder: work can be fenced with it.
        token bigint NOT NULL,
        expires_at timestamptz NOT NULL
      );
    `,
  },
];
