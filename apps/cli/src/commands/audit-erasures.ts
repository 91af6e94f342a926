import { writeFileSync } from 'node:fs';
import type { CliIo } from '../cli-io';
import { ExitCode } from '../config/exit-codes';
import { resolveMasterKey } from '../config/secrets';
import { resolveStoreConfig, type StoreFlags } from '../config/store-config';
import { erasureReport } from '../audit/erasure-report';
import { openStore } from '../stores/open-store';
import { commandEnvironment } from '../config/server-config';

export interface AuditErasuresFlags extends StoreFlags {
  readonly tenant: string;
  readonly out?: string;
}

/** `vouch audit erasures`: erasure requests and legal holds, and what remains, as JSON. */
export async function runAuditErasures(flags: AuditErasuresFlags, io: CliIo): Promise<ExitCode> {
  const config = resolveStoreConfig(flags, io.env);
  const masterKey = resolveMasterKey(io.env, config.dataDir, {
    environment: commandEnvironment(io.env),
    generate: false,
  });
  const opened = await openStore(config, { masterKey: masterKey.value, readOnly: true });
  try {
    const cases = await erasureReport(opened.store, flags.tenant);
    const text = `${JSON.stringify({ format: 'vouch.erasure-report.v1', tenantId: flags.tenant, cases }, null, 2)}\n`;
    if (flags.out) writeFileSync(flags.out, text);
    else io.stdout(text);
    return ExitCode.OK;
  } finally {
    await opened.close();
  }
}
