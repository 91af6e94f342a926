import { ACTIVITY_KINDS, type Consent } from '@vouch/domain';
import { readModelsAsOf, type ProgramMetrics } from '@vouch/projections';
import type { CliIo } from '../cli-io';
import { ExitCode } from '../config/exit-codes';
import { resolveMasterKey } from '../config/secrets';
import { resolveStoreConfig, type StoreFlags } from '../config/store-config';
import { ProgressLine } from '../rebuild/progress-line';
import { openStore } from '../stores/open-store';
import { instantFlag } from './audit-export';
import { commandEnvironment } from '../config/server-config';

export interface AuditReplayFlags extends StoreFlags {
  readonly tenant: string;
  readonly asOf: string;
  readonly json?: boolean;
}

/** The program as it stood at an instant, as the system had recorded it by then. */
export interface ProgramAsOf {
  readonly tenantId: string;
  readonly asOf: string;
  readonly eventsReplayed: number;
  readonly advocatesByStatus: Record<string, number>;
  /** Advocates who could have been asked for each kind then (consent, status, fatigue). */
  readonly availableByKind: Record<string, number>;
  readonly consents: readonly {
    readonly advocateId: string;
    readonly consentId: string;
    readonly version: number;
    readonly kinds: readonly string[];
    readonly state: 'IN_FORCE' | 'NOT_YET_VALID' | 'EXPIRED' | 'WITHDRAWN' | 'PARTLY_WITHDRAWN';
    readonly validUntil?: string;
  }[];
  readonly metrics: ProgramMetrics;
}

/** `vouch audit replay --as-of`: replays the log as recorded by then and prints the program as it stood. */
export async function runAuditReplay(flags: AuditReplayFlags, io: CliIo): Promise<ExitCode> {
  const config = resolveStoreConfig(flags, io.env);
  const asOf = instantFlag('--as-of', flags.asOf);
  const masterKey = resolveMasterKey(io.env, config.dataDir, {
    environment: commandEnvironment(io.env),
    generate: false,
  });
  const opened = await openStore(config, { masterKey: masterKey.value, readOnly: true });
  try {
    // The last position bounds the tenant's events (exact with one tenant); counting them would read every head.
    const total = Number(await opened.store.lastCheckpoint(flags.tenant));
    const progress = new ProgressLine(io.stderr, io.interactive, `Replaying ${flags.tenant}`);
    const { models, events } = await readModelsAsOf(opened.store, flags.tenant, asOf, (n) =>
      progress.update(n, total),
    );
    progress.finish();
    const advocatesByStatus: Record<string, number> = {};
    const availableByKind: Record<string, number> = Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, 0]));
    const consents: ProgramAsOf['consents'][number][] = [];
    for (const [advocateId, state] of models.directory.advocates) {
      if (state.status === 'NONE') continue;
      advocatesByStatus[state.status] = (advocatesByStatus[state.status] ?? 0) + 1;
      for (const kind of ACTIVITY_KINDS) {
        if (models.availability(advocateId, kind, asOf).available) availableByKind[kind]! += 1;
      }
      for (const consent of Object.values(state.consents) as Consent[]) {
        consents.push({
          advocateId,
          consentId: consent.consentId,
          version: consent.version,
          kinds: consent.kinds,
          state: consentState(consent, asOf),
          ...(consent.validUntil ? { validUntil: consent.validUntil } : {}),
        });
      }
    }
    const result: ProgramAsOf = {
      tenantId: flags.tenant,
      asOf,
      eventsReplayed: events,
      advocatesByStatus,
      availableByKind,
      consents,
      metrics: models.metrics(asOf),
    };
    io.stdout(flags.json ? `${JSON.stringify(result, null, 2)}\n` : describe(result));
    return ExitCode.OK;
  } finally {
    await opened.close();
  }
}

function consentState(consent: Consent, at: string): ProgramAsOf['consents'][number]['state'] {
  if (consent.withdrawnKinds.length > 0) {
    return consent.kinds.every((k) => consent.withdrawnKinds.includes(k)) ? 'WITHDRAWN' : 'PARTLY_WITHDRAWN';
  }
  if (consent.validFrom > at) return 'NOT_YET_VALID';
  if (consent.validUntil !== undefined && consent.validUntil <= at) return 'EXPIRED';
  return 'IN_FORCE';
}

function describe(r: ProgramAsOf): string {
  const count = (record: Record<string, number>) =>
    Object.entries(record)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none';
  const m = r.metrics;
  const consentStates: Record<string, number> = {};
  for (const c of r.consents) consentStates[c.state] = (consentStates[c.state] ?? 0) + 1;
  return [
    `Tenant ${r.tenantId} as recorded by ${r.asOf} (${r.eventsReplayed.toLocaleString('en-US')} events replayed; nothing recorded later is counted)`,
    `Advocates: ${count(r.advocatesByStatus)}`,
    `Could be asked, by kind: ${count(r.availableByKind)}`,
    `Consents: ${count(consentStates)}`,
    `Requests by status: ${count(m.funnel as Record<string, number>)}`,
    `SLA breaches: ${m.slaBreaches}; acceptance ${m.acceptanceRate.numerator}/${m.acceptanceRate.denominator}; completed uses ${m.usageConcentration.completedUses}`,
    `Consents expiring within 30 days: ${m.consentsExpiringSoon.length}`,
    '(--json prints every consent and the full metrics)',
    '',
  ].join('\n');
}
