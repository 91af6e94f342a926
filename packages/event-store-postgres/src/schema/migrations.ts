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
  {
    version: 3,
    name: 'append_group: many planned appends in one transaction (group commit)',
    sql: (s) => `
      -- Group commit: the appends planned outside any transaction (as for append_events)
      -- that a process has waiting are written by this one call, in one transaction, in
      -- the order given. Each append keeps its own check and outcome: 'written' (with its
      -- first position), or 'moved' / 'exists' (nothing of it written, the caller replans
      -- it), and the others go on. Every stream's lock is taken first, in lock-id order,
      -- so two groups never deadlock. Positions are reserved once for all written events:
      -- a transaction must take all its positions together with its transaction id, or a
      -- later transaction could take positions between two of its blocks and the
      -- transaction-id watermark would no longer cut the log at a prefix.
      -- p_items gives, for every event, its append's index (1-based); an append's events
      -- are consecutive and in order.
      CREATE FUNCTION ${s}.append_group(
        p_tenants text[], p_streams text[], p_lock_keys text[], p_planned_versions integer[],
        p_counts integer[], p_items integer[],
        p_versions integer[], p_event_ids text[], p_types text[], p_schema_versions integer[],
        p_data text[], p_personal text[], p_metadata text[], p_recorded_at text[],
        p_fingerprints text[], p_hashes text[])
        RETURNS TABLE (outcome text, first_position bigint)
        LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        v_count integer := cardinality(p_tenants);
        v_lock integer;
        v_item integer;
        v_outcomes text[] := array_fill(NULL::text, ARRAY[v_count]);
        -- Offset of a written append's first event in the reserved block; NULL otherwise.
        v_starts integer[] := array_fill(NULL::integer, ARRAY[v_count]);
        -- Index of an append's first event in the event arrays.
        v_firsts integer[] := array_fill(NULL::integer, ARRAY[v_count]);
        -- The head each stream has once this group's earlier appends are written.
        v_heads jsonb := '{}';
        v_head integer;
        -- Per append: its stream's head as committed, and whether one of its ids is stored.
        v_stored_heads integer[];
        v_stored_ids boolean[];
        v_next integer := 1;
        v_total integer := 0;
        v_xid xid8;
        v_first bigint;
      BEGIN
        FOR v_lock IN SELECT DISTINCT hashtext(k) FROM unnest(p_lock_keys) AS k ORDER BY 1 LOOP
          PERFORM pg_advisory_xact_lock(${AdvisoryLockSpace.STREAMS}, v_lock);
        END LOOP;
        -- New statements, so new snapshots: they see every append committed before the locks.
        -- Set-based, each an index probe by equality: (tenant, stream, version) and (tenant, event id).
        SELECT array_agg(coalesce(h.version, 0) ORDER BY a.ord) INTO v_stored_heads
          FROM unnest(p_tenants, p_streams) WITH ORDINALITY AS a(tenant, stream, ord)
          LEFT JOIN LATERAL (SELECT e.version FROM ${s}.events e
                              WHERE e.tenant_id = a.tenant AND e.stream_id = a.stream
                              ORDER BY e.version DESC LIMIT 1) h ON true;
        v_stored_ids := array_fill(false, ARRAY[v_count]);
        FOR v_item IN
          SELECT DISTINCT x.item FROM unnest(p_items, p_event_ids) AS x(item, event_id)
           WHERE EXISTS (SELECT 1 FROM ${s}.events e WHERE e.tenant_id = p_tenants[x.item] AND e.event_id = x.event_id)
        LOOP
          v_stored_ids[v_item] := true;
        END LOOP;
        FOR i IN 1 .. v_count LOOP
          v_firsts[i] := v_next;
          v_next := v_next + p_counts[i];
          v_head := coalesce((v_heads ->> p_lock_keys[i])::integer, v_stored_heads[i]);
          IF v_head <> p_planned_versions[i] THEN
            v_outcomes[i] := 'moved';
          ELSIF v_stored_ids[i] THEN
            v_outcomes[i] := 'exists';
          ELSE
            v_outcomes[i] := 'written';
            v_starts[i] := v_total;
            v_total := v_total + p_counts[i];
            v_heads := v_heads || jsonb_build_object(p_lock_keys[i], p_planned_versions[i] + p_counts[i]);
          END IF;
        END LOOP;
        IF v_total > 0 THEN
          SELECT r.transaction_id, r.first_position INTO v_xid, v_first FROM ${s}.reserve_positions(v_total) r;
          INSERT INTO ${s}.events (position, transaction_id, tenant_id, stream_id, version, event_id, type,
                                   schema_version, data, personal, metadata, recorded_at, fingerprint, hash)
          SELECT v_first + v_starts[e.item] + (e.ordinal - v_firsts[e.item]), v_xid, p_tenants[e.item],
                 p_streams[e.item], e.version, e.event_id, e.type, e.schema_version, e.data::json,
                 e.personal::json, e.metadata::json, e.recorded_at, e.fingerprint, e.hash
            FROM unnest(p_items, p_versions, p_event_ids, p_types, p_schema_versions, p_data, p_personal,
                        p_metadata, p_recorded_at, p_fingerprints, p_hashes)
                 WITH ORDINALITY AS e(item, version, event_id, type, schema_version, data, personal, metadata,
                                      recorded_at, fingerprint, hash, ordinal)
           WHERE v_starts[e.item] IS NOT NULL;
        END IF;
        RETURN QUERY SELECT v_outcomes[i], v_first + v_starts[i] FROM generate_series(1, v_count) AS i ORDER BY i;
      END
      $fn$;
    `,
  },
  {
    version: 4,
    name: 'master_key_check: the master key check value and a rotation in progress',
    sql: (s) => `
      -- The key check value of the master key that wraps data_keys (an HMAC of a fixed
      -- label, never the key): a store opened with another key refuses to start. While a
      -- rotation runs, rotating_to names the new key and rotation_after / rotated its progress.
      CREATE TABLE ${s}.master_key_check (
        id integer PRIMARY KEY CHECK (id = 1),
        value text NOT NULL,
        recorded_at text NOT NULL,
        rotating_to text,
        rotation_after text,
        rotated bigint NOT NULL DEFAULT 0
      );
    `,
  },
  {
    version: 5,
    name: 'signed_digests: the digests the product signed, append-only',
    sql: (s) => `
      -- Invariant 12. The trigger stops mistakes, not an attacker with the database: a
      -- digest kept outside the system catches a removed or replaced one.
      CREATE TABLE ${s}.signed_digests (
        tenant_id text NOT NULL,
        sequence integer NOT NULL CHECK (sequence > 0),
        checkpoint text NOT NULL,
        issued_at text NOT NULL,
        digest text NOT NULL,
        PRIMARY KEY (tenant_id, sequence)
      );

      CREATE FUNCTION ${s}.signed_digests_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'signed digests are append-only';
      END
      $fn$;

      CREATE TRIGGER signed_digests_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${s}.signed_digests
        FOR EACH STATEMENT EXECUTE FUNCTION ${s}.signed_digests_append_only();
    `,
  },
  {
    version: 6,
    name: 'append_one: a group of one append, planned once per connection',
    sql: (s) => `
      -- The group of one (every append of a single writer): the same checks and outcomes as
      -- append_group for one append, without its per-group bookkeeping. Generic plans: with
      -- the planner's default every statement here was planned again on every call (its
      -- estimate for a parameter array of unknown length never favours the cached plan),
      -- which cost more server time than running them. Every statement probes a unique
      -- key by equality, so the generic plan is the custom one whatever the table holds.
      CREATE FUNCTION ${s}.append_one(
        p_tenant text, p_stream text, p_lock_key text, p_planned_version integer,
        p_versions integer[], p_event_ids text[], p_types text[], p_schema_versions integer[],
        p_data text[], p_personal text[], p_metadata text[], p_recorded_at text[],
        p_fingerprints text[], p_hashes text[])
        RETURNS TABLE (outcome text, first_position bigint)
        LANGUAGE plpgsql VOLATILE
        SET plan_cache_mode = force_generic_plan AS $fn$
      DECLARE
        v_head integer;
        v_event_id text;
        v_xid xid8;
      BEGIN
        PERFORM pg_advisory_xact_lock(${AdvisoryLockSpace.STREAMS}, hashtext(p_lock_key));
        -- A new statement, so a new snapshot: it sees every append committed before the lock.
        SELECT e.version INTO v_head FROM ${s}.events e
         WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream ORDER BY e.version DESC LIMIT 1;
        IF coalesce(v_head, 0) <> p_planned_version THEN
          RETURN QUERY SELECT 'moved'::text, NULL::bigint;
          RETURN;
        END IF;
        -- One probe of the (tenant, event id) key per id: a join with the id array, or
        -- event_id = ANY(...), gets a generic plan that scans the tenant.
        FOREACH v_event_id IN ARRAY p_event_ids LOOP
          IF EXISTS (SELECT 1 FROM ${s}.events e WHERE e.tenant_id = p_tenant AND e.event_id = v_event_id) THEN
            RETURN QUERY SELECT 'exists'::text, NULL::bigint;
            RETURN;
          END IF;
        END LOOP;
        SELECT r.transaction_id, r.first_position INTO v_xid, first_position
          FROM ${s}.reserve_positions(cardinality(p_event_ids)) r;
        INSERT INTO ${s}.events (position, transaction_id, tenant_id, stream_id, version, event_id, type,
                                 schema_version, data, personal, metadata, recorded_at, fingerprint, hash)
        SELECT first_position + e.ordinal - 1, v_xid, p_tenant, p_stream, e.version, e.event_id, e.type,
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
  {
    version: 7,
    name: 'append_one: the event ids checked by the insert itself',
    sql: (s) => `
      -- The same append, checks and outcomes as migration 6, but the event ids are checked by
      -- the (tenant, event id) key the insert must respect anyway (ON CONFLICT ... DO NOTHING),
      -- not by a probe per id. The probe's generic plan was made at a connection's first
      -- call, and on a table without statistics (a new schema, before autovacuum's first
      -- analyze) the planner could not tell events_log (tenant, position) from the unique key
      -- and took events_log: every append then read the whole tenant's log, for as long as
      -- the connection lived or no analyze ran. An insert's conflict check always probes
      -- the constraint's own index. An id already stored makes the insert skip its row; the
      -- rows it did write are deleted again (their positions stay unused, as after any
      -- rolled-back append) and the outcome is 'exists', as before.
      CREATE OR REPLACE FUNCTION ${s}.append_one(
        p_tenant text, p_stream text, p_lock_key text, p_planned_version integer,
        p_versions integer[], p_event_ids text[], p_types text[], p_schema_versions integer[],
        p_data text[], p_personal text[], p_metadata text[], p_recorded_at text[],
        p_fingerprints text[], p_hashes text[])
        RETURNS TABLE (outcome text, first_position bigint)
        LANGUAGE plpgsql VOLATILE
        SET plan_cache_mode = force_generic_plan AS $fn$
      DECLARE
        v_head integer;
        v_xid xid8;
        v_written integer;
      BEGIN
        PERFORM pg_advisory_xact_lock(${AdvisoryLockSpace.STREAMS}, hashtext(p_lock_key));
        -- A new statement, so a new snapshot: it sees every append committed before the lock.
        SELECT e.version INTO v_head FROM ${s}.events e
         WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream ORDER BY e.version DESC LIMIT 1;
        IF coalesce(v_head, 0) <> p_planned_version THEN
          RETURN QUERY SELECT 'moved'::text, NULL::bigint;
          RETURN;
        END IF;
        SELECT r.transaction_id, r.first_position INTO v_xid, first_position
          FROM ${s}.reserve_positions(cardinality(p_event_ids)) r;
        INSERT INTO ${s}.events (position, transaction_id, tenant_id, stream_id, version, event_id, type,
                                 schema_version, data, personal, metadata, recorded_at, fingerprint, hash)
        SELECT first_position + e.ordinal - 1, v_xid, p_tenant, p_stream, e.version, e.event_id, e.type,
               e.schema_version, e.data::json, e.personal::json, e.metadata::json, e.recorded_at, e.fingerprint, e.hash
          FROM unnest(p_versions, p_event_ids, p_types, p_schema_versions, p_data, p_personal, p_metadata,
                      p_recorded_at, p_fingerprints, p_hashes)
               WITH ORDINALITY AS e(version, event_id, type, schema_version, data, personal, metadata, recorded_at,
                                    fingerprint, hash, ordinal)
        ON CONFLICT ON CONSTRAINT events_event_id DO NOTHING;
        GET DIAGNOSTICS v_written = ROW_COUNT;
        IF v_written < cardinality(p_event_ids) THEN
          DELETE FROM ${s}.events e
           WHERE e.tenant_id = p_tenant AND e.position >= first_position
             AND e.position < first_position + cardinality(p_event_ids);
          RETURN QUERY SELECT 'exists'::text, NULL::bigint;
          RETURN;
        END IF;
        outcome := 'written';
        RETURN NEXT;
      END
      $fn$;
    `,
  },
  {
    version: 8,
    name: 'append_one, append_group: rows taken by subscript, not from a many-array unnest',
    sql: (s) => `
      -- The same functions, checks and outcomes as migrations 3 and 7; only where the rows
      -- come from changes. unnest() of several arrays is a function scan that materialises
      -- each array in a tuplestore of its own, 16 kB each however short the array: the
      -- insert's ten arrays took about 160 kB per call, which the backend's malloc gave back
      -- to the kernel at the end of every statement and asked for again at the next (brk
      -- down, brk up, the pages faulted in and zeroed, a TLB flush on every CPU). perf on the
      -- backend: 35-40 % of a single append's server CPU, about three brk calls per append.
      -- Now a single event's row is one VALUES row, and the rows of several events (and
      -- append_group's per-append probes) come from generate_subscripts over one array:
      -- one small tuplestore, reused memory, no brk.
      CREATE OR REPLACE FUNCTION ${s}.append_one(
        p_tenant text, p_stream text, p_lock_key text, p_planned_version integer,
        p_versions integer[], p_event_ids text[], p_types text[], p_schema_versions integer[],
        p_data text[], p_personal text[], p_metadata text[], p_recorded_at text[],
        p_fingerprints text[], p_hashes text[])
        RETURNS TABLE (outcome text, first_position bigint)
        LANGUAGE plpgsql VOLATILE
        SET plan_cache_mode = force_generic_plan AS $fn$
      DECLARE
        v_head integer;
        v_xid xid8;
        v_count integer := cardinality(p_event_ids);
        v_written integer;
      BEGIN
        PERFORM pg_advisory_xact_lock(${AdvisoryLockSpace.STREAMS}, hashtext(p_lock_key));
        -- A new statement, so a new snapshot: it sees every append committed before the lock.
        SELECT e.version INTO v_head FROM ${s}.events e
         WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream ORDER BY e.version DESC LIMIT 1;
        IF coalesce(v_head, 0) <> p_planned_version THEN
          RETURN QUERY SELECT 'moved'::text, NULL::bigint;
          RETURN;
        END IF;
        SELECT r.transaction_id, r.first_position INTO v_xid, first_position
          FROM ${s}.reserve_positions(v_count) r;
        -- The ids are checked by the (tenant, event id) key itself, as in migration 7.
        IF v_count = 1 THEN
          INSERT INTO ${s}.events (position, transaction_id, tenant_id, stream_id, version, event_id, type,
                                   schema_version, data, personal, metadata, recorded_at, fingerprint, hash)
          VALUES (first_position, v_xid, p_tenant, p_stream, p_versions[1], p_event_ids[1], p_types[1],
                  p_schema_versions[1], p_data[1]::json, p_personal[1]::json, p_metadata[1]::json,
                  p_recorded_at[1], p_fingerprints[1], p_hashes[1])
          ON CONFLICT ON CONSTRAINT events_event_id DO NOTHING;
        ELSE
          INSERT INTO ${s}.events (position, transaction_id, tenant_id, stream_id, version, event_id, type,
                                   schema_version, data, personal, metadata, recorded_at, fingerprint, hash)
          SELECT first_position + i - 1, v_xid, p_tenant, p_stream, p_versions[i], p_event_ids[i], p_types[i],
                 p_schema_versions[i], p_data[i]::json, p_personal[i]::json, p_metadata[i]::json,
                 p_recorded_at[i], p_fingerprints[i], p_hashes[i]
            FROM generate_subscripts(p_event_ids, 1) AS i
          ON CONFLICT ON CONSTRAINT events_event_id DO NOTHING;
        END IF;
        GET DIAGNOSTICS v_written = ROW_COUNT;
        IF v_written < v_count THEN
          DELETE FROM ${s}.events e
           WHERE e.tenant_id = p_tenant AND e.position >= first_position AND e.position < first_position + v_count;
          RETURN QUERY SELECT 'exists'::text, NULL::bigint;
          RETURN;
        END IF;
        outcome := 'written';
        RETURN NEXT;
      END
      $fn$;

      CREATE OR REPLACE FUNCTION ${s}.append_group(
        p_tenants text[], p_streams text[], p_lock_keys text[], p_planned_versions integer[],
        p_counts integer[], p_items integer[],
        p_versions integer[], p_event_ids text[], p_types text[], p_schema_versions integer[],
        p_data text[], p_personal text[], p_metadata text[], p_recorded_at text[],
        p_fingerprints text[], p_hashes text[])
        RETURNS TABLE (outcome text, first_position bigint)
        LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        v_count integer := cardinality(p_tenants);
        v_lock integer;
        v_item integer;
        v_outcomes text[] := array_fill(NULL::text, ARRAY[v_count]);
        -- Offset of a written append's first event in the reserved block; NULL otherwise.
        v_starts integer[] := array_fill(NULL::integer, ARRAY[v_count]);
        -- Index of an append's first event in the event arrays.
        v_firsts integer[] := array_fill(NULL::integer, ARRAY[v_count]);
        -- The head each stream has once this group's earlier appends are written.
        v_heads jsonb := '{}';
        v_head integer;
        -- Per append: its stream's head as committed, and whether one of its ids is stored.
        v_stored_heads integer[];
        v_stored_ids boolean[];
        v_next integer := 1;
        v_total integer := 0;
        v_xid xid8;
        v_first bigint;
      BEGIN
        FOR v_lock IN SELECT DISTINCT hashtext(k) FROM unnest(p_lock_keys) AS k ORDER BY 1 LOOP
          PERFORM pg_advisory_xact_lock(${AdvisoryLockSpace.STREAMS}, v_lock);
        END LOOP;
        -- New statements, so new snapshots: they see every append committed before the locks.
        -- Set-based, each an index probe by equality: (tenant, stream, version) and (tenant, event id).
        SELECT array_agg(coalesce(h.version, 0) ORDER BY a.i) INTO v_stored_heads
          FROM generate_subscripts(p_tenants, 1) AS a(i)
          LEFT JOIN LATERAL (SELECT e.version FROM ${s}.events e
                              WHERE e.tenant_id = p_tenants[a.i] AND e.stream_id = p_streams[a.i]
                              ORDER BY e.version DESC LIMIT 1) h ON true;
        v_stored_ids := array_fill(false, ARRAY[v_count]);
        FOR v_item IN
          SELECT DISTINCT p_items[x.i] FROM generate_subscripts(p_event_ids, 1) AS x(i)
           WHERE EXISTS (SELECT 1 FROM ${s}.events e
                          WHERE e.tenant_id = p_tenants[p_items[x.i]] AND e.event_id = p_event_ids[x.i])
        LOOP
          v_stored_ids[v_item] := true;
        END LOOP;
        FOR i IN 1 .. v_count LOOP
          v_firsts[i] := v_next;
          v_next := v_next + p_counts[i];
          v_head := coalesce((v_heads ->> p_lock_keys[i])::integer, v_stored_heads[i]);
          IF v_head <> p_planned_versions[i] THEN
            v_outcomes[i] := 'moved';
          ELSIF v_stored_ids[i] THEN
            v_outcomes[i] := 'exists';
          ELSE
            v_outcomes[i] := 'written';
            v_starts[i] := v_total;
            v_total := v_total + p_counts[i];
            v_heads := v_heads || jsonb_build_object(p_lock_keys[i], p_planned_versions[i] + p_counts[i]);
          END IF;
        END LOOP;
        IF v_total > 0 THEN
          SELECT r.transaction_id, r.first_position INTO v_xid, v_first FROM ${s}.reserve_positions(v_total) r;
          INSERT INTO ${s}.events (position, transaction_id, tenant_id, stream_id, version, event_id, type,
                                   schema_version, data, personal, metadata, recorded_at, fingerprint, hash)
          SELECT v_first + v_starts[p_items[i]] + (i - v_firsts[p_items[i]]), v_xid, p_tenants[p_items[i]],
                 p_streams[p_items[i]], p_versions[i], p_event_ids[i], p_types[i], p_schema_versions[i],
                 p_data[i]::json, p_personal[i]::json, p_metadata[i]::json, p_recorded_at[i], p_fingerprints[i],
                 p_hashes[i]
            FROM generate_subscripts(p_event_ids, 1) AS i
           WHERE v_starts[p_items[i]] IS NOT NULL;
        END IF;
        RETURN QUERY SELECT v_outcomes[i], v_first + v_starts[i] FROM generate_series(1, v_count) AS i ORDER BY i;
      END
      $fn$;
    `,
  },
  {
    version: 9,
    name: "read_stream_tails: several streams' tails and some subjects' data keys, on a plan made once",
    sql: (s) => `
      -- What a command reads before it decides: its own stream and those its decision consults
      -- (each after the version this process holds, up to a limit), and the data keys of the
      -- subjects it must check for erasure. As one statement sent by the client, the server
      -- planned it afresh at every call (its array parameters' lengths make every custom plan
      -- look cheaper than the cached one): ≈ 300 µs of planning for ≈ 60 µs of execution. Here
      -- it is planned once per connection (force_generic_plan): each stream is one range of
      -- events_stream_version whatever the arrays hold, each subject one probe of the key. A
      -- plan kept that long must not be made for the table's size at the time: on a young
      -- schema (a page of data_keys) the planner took a scan of the whole table for the keys,
      -- which every later call would have run however many keys the tenant came to hold. No
      -- sequential scans here: both queries probe a unique key by equality.
      -- STABLE: both queries see the calling statement's snapshot, so the erasure state is
      -- that of the events returned. The streams come by subscript (generate_subscripts), not
      -- from an unnest() of several arrays (see migration 8). Rows come back in the order
      -- returned: the keys row first (asked NULL, only when subjects are asked about), then
      -- each stream's events in the order asked, by version.
      CREATE FUNCTION ${s}.read_stream_tails(
        p_tenant text, p_streams text[], p_after_versions integer[], p_limits integer[], p_subjects text[])
        RETURNS TABLE (asked integer, keys json, "position" bigint, tenant_id text, stream_id text,
                       version integer, event_id text, type text, schema_version integer, data text,
                       personal text, metadata text, recorded_at text, fingerprint text, hash text)
        LANGUAGE plpgsql STABLE
        SET plan_cache_mode = force_generic_plan
        SET enable_seqscan = off AS $fn$
      BEGIN
        IF cardinality(p_subjects) > 0 THEN
          RETURN QUERY
            SELECT NULL::integer, json_agg(json_build_array(k.subject_id, encode(k.wrapped_key, 'base64'),
                                                            k.created_at, k.erased_at)),
                   NULL::bigint, NULL::text, NULL::text, NULL::integer, NULL::text, NULL::text,
                   NULL::integer, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text
              FROM ${s}.data_keys k
             WHERE k.tenant_id = p_tenant AND k.subject_id = ANY(p_subjects);
        END IF;
        RETURN QUERY
          SELECT a.i, NULL::json, e.position, e.tenant_id, e.stream_id, e.version, e.event_id, e.type,
                 e.schema_version, e.data::text, e.personal::text, e.metadata::text, e.recorded_at,
                 e.fingerprint, e.hash
            FROM generate_subscripts(p_streams, 1) AS a(i)
            CROSS JOIN LATERAL (
              SELECT * FROM ${s}.events t
               WHERE t.tenant_id = p_tenant AND t.stream_id = p_streams[a.i] AND t.version > p_after_versions[a.i]
               ORDER BY t.version LIMIT p_limits[a.i]) e
           ORDER BY a.i, e.version;
      END
      $fn$;
    `,
  },
];
