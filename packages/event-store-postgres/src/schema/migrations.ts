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
  {
    version: 2,
    name: 'append_events: check the planned head and write in one statement',
    sql: (s) => `
      -- An append planned outside any transaction (head and ids read, plan made by the
      -- shared planAppend) is written by this one call, atomically: it locks the stream
      -- until commit, checks that the head is still the one planned against and that no
      -- event id is stored yet, then takes positions and inserts. 'moved' or 'exists'
      -- tells the caller to read again and replan; nothing was written then.
      CREATE FUNCTION ${s}.append_events(
        p_tenant text, p_stream text, p_lock_key text, p_planned_version integer,
        p_versions integer[], p_event_ids text[], p_types text[], p_schema_versions integer[],
        p_data text[], p_personal text[], p_metadata text[], p_recorded_at text[],
        p_fingerprints text[], p_hashes text[])
        RETURNS TABLE (outcome text, first_position bigint)
        LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        head integer;
        reserved_xid xid8;
      BEGIN
        PERFORM pg_advisory_xact_lock(${AdvisoryLockSpace.STREAMS}, hashtext(p_lock_key));
        -- A new statement, so a new snapshot: it sees every append committed before the lock.
        SELECT e.version INTO head FROM ${s}.events e
         WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream ORDER BY e.version DESC LIMIT 1;
        IF coalesce(head, 0) <> p_planned_version THEN
          outcome := 'moved';
          RETURN NEXT;
          RETURN;
        END IF;
        IF EXISTS (SELECT 1 FROM ${s}.events e WHERE e.tenant_id = p_tenant AND e.event_id = ANY(p_event_ids)) THEN
          outcome := 'exists';
          RETURN NEXT;
          RETURN;
        END IF;
        SELECT r.transaction_id, r.first_position INTO reserved_xid, first_position
          FROM ${s}.reserve_positions(cardinality(p_event_ids)) r;
        INSERT INTO ${s}.events (position, transaction_id, tenant_id, stream_id, version, event_id, type,
                                 schema_version, data, personal, metadata, recorded_at, fingerprint, hash)
        SELECT first_position + e.ordinal - 1, reserved_xid, p_tenant, p_stream, e.version, e.event_id, e.type,
               e.schema_version, e.data::json, e.personal::json, e.metadata::json, e.recorded_at, e.fingerprint, e.hash
          FROM unnest(p_versions, p_event_ids, p_types, p_schema_versions, p_data, p_personal, p_metadata,
                      p_recorded_at, p_fingerprints, p_hashes)
               WITH ORDINALITY AS e(version, event_id, type, schema_version, data, personal, metadata, recorded_at,
                                    fingerprint, hash, ordinal);
        outcome := 'written';
        RETURN NEXT;
      END
      $fn$;
    `,
  },
];
