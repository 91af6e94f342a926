import { AggregateReader, type Vouch } from '@vouch/application';
import type { Role } from '@vouch/domain';
import type { CliIo } from '../cli-io';
import { ExitCode } from '../config/exit-codes';
import { keepGeneratedJwtSecret, keepGeneratedMasterKey, resolveStartup } from '../config/startup-config';
import { resolveInboundConfig } from '../config/inbound-config';
import { resolveTokenPolicy } from '../config/token-policy';
import { keepGenerated } from '../config/secrets';
import { resolveSigningKey } from '../config/signing-key';
import type { TourAdvocate } from '../graphiql/example-operations';
import { ADMIN, AUDITOR, DEMO_TENANT, PROGRAM_MANAGERS, REGIONS, REQUESTERS } from '../seed/demo-catalogue';
import { signToken } from '../tokens/sign-token';
import { openStore } from '../stores/open-store';
import { formatSeedReport, seedStore } from './seed';
import { startServer, untilStopped } from './serve';

export interface StartFlags {
  readonly dataDir?: string;
  readonly port?: string;
  readonly host?: string;
  readonly scale: number;
  readonly seed: number;
}

const PM = { tenantId: DEMO_TENANT, userId: PROGRAM_MANAGERS[0], roles: ['PROGRAM_MANAGER'] as Role[] };

/** An advocate the gates allow for a reference call today, for the tour's tabs. */
async function findTourAdvocate(vouch: Vouch): Promise<TourAdvocate | undefined> {
  const reader = new AggregateReader(vouch.store);
  const at = new Date().toISOString();
  for (const territory of REGIONS) {
    const page = await vouch.queries.searchAdvocates(
      PM,
      { availableFor: { kind: 'REFERENCE_CALL', at, scope: { territory, channel: 'PRIVATE' } } },
      { first: 20 },
    );
    for (const { node } of page.edges) {
      if (node.view !== 'FULL' || !node.accountOwnerId) continue;
      const state = await reader.advocate(DEMO_TENANT, node.advocateId);
      const consent = Object.values(state.consents).find(
        (c) => c.kinds.includes('REFERENCE_CALL') && !c.withdrawnKinds.includes('REFERENCE_CALL'),
      );
      if (!consent) continue;
      const withdrawKind = consent.kinds.find(
        (k) => k !== 'REFERENCE_CALL' && !consent.withdrawnKinds.includes(k),
      );
      return {
        advocateId: node.advocateId,
        accountId: node.accountId,
        ownerId: node.accountOwnerId,
        consentId: consent.consentId,
        withdrawKind: withdrawKind ?? 'REFERENCE_CALL',
        territory,
      };
    }
  }
  return undefined;
}

/**
 * `npm start`: the demo program on SQLite under ./data, seeded on the first run and reused
 * after, served with GraphiQL and a ready-to-paste token per role.
 */
export async function startDemo(flags: StartFlags, io: CliIo): Promise<ExitCode> {
  const startup = resolveStartup(
    {
      store: flags.dataDir ? { dataDir: flags.dataDir } : {},
      server: {
        flags: {
          ...(flags.port !== undefined ? { port: flags.port } : {}),
          ...(flags.host !== undefined ? { host: flags.host } : {}),
        },
        defaults: { environment: 'development', port: 4000 },
      },
      masterKey: 'new-store',
      jwtSecret: true,
    },
    io.env,
  );
  const tokenPolicy = resolveTokenPolicy(io.env);
  // The inbound endpoints as configured (VOUCH_CRM_INBOUND_SECRETS, …); the CRM inbox for
  // ADMIN/PM is mounted on the demo even with none (every unsigned delivery is refused).
  const inbound = resolveInboundConfig(io.env) ?? {};
  const signingKey = resolveSigningKey(io.env, startup.store.dataDir, {
    environment: startup.environment,
    generate: true,
  });
  keepGeneratedMasterKey(startup);
  const { store, server } = startup;
  const masterKey = startup.masterKey!;
  const jwtSecret = startup.jwtSecret!;
  if (masterKey.source === 'generated')
    io.stdout(`Generated a development master key: ${masterKey.file} (mode 0600)\n`);

  const opened = await openStore(store, { masterKey: masterKey.value });
  const seeded = await opened.store
    .readAll(DEMO_TENANT, { limit: 1 })
    .then((events) => events.length > 0)
    .finally(() => opened.close());
  // The store took the master key: only now may a development JWT secret or signing key be
  // written beside it.
  keepGeneratedJwtSecret(startup);
  keepGenerated(signingKey, store.dataDir);
  if (signingKey.source === 'generated')
    io.stdout(`Generated a development digest signing key: ${signingKey.file} (mode 0600)\n`);
  if (seeded) {
    io.stdout(`Reusing the demo program in ${opened.description}.\n`);
  } else {
    io.stdout(
      `First run: seeding the demo program (18 months, scale ${flags.scale}) into ${opened.description}…\n`,
    );
    const report = await seedStore(
      {
        store,
        masterKey: masterKey.value,
        tenantId: DEMO_TENANT,
        seed: flags.seed,
        scale: flags.scale,
        until: new Date().toISOString().slice(0, 10),
      },
      io,
    );
    io.stdout(formatSeedReport(report));
  }

  const tokens: Partial<Record<Role, string>> = {};
  let tourOwner = 'olga.ae';
  const running = await startServer(
    {
      store,
      server: server!,
      masterKey: masterKey.value,
      auth: { hs256Secret: jwtSecret.value, ...tokenPolicy },
      signingKey: signingKey.value,
      inbound,
      tenants: [DEMO_TENANT],
      tour: {
        tokens,
        advocate: async (vouch) => {
          const advocate = await findTourAdvocate(vouch);
          if (advocate) tourOwner = advocate.ownerId;
          const users: [Role, string][] = [
            ['PROGRAM_MANAGER', PROGRAM_MANAGERS[0]],
            ['ACCOUNT_OWNER', tourOwner],
            ['REQUESTER', REQUESTERS.SALES[0]!],
            ['AUDITOR', AUDITOR],
            ['ADMIN', ADMIN],
          ];
          for (const [role, userId] of users) {
            tokens[role] = await signToken(
              {
                tenantId: DEMO_TENANT,
                userId,
                roles: [role],
                ...(tokenPolicy.issuer ? { issuer: tokenPolicy.issuer } : {}),
                ...(tokenPolicy.audience ? { audience: tokenPolicy.audience } : {}),
              },
              jwtSecret.value,
            );
          }
          return advocate;
        },
      },
    },
    io,
  );
  io.stdout(
    [
      '',
      `Vouch is running: tenant "${DEMO_TENANT}"`,
      `  GraphiQL: ${running.graphiqlUrl}   (tabs for the main flows, tokens filled in)`,
      `  GraphQL:  ${running.graphqlUrl}`,
      '',
      'Tokens (12 h), header  Authorization: Bearer <token>',
      ...Object.entries(tokens).map(([role, token]) => `  ${role.padEnd(16)} ${token}`),
      '',
      'More tokens: npm run vouch -- token --user <id> --roles <ROLE,...>; stop with Ctrl+C.',
      '',
    ].join('\n'),
  );
  // Exits 1 (thrown) when the background work cannot start, as `serve`.
  const signal = await untilStopped(running, io.stopSignal);
  io.stderr(`vouch: ${signal}: stopping\n`);
  await running.stop();
  return ExitCode.OK;
}
