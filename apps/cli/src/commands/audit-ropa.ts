import { writeFileSync } from 'node:fs';
import { AggregateReader, PROGRAM_ID } from '@vouch/application';
import type { CliIo } from '../cli-io';
import { ExitCode } from '../config/exit-codes';
import { resolveMasterKey } from '../config/secrets';
import { resolveStoreConfig, type StoreFlags } from '../config/store-config';
import { recordOfProcessing } from '../audit/record-of-processing';
import { openStore } from '../stores/open-store';
import { commandEnvironment } from '../config/server-config';

export interface AuditRopaFlags extends StoreFlags {
  readonly tenant: string;
  readonly out?: string;
}

/** `vouch audit ropa`: the GDPR Article 30 record of processing of the tenant, as JSON. */
export async function runAuditRopa(flags: AuditRopaFlags, io: CliIo, now = new Date()): Promise<ExitCode> {
  const config = resolveStoreConfig(flags, io.env);
  const masterKey = resolveMasterKey(io.env, config.dataDir, {
    environment: commandEnvironment(io.env),
    generate: false,
  });
  const opened = await openStore(config, { masterKey: masterKey.value, readOnly: true });
  try {
    const program = await new AggregateReader(opened.store).program(flags.tenant);
    const version = await opened.store.streamVersion(flags.tenant, PROGRAM_ID);
    const text = `${JSON.stringify(recordOfProcessing(flags.tenant, program, version, now.toISOString()), null, 2)}\n`;
    if (flags.out) writeFileSync(flags.out, text);
    else io.stdout(text);
    return ExitCode.OK;
  } finally {
    await opened.close();
  }
}
