import { writeFileSync } from 'node:fs';
import type { CliIo } from '../cli-io';
import { ConfigError } from '../config/config-error';
import { ExitCode } from '../config/exit-codes';
import { resolveMasterKey } from '../config/secrets';
import { resolveStoreConfig, type StoreFlags } from '../config/store-config';
import { dpvConsentRecords } from '../audit/dpv-consent-records';
import { openStore } from '../stores/open-store';
import { instantFlag, subjectFlag } from './audit-export';
import { commandEnvironment } from '../config/server-config';

export interface AuditConsentsFlags extends StoreFlags {
  readonly tenant: string;
  readonly subject?: string;
  readonly all?: boolean;
  readonly format: 'dpv';
  readonly out?: string;
  readonly asOf?: string;
}

/** `vouch audit consents`: consent records as W3C DPV JSON-LD (ISO/IEC TS 27560). */
export async function runAuditConsents(flags: AuditConsentsFlags, io: CliIo): Promise<ExitCode> {
  if ((flags.subject === undefined) === (flags.all !== true)) {
    throw new ConfigError(['Give exactly one of --subject advocate:id (or account:id) and --all.']);
  }
  const subject = flags.subject !== undefined ? subjectFlag(flags.subject) : undefined;
  if (subject && !/^(advocate|account):/.test(subject)) {
    throw new ConfigError(['--subject of a consent record is advocate:id or account:id.']);
  }
  const config = resolveStoreConfig(flags, io.env);
  const masterKey = resolveMasterKey(io.env, config.dataDir, {
    environment: commandEnvironment(io.env),
    generate: false,
  });
  const opened = await openStore(config, { masterKey: masterKey.value, readOnly: true });
  try {
    const document = await dpvConsentRecords(opened.store, flags.tenant, {
      ...(subject ? { subject } : {}),
      asOf: flags.asOf ? instantFlag('--as-of', flags.asOf) : new Date().toISOString(),
    });
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (flags.out) writeFileSync(flags.out, text);
    else io.stdout(text);
    return ExitCode.OK;
  } finally {
    await opened.close();
  }
}
