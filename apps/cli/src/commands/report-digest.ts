import { writeFileSync } from 'node:fs';
import { executiveDigest } from '@vouch/projections';
import type { CliIo } from '../cli-io';
import { ExitCode } from '../config/exit-codes';
import { resolveMasterKey } from '../config/secrets';
import { commandEnvironment } from '../config/server-config';
import { resolveStoreConfig, type StoreFlags } from '../config/store-config';
import { digestHtml, digestMarkdown } from '../report/digest-document';
import { loadProgramHistory } from '../report/load-program-history';
import { parseReportPeriod } from '../report/report-period';
import { openStore } from '../stores/open-store';

export const DIGEST_FORMATS = ['html', 'md'] as const;

export interface ReportDigestFlags extends StoreFlags {
  readonly tenant: string;
  readonly period: string;
  /** The period's end (ISO date or instant); default now. */
  readonly to?: string;
  readonly format: (typeof DIGEST_FORMATS)[number];
  readonly out?: string;
}

/** `vouch report digest`: the executive digest of a period as a self-contained HTML or Markdown document. */
export async function runReportDigest(
  flags: ReportDigestFlags,
  io: CliIo,
  now = new Date(),
): Promise<ExitCode> {
  const to = flags.to === undefined ? now.getTime() : Date.parse(flags.to);
  if (Number.isNaN(to)) {
    io.stderr(`--to "${flags.to}" is not a date (use 2026-03-31 or an ISO instant).\n`);
    return ExitCode.USAGE;
  }
  let period;
  try {
    period = parseReportPeriod(flags.period, to);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return ExitCode.USAGE;
  }
  const config = resolveStoreConfig(flags, io.env);
  const masterKey = resolveMasterKey(io.env, config.dataDir, {
    environment: commandEnvironment(io.env),
    generate: false,
  });
  const opened = await openStore(config, { masterKey: masterKey.value, readOnly: true });
  try {
    const history = await loadProgramHistory(opened.store, flags.tenant);
    const digest = executiveDigest(history, period.from, period.to);
    const meta = { tenantId: flags.tenant, generatedAt: now.toISOString() };
    const text = flags.format === 'md' ? digestMarkdown(digest, meta) : digestHtml(digest, meta);
    if (flags.out) writeFileSync(flags.out, text);
    else io.stdout(text);
    return ExitCode.OK;
  } finally {
    await opened.close();
  }
}
