import { Command, CommanderError, Option } from 'commander';
import { ROLES, type Role } from '@vouch/domain/roles';
import { processIo, type CliIo } from './cli-io';
import { ConfigError } from './config/config-error';
import { ExitCode } from './config/exit-codes';
import { ConfigIssues } from './config/config-issues';
import { keepGenerated, resolveJwtSecret } from './config/secrets';
import { resolveEnvironment, type ServerFlags } from './config/server-config';
import { keepGeneratedJwtSecret, keepGeneratedMasterKey, resolveStartup } from './config/startup-config';
import { resolveDataDir, STORE_KINDS, type StoreFlags } from './config/store-config';
import type { AuthFlags } from './config/auth-config';
import type { ReportDigestFlags } from './commands/report-digest';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, resolveTokenPolicy } from './config/token-policy';
import { DEMO_TENANT } from './seed/demo-catalogue';
import { DEFAULT_MAX_HEAP_MB, heapLimitMb, MIN_MAX_HEAP_MB, parseMaxHeapMb } from './heap/heap-bound';
import { AUDIT_FORMATS } from './audit/audit-formats';
import type { DigestFlags } from './commands/digest';
import type { VerifyFlags } from './commands/verify';
import type { BackupFlags } from './commands/backup';
import type { RestoreFlags } from './commands/restore';
import type { MigrateFlags } from './commands/migrate';
import type { AuditExportFlags } from './commands/audit-export';
import type { AuditReplayFlags } from './commands/audit-replay';
import type { AuditConsentsFlags } from './commands/audit-consents';
import type { AuditRopaFlags } from './commands/audit-ropa';
import type { AuditErasuresFlags } from './commands/audit-erasures';

// Cold start (issue 15 item 6): only the light configuration modules above load with the
// program; each command's own modules (the API, the stores, the projections, jose) are
// required inside its action, so `vouch token` never loads the API or a store driver.

const ENVIRONMENT_HELP = `
Environment (flags win):
  VOUCH_STORE                  sqlite (default) | postgres | eventstoredb
  VOUCH_DATA_DIR               data directory (default ./data): SQLite file, dev keys
  DATABASE_URL                 PostgreSQL connection string (postgres store)
  EVENTSTORE_CONNECTION_STRING EventStoreDB/KurrentDB connection string
  VOUCH_MASTER_KEY             base64 of 32 bytes (not one byte repeated);
                               in development else <data dir>/master.key
  VOUCH_NEW_MASTER_KEY         the new key for \`vouch keys rotate\`
  VOUCH_JWT_SECRET             HS256 secret, >= 32 bytes, not predictable;
                               in development else <data dir>/jwt.secret
  VOUCH_JWT_ISSUER, VOUCH_JWT_AUDIENCE  required iss / aud of every token, when set
  VOUCH_JWT_CLOCK_TOLERANCE_SECONDS     clock skew tolerated, 0-60 (default 5)
  VOUCH_JWT_MAX_LIFETIME_SECONDS        longest token lifetime exp - iat (default 86400)
  VOUCH_SIGNING_KEY            Ed25519 private key (PEM) signing the digests; else
                               <data dir>/signing.key (generated in development only)
  VOUCH_DIGEST_INTERVAL        minutes between scheduled signed digests (default 60; 0 = off)
  VOUCH_METRICS                on (default) | off: Prometheus metrics on GET /metrics
  VOUCH_WEBHOOK_KEY            >= 32 characters: turns webhooks on; subscription secrets derive from it
  VOUCH_WEBHOOK_ALLOW_LOOPBACK 1 lets webhooks reach loopback (tests, a local receiver)
  VOUCH_WEBHOOK_ALLOW_HOSTS    host names webhooks may reach whatever they resolve to, comma-separated
  VOUCH_WEBHOOK_MAX_ATTEMPTS   attempts before an event is dead-lettered (1-100, default 8)
  VOUCH_TRACING                off (default) | otlp: OpenTelemetry traces over OTLP/HTTP; on as
                               well when OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) is set
  OTEL_EXPORTER_OTLP_ENDPOINT  collector base URL (default http://localhost:4318); also
                               OTEL_EXPORTER_OTLP_HEADERS, OTEL_SERVICE_NAME, OTEL_SDK_DISABLED
  VOUCH_CRM_INBOUND_SECRETS    JSON {tenant: secret}: the signed CRM endpoint /integrations/crm/<tenant>/events
  VOUCH_MEETING_INBOUND_SECRETS
                               JSON {tenant: secret}: meeting attendance /integrations/meetings/<tenant>/attendance
  VOUCH_CHAT_INTAKE            JSON {tenant: {signingSecret, users}}: slash commands /integrations/chat/<tenant>/slash
  VOUCH_LEASE_TTL              PostgreSQL: seconds a background lease outlives a dead holder
                               (default 10): the fail-over time between serve instances
  PORT, VOUCH_HOST             where the API listens (default 4000, 127.0.0.1)
  VOUCH_RATE_LIMIT             requests one user may make per minute (default 300)
  VOUCH_MAX_HEAP_MB            serve/start: V8 old-generation limit in MB (default 896; 0 = V8's
                               default); the server runs in a child node with it. Node's own
                               --max-old-space-size (flags or NODE_OPTIONS) wins
  VOUCH_ENVIRONMENT            development | production (serve defaults to production,
                               other commands to development); outside development
                               both secrets must be set in the environment
  VOUCH_JWKS_URL               JWKS of your identity provider (RS256/ES256), read at start
  VOUCH_JWKS_FILE              JWKS document on disk
  VOUCH_JWT_PUBLIC_KEY_FILE    one PEM public key (RSA: RS256, P-256: ES256); VOUCH_JWT_KEY_ID its kid
                               (with public keys, HS256 is accepted only when VOUCH_JWT_SECRET is set)
  VOUCH_CORS_ORIGINS           browser origins allowed to call the API, comma-separated
  VOUCH_TRUST_PROXY            false (default) | true | hop count | proxy addresses/CIDRs, comma-separated

Exit codes: 0 done, 1 failed, 2 wrong usage or configuration.`;

interface StoreOptions extends StoreFlags {
  readonly tenant: string;
}

function storeOptions(command: Command): Command {
  return command
    .addOption(new Option('--store <kind>', 'where events live').choices(STORE_KINDS))
    .option('--data-dir <dir>', 'data directory (SQLite file, development keys)')
    .option('--database-url <url>', 'PostgreSQL connection string (with --store postgres)')
    .option('--connection-string <url>', 'EventStoreDB connection string (with --store eventstoredb)');
}

const integer = (name: string, min: number, max: number) => (text: string) => {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || value < min || value > max) {
    throw new ConfigError([`${name} must be a whole number from ${min} to ${max} (got "${text}").`]);
  }
  return value;
};

const scaleOf = (text: string) => {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 10) {
    throw new ConfigError([`--scale must be a number above 0 and at most 10 (got "${text}").`]);
  }
  return value;
};

const maxHeapOf = (text: string) => {
  const mb = parseMaxHeapMb(text);
  if (mb === undefined) {
    throw new ConfigError([
      `--max-heap must be 0 (V8's default) or a whole number of MB from ${MIN_MAX_HEAP_MB} (got "${text}").`,
    ]);
  }
  return mb;
};

/** `--max-heap`: main.ts relaunches `serve` and `start` with it (heap/heap-bound.ts); here it is only validated and shown. */
const maxHeapOption = () =>
  new Option(
    '--max-heap <mb>',
    `V8 old-generation limit of the server process in MB; 0 = V8's default (env VOUCH_MAX_HEAP_MB; default ${DEFAULT_MAX_HEAP_MB})`,
  ).argParser(maxHeapOf);

/** VOUCH_MAX_HEAP_MB, when set, must be valid too (a wrong one would silently mean the default). */
function checkMaxHeap(flag: number | undefined, env: Readonly<Record<string, string | undefined>>): void {
  const text = env.VOUCH_MAX_HEAP_MB;
  if (flag !== undefined || text === undefined || text === '' || parseMaxHeapMb(text) !== undefined) return;
  throw new ConfigError([
    `VOUCH_MAX_HEAP_MB must be 0 (V8's default) or a whole number of MB from ${MIN_MAX_HEAP_MB} (got "${text}").`,
  ]);
}

const isoDate = (text: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
    throw new ConfigError([`--until must be a date like 2026-11-01 (got "${text}").`]);
  }
  return text;
};

/** Builds the `vouch` program; each action reports its exit code through `done`. */
export function buildProgram(io: CliIo, done: (code: ExitCode) => void): Command {
  const program = new Command('vouch')
    .description(
      'Vouch: an event-sourced customer reference program. Serve the API, seed a demo, sign tokens, verify and export the audit history.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .addHelpText('after', ENVIRONMENT_HELP);

  storeOptions(program.command('serve'))
    .description('Serve the GraphQL API on the configured store (SQLite under ./data by default).')
    .option('--port <port>', 'port to listen on (0 picks a free one; default 4000)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--environment <env>', 'development (GraphiQL, introspection) or production')
    .option('--tenant <id...>', 'tenants whose read models and timers start at once', [DEMO_TENANT])
    .option('--cors-origin <origin...>', 'browser origins allowed to call the API (https://app.example.com)')
    .option('--trust-proxy <value>', 'proxies whose X-Forwarded-For names the client (default false)')
    .option('--jwks-url <url>', 'JWKS URL of the identity provider (RS256/ES256 tokens)')
    .option('--jwks-file <file>', 'JWKS document on disk')
    .option('--jwt-public-key-file <file>', 'PEM public key (RSA: RS256, P-256: ES256)')
    .option('--jwt-key-id <kid>', 'the kid of --jwt-public-key-file, if tokens carry one')
    .option('--jwt-issuer <iss>', 'required iss claim')
    .option('--jwt-audience <aud>', 'required aud claim')
    .addOption(maxHeapOption())
    .addHelpText('after', ENVIRONMENT_HELP)
    .action(async (flags: StoreFlags & ServerFlags & AuthFlags & { tenant: string[]; maxHeap?: number }) => {
      const {
        digestInterval,
        hasPublicKeys,
        leaseTtl,
        loadAuthOptions,
        metricsEnabled,
        rateLimitPerMinute,
        resolveAuthConfig,
        resolveInboundConfig,
        resolveSigningKey,
        tracingConfig,
        webhookConfig,
      } = await import('./config/serve-config');
      checkMaxHeap(flags.maxHeap, io.env);
      const authConfig = resolveAuthConfig(flags, io.env);
      // With an identity provider's keys, a locally generated HS256 secret would be a second
      // door: HS256 is then accepted only when VOUCH_JWT_SECRET is set explicitly.
      const hs256 = !hasPublicKeys(authConfig) || Boolean(io.env.VOUCH_JWT_SECRET);
      const startup = resolveStartup(
        {
          store: flags,
          server: { flags, defaults: { environment: 'production', port: 4000 } },
          masterKey: 'new-store',
          jwtSecret: hs256,
        },
        io.env,
      );
      const tokenPolicy = resolveTokenPolicy(io.env);
      const digestIntervalMs = digestInterval(io.env);
      const leaseTtlMs = leaseTtl(io.env);
      const metrics = metricsEnabled(io.env);
      const rateLimit = rateLimitPerMinute(io.env);
      const webhooks = webhookConfig(io.env);
      const tracing = tracingConfig(io.env);
      const inbound = resolveInboundConfig(io.env);
      // Invariant 12: production refuses to run without a configured signing key.
      const signingKey = resolveSigningKey(io.env, startup.store.dataDir, {
        environment: startup.environment,
        generate: startup.environment === 'development',
      });
      const auth = await loadAuthOptions(authConfig, startup.jwtSecret?.value);
      keepGeneratedMasterKey(startup);
      const { store, server, masterKey } = startup;
      const { startServer, untilStopped } = await import('./commands/serve');
      const running = await startServer(
        {
          store,
          server: server!,
          masterKey: masterKey!.value,
          // Flags and the identity provider's settings win over the environment's token policy.
          auth: { ...tokenPolicy, ...auth },
          signingKey: signingKey.value,
          digestIntervalMs,
          leaseTtlMs,
          metrics,
          ...(rateLimit ? { limits: { rateLimitPerWindow: rateLimit, rateLimitWindowMs: 60_000 } } : {}),
          ...(webhooks ? { webhooks } : {}),
          ...(tracing ? { tracing } : {}),
          ...(inbound ? { inbound } : {}),
          tenants: flags.tenant,
          onStoreOpened: () => {
            keepGeneratedJwtSecret(startup);
            keepGenerated(signingKey, startup.store.dataDir);
          },
        },
        io,
      );
      running.logger.info(
        {
          graphqlUrl: running.graphqlUrl,
          ...(startup.environment === 'development' ? { graphiqlUrl: running.graphiqlUrl } : {}),
          environment: startup.environment,
          tracing: tracing ? 'otlp' : 'off',
          heapLimitMb: heapLimitMb(),
          tokens: { hs256: startup.jwtSecret !== undefined, publicKeys: hasPublicKeys(authConfig) },
        },
        `Vouch API: ${running.graphqlUrl}`,
      );
      // Exits 1 (thrown) when the background work cannot start under a lease, as without one.
      const signal = await untilStopped(running, io.stopSignal);
      running.logger.info({ signal }, 'stopping');
      await running.stop();
      done(ExitCode.OK);
    });

  storeOptions(program.command('seed'))
    .description('Seed a realistic demo program (18 months; deterministic for a seed, scale and end date).')
    .option('--seed <n>', 'PRNG seed', integer('--seed', 0, 2 ** 32 - 1), 1)
    .option('--scale <x>', '1 = ~200 accounts, 600 advocates, 1,500 requests', scaleOf, 1)
    .option('--until <date>', 'last simulated day (default today, UTC)', isoDate)
    .option('--tenant <id>', 'tenant to seed', DEMO_TENANT)
    .addHelpText('after', ENVIRONMENT_HELP)
    .action(async (flags: StoreOptions & { seed: number; scale: number; until?: string }) => {
      const startup = resolveStartup({ store: flags, masterKey: 'new-store' }, io.env);
      keepGeneratedMasterKey(startup);
      const { store, masterKey } = startup;
      const { formatSeedReport, seedStore, TenantNotEmptyError } = await import('./commands/seed');
      try {
        const report = await seedStore(
          {
            store,
            masterKey: masterKey!.value,
            tenantId: flags.tenant,
            seed: flags.seed,
            scale: flags.scale,
            until: flags.until ?? new Date().toISOString().slice(0, 10),
          },
          io,
        );
        io.stdout(formatSeedReport(report));
        done(ExitCode.OK);
      } catch (error) {
        if (!(error instanceof TenantNotEmptyError)) throw error;
        io.stderr(`vouch: ${error.message}\n`);
        done(ExitCode.FAILURE);
      }
    });

  program
    .command('token')
    .description('Sign a development token (HS256 JWT) the API accepts.')
    .requiredOption('--user <id>', 'user id (the token subject)')
    .requiredOption('--roles <roles>', `comma-separated roles: ${ROLES.join(', ')}`)
    .option('--tenant <id>', 'tenant', DEMO_TENANT)
    .option('--expires-in <duration>', 'lifetime, e.g. 90m, 12h; at most the API allows (24h)', '12h')
    .option('--data-dir <dir>', 'data directory holding jwt.secret')
    .addHelpText(
      'after',
      '\nThe secret is VOUCH_JWT_SECRET, else <data dir>/jwt.secret (created when missing).',
    )
    .action(
      async (flags: { user: string; roles: string; tenant: string; expiresIn: string; dataDir?: string }) => {
        const { parseLifetime, parseRoles, signToken } = await import('./tokens/sign-token');
        const roles: Role[] = parseRoles(flags.roles);
        const policy = resolveTokenPolicy(io.env);
        const expiresInSeconds = parseLifetime(
          flags.expiresIn,
          policy.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
        );
        const issues = new ConfigIssues();
        const dataDir = resolveDataDir({ ...(flags.dataDir ? { dataDir: flags.dataDir } : {}) }, io.env);
        const environment = issues.attempt(() => resolveEnvironment(undefined, io.env, 'development'));
        const secret = issues.attempt(() =>
          resolveJwtSecret(io.env, dataDir, { environment: environment ?? 'production', generate: true }),
        );
        issues.throwIfAny();
        keepGenerated(secret!, dataDir);
        io.stdout(
          `${await signToken(
            {
              tenantId: flags.tenant,
              userId: flags.user,
              roles,
              expiresInSeconds,
              ...(policy.issuer ? { issuer: policy.issuer } : {}),
              ...(policy.audience ? { audience: policy.audience } : {}),
            },
            secret!.value,
          )}\n`,
        );
        done(ExitCode.OK);
      },
    );

  storeOptions(program.command('rebuild'))
    .description('Rebuild the read models from the event log, with progress and a summary.')
    .option('--tenant <id...>', 'tenants to rebuild', [DEMO_TENANT])
    .addHelpText('after', ENVIRONMENT_HELP)
    .action(async (flags: StoreFlags & { tenant: string[] }) => {
      const { store, masterKey } = resolveStartup({ store: flags, masterKey: 'existing' }, io.env);
      const { openStore } = await import('./stores/open-store');
      const { countEvents, rebuildReadModels } = await import('./rebuild/rebuild-read-models');
      const { relearnProcessManagerStates } = await import('./rebuild/relearn-process-manager-states');
      const { ProgressLine } = await import('./rebuild/progress-line');
      const opened = await openStore(store, { masterKey: masterKey!.value });
      try {
        for (const tenantId of flags.tenant) {
          const total = await countEvents(opened.store, tenantId);
          const progress = new ProgressLine(io.stderr, io.interactive, `Rebuilding ${tenantId}`);
          const summary = await rebuildReadModels(opened.store, opened.readModels, tenantId, (n) =>
            progress.update(n, total),
          );
          progress.finish();
          const rate = summary.seconds > 0 ? Math.round(summary.events / summary.seconds) : summary.events;
          io.stdout(
            `Rebuilt ${tenantId}: ${summary.events.toLocaleString('en-US')} events in ${summary.seconds.toFixed(2)} s ` +
              `(${rate.toLocaleString('en-US')} events/s), read models version ${summary.version ?? '-'} (${opened.description})\n`,
          );
          // The process managers' saved states that cannot be used: relearnt too (the way out of a ProcessManagerRestoreError).
          const relearnt = await relearnProcessManagerStates(
            opened.store,
            opened.readModels,
            opened.checkpoints,
            tenantId,
          );
          if (relearnt.length > 0)
            io.stdout(`Relearnt the saved state of ${relearnt.join(', ')} for ${tenantId} from the log\n`);
        }
      } finally {
        await opened.close();
      }
      done(ExitCode.OK);
    });

  const keys = program.command('keys').description('Manage the master key that wraps the data keys.');
  storeOptions(keys.command('rotate'))
    .description(
      'Re-wrap every data key under a new master key; resumable (run it again after an interruption); the old key is refused afterwards. Stop every Vouch instance first.',
    )
    .option('--old-key-file <file>', 'file holding the current master key (else VOUCH_MASTER_KEY)')
    .option('--new-key-file <file>', 'file holding the new master key (else VOUCH_NEW_MASTER_KEY)')
    .option(
      '--batch-size <n>',
      'data keys re-wrapped per transaction',
      integer('--batch-size', 1, 100_000),
      500,
    )
    .addHelpText('after', ENVIRONMENT_HELP)
    .action(async (flags: StoreFlags & { oldKeyFile?: string; newKeyFile?: string; batchSize: number }) => {
      const { rotateKeys } = await import('./commands/rotate-keys');
      done(await rotateKeys(flags, io));
    });

  storeOptions(program.command('verify'))
    .description(
      "Verify a store (or a copy of it) against the product's signed digests and one you kept, offline: prints what was checked and the first break.",
    )
    .option('--tenant <id>', 'tenant to verify', DEMO_TENANT)
    .option('--file <sqlite file>', 'a copy of a SQLite store file (instead of --data-dir)')
    .option(
      '--digest <file>',
      'a signed digest you kept (from `vouch digest export`): catches removed digests',
    )
    .option(
      '--public-key <file>',
      "the signer's Ed25519 public key (PEM); default the kept export's, else the configured key's",
    )
    .option(
      '--latest-only',
      'check the heads of the latest (and kept) digest only, not of every signed digest',
    )
    .addHelpText(
      'after',
      `
Examples:
  vouch verify --file ./copy-of-vouch.db --digest ./kept-digest.json
  vouch verify --store postgres --database-url postgres://reader@db/vouch --digest kept.json --public-key vouch.pub
  vouch verify --data-dir ./data          (the configured signing key supplies the public key)

Exit codes: 0 every check passed, 1 a break was found (or nothing was signed), 2 wrong usage.`,
    )
    .action(async (flags: VerifyFlags) =>
      done(await (await import('./commands/verify')).runVerify(flags, io)),
    );

  storeOptions(program.command('backup'))
    .description(
      'Copy the SQLite store while Vouch runs (online, mode 0600) and verify the copy; the master and signing keys are not in it.',
    )
    .requiredOption('--out <file>', 'the backup file to write (never overwritten)')
    .option(
      '--public-key <file>',
      "the signer's Ed25519 public key (PEM) to verify the copy with; default the configured signing key's",
    )
    .addHelpText(
      'after',
      `
Examples:
  vouch backup --data-dir ./data --out /backups/vouch-2026-11-30.db
PostgreSQL: pg_dump / pg_restore, see docs/deployment.md "Backup and restore".

Exit codes: 0 copied and verified, 1 the copy does not verify, 2 wrong usage (nothing written).`,
    )
    .action(async (flags: BackupFlags) =>
      done(await (await import('./commands/backup')).runBackup(flags, io)),
    );

  program
    .command('restore')
    .description(
      'Restore a SQLite backup into a new data directory: checks the master key against the copy, copies, verifies.',
    )
    .requiredOption('--from <file>', 'the backup file (from `vouch backup`)')
    .requiredOption('--data-dir <dir>', 'the new data directory (must be missing or empty)')
    .option(
      '--master-key-file <file>',
      'file holding the master key the backup was made under (else VOUCH_MASTER_KEY)',
    )
    .option(
      '--public-key <file>',
      "the signer's Ed25519 public key (PEM) to verify the copy with (else VOUCH_SIGNING_KEY's)",
    )
    .addHelpText(
      'after',
      `
Examples:
  VOUCH_MASTER_KEY=... vouch restore --from /backups/vouch-2026-11-30.db --data-dir ./data-restored --public-key vouch.pub

Exit codes: 0 restored and verified, 1 the copy does not verify (nothing kept), 2 wrong usage, wrong key or a non-empty target (nothing written).`,
    )
    .action(async (flags: RestoreFlags) =>
      done(await (await import('./commands/restore')).runRestore(flags, io)),
    );

  storeOptions(program.command('migrate'))
    .description("Bring the store's schema up to this release's, printing each step (see docs/upgrading.md).")
    .option('--dry-run', 'print the steps and change nothing')
    .addHelpText(
      'after',
      `
Examples:
  vouch migrate --data-dir ./data --dry-run
  vouch migrate --store postgres --database-url postgres://vouch@db/vouch

Stop \`vouch serve\` first, and take a backup (\`vouch backup\`, or pg_dump). Exit codes: 0 up to date or
migrated, 1 failed (a store from a newer release, a database error), 2 wrong usage (nothing done).`,
    )
    .action(async (flags: MigrateFlags) =>
      done(await (await import('./commands/migrate')).runMigrate(flags, io)),
    );

  const audit = program
    .command('audit')
    .description('The audit history for reviewers: export the trail, replay the program as of an instant.');
  storeOptions(audit.command('export'))
    .description(
      "Stream the tenant's trail in plain words (actor, recorded and effective time, consent relied on, event id, position).",
    )
    .option('--tenant <id>', 'tenant', DEMO_TENANT)
    .option('--from <instant>', 'recorded at or after (2026-01-01 or an ISO-8601 time)')
    .option('--to <instant>', 'recorded before')
    .option('--subject <kind:id>', 'only events concerning this subject, e.g. advocate:adv-0042, consent:c-7')
    .addOption(new Option('--format <format>', 'output format').choices(AUDIT_FORMATS).default('jsonl'))
    .option('--out <file>', 'write to this file (default stdout)')
    .addHelpText(
      'after',
      `
Examples:
  vouch audit export --from 2026-01-01 --to 2026-07-01 --format csv --out h1-2026.csv
  vouch audit export --subject advocate:adv-0042 --format jsonl
  vouch audit export --format html --out review.html   (one self-contained file with the signed digest)

Erased subjects appear as erased placeholders; sentences never hold personal data.`,
    )
    .action(async (flags: AuditExportFlags) =>
      done(await (await import('./commands/audit-export')).runAuditExport(flags, io)),
    );
  storeOptions(audit.command('replay'))
    .description(
      'Replay the log as recorded by an instant: advocates, availability by kind, consents and program metrics as they stood.',
    )
    .requiredOption('--as-of <instant>', 'the instant (2026-01-01 or an ISO-8601 time)')
    .option('--tenant <id>', 'tenant', DEMO_TENANT)
    .option('--json', 'print every consent and the full metrics as JSON')
    .addHelpText(
      'after',
      `
Examples:
  vouch audit replay --as-of 2025-12-01
  vouch audit replay --as-of 2026-03-31T23:59:59Z --json > q1-close.json`,
    )
    .action(async (flags: AuditReplayFlags) =>
      done(await (await import('./commands/audit-replay')).runAuditReplay(flags, io)),
    );

  storeOptions(audit.command('consents'))
    .description(
      'Consent records as W3C DPV JSON-LD shaped after ISO/IEC TS 27560: one record per grant with its granted/renewed/withdrawn/expired events.',
    )
    .option('--tenant <id>', 'tenant', DEMO_TENANT)
    .option('--subject <kind:id>', 'the consents of one advocate or account, e.g. advocate:adv-0042')
    .option('--all', 'every consent of the tenant')
    .option('--as-of <instant>', 'as recorded by this instant, statuses then (default now)')
    .addOption(new Option('--format <format>', 'output format').choices(['dpv']).default('dpv'))
    .option('--out <file>', 'write to this file (default stdout)')
    .addHelpText(
      'after',
      `
Examples:
  vouch audit consents --subject advocate:adv-0042 --format dpv
  vouch audit consents --all --out consents.jsonld`,
    )
    .action(async (flags: AuditConsentsFlags) =>
      done(await (await import('./commands/audit-consents')).runAuditConsents(flags, io)),
    );

  storeOptions(audit.command('ropa'))
    .description(
      "The GDPR Article 30 record of processing of the tenant (JSON), generated from the program's configuration.",
    )
    .option('--tenant <id>', 'tenant', DEMO_TENANT)
    .option('--out <file>', 'write to this file (default stdout)')
    .addHelpText(
      'after',
      `
Example:
  vouch audit ropa --out ropa.json`,
    )
    .action(async (flags: AuditRopaFlags) =>
      done(await (await import('./commands/audit-ropa')).runAuditRopa(flags, io)),
    );

  storeOptions(audit.command('erasures'))
    .description(
      'Erasure and legal-hold report (JSON): who requested which erasure when, when it ran or which holds defer it, what remains.',
    )
    .option('--tenant <id>', 'tenant', DEMO_TENANT)
    .option('--out <file>', 'write to this file (default stdout)')
    .addHelpText(
      'after',
      `
Example:
  vouch audit erasures --out erasures.json`,
    )
    .action(async (flags: AuditErasuresFlags) =>
      done(await (await import('./commands/audit-erasures')).runAuditErasures(flags, io)),
    );

  const digest = program
    .command('digest')
    .description(
      'Signed digests of the stream heads (invariant 12): print the public key, sign now, export.',
    );
  digest
    .command('public-key')
    .description('Print the public key (PEM) of the configured signing key; its key id goes to stderr.')
    .option('--data-dir <dir>', 'data directory holding signing.key')
    .addHelpText(
      'after',
      `
Example:
  vouch digest public-key > vouch-signing.pub`,
    )
    .action(async (flags: { dataDir?: string }) =>
      done((await import('./commands/digest')).printPublicKey(flags, io)),
    );
  storeOptions(digest.command('sign'))
    .description(
      "Sign the tenant's digest now, chained to its latest one (serve also signs hourly and after erasures).",
    )
    .option('--tenant <id>', 'tenant', DEMO_TENANT)
    .addHelpText(
      'after',
      `
Example:
  vouch digest sign --tenant demo`,
    )
    .action(async (flags: DigestFlags) => done(await (await import('./commands/digest')).signNow(flags, io)));
  storeOptions(digest.command('export'))
    .description(
      'Write the latest signed digest and the public key as a JSON file to keep outside the system.',
    )
    .option('--tenant <id>', 'tenant', DEMO_TENANT)
    .option('--out <file>', 'write to this file (default stdout)')
    .addHelpText(
      'after',
      `
Example:
  vouch digest export --out ~/reviews/vouch-digest-2026-11-30.json
  vouch verify --file copy.db --digest ~/reviews/vouch-digest-2026-11-30.json`,
    )
    .action(async (flags: DigestFlags) =>
      done(await (await import('./commands/digest')).exportDigest(flags, io)),
    );

  const report = program.command('report').description('Reports for the program’s leaders and sponsors.');
  storeOptions(report.command('digest'))
    .description(
      'The executive digest of a period as one self-contained HTML or Markdown document: influenced pipeline and revenue, win rates, time to fulfil, coverage, fatigue, consents expiring, top advocates and nominators, program health, with SVG charts.',
    )
    .option('--tenant <id>', 'tenant', DEMO_TENANT)
    .option('--period <period>', '90d, month, quarter, year, or 2026-01-01..2026-03-31', 'quarter')
    .option('--to <date>', "the period's end for 90d/month/quarter/year (default now)")
    .addOption(new Option('--format <format>', 'output format').choices(['html', 'md']).default('html'))
    .option('--out <file>', 'write to this file (default stdout)')
    .addHelpText(
      'after',
      `
Example:
  vouch report digest --period quarter --out digest.html
  vouch report digest --period 2026-07-01..2026-09-30 --format md --out digest.md`,
    )
    .action(async (flags: ReportDigestFlags) => {
      // Loaded on use: the chart library stays out of every other command's start-up.
      const { runReportDigest } = await import('./commands/report-digest');
      done(await runReportDigest(flags, io));
    });

  program
    .command('start')
    .description(
      'Development start: seed the demo program on first run, serve it, print GraphiQL and a token per role.',
    )
    .option('--data-dir <dir>', 'data directory (default ./data)')
    .option('--port <port>', 'port (default 4000)')
    .option('--host <host>', 'address (default 127.0.0.1)')
    // A quarter of `vouch seed`'s default keeps the first start near a minute; run
    // `vouch seed` for the full-size program.
    .option('--scale <x>', 'demo program size on the first run (1 = full size)', scaleOf, 0.25)
    .option('--seed <n>', 'PRNG seed on first run', integer('--seed', 0, 2 ** 32 - 1), 1)
    .addOption(maxHeapOption())
    .action(
      async (flags: {
        dataDir?: string;
        port?: string;
        host?: string;
        scale: number;
        seed: number;
        maxHeap?: number;
      }) => {
        checkMaxHeap(flags.maxHeap, io.env);
        const { startDemo } = await import('./commands/start');
        const code = await startDemo(flags, io);
        done(code);
      },
    );

  return program;
}

/** Runs `vouch` with the arguments (without `node` and the script); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  let code: ExitCode = ExitCode.OK;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every usage error (unknown option, missing argument) exits 2.
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    if (error instanceof ConfigError) {
      for (const issue of error.issues) io.stderr(`vouch: ${issue}\n`);
      return ExitCode.USAGE;
    }
    if (error instanceof Error && (await isWrongKey(error))) {
      // A wrong master key is wrong configuration: the store was left as it was.
      io.stderr(`vouch: ${error.message}\n`);
      return ExitCode.USAGE;
    }
    io.stderr(`vouch: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.FAILURE;
  }
}

/** A wrong master key is a store error; loaded on failure only, it costs a start nothing. */
async function isWrongKey(error: unknown): Promise<boolean> {
  const { EventStoreError, EventStoreErrorCode } = await import('@vouch/event-store');
  return (
    error instanceof EventStoreError &&
    (error.code === EventStoreErrorCode.MASTER_KEY_MISMATCH ||
      error.code === EventStoreErrorCode.KEY_ROTATION_IN_PROGRESS)
  );
}
