import { createPublicKey } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { AUDIT_SUBJECT_KINDS } from '@vouch/application';
import type { CliIo } from '../cli-io';
import { ConfigError } from '../config/config-error';
import { ExitCode } from '../config/exit-codes';
import { resolveMasterKey } from '../config/secrets';
import { resolveSigningKey } from '../config/signing-key';
import { resolveStoreConfig, type StoreFlags } from '../config/store-config';
import { exportAuditTrail, type TextSink, type TrailSelection } from '../audit/export-audit-trail';
import { writerFor, type AuditFormat } from '../audit/audit-writers';
import { ProgressLine } from '../rebuild/progress-line';
import { openStore } from '../stores/open-store';
import { commandEnvironment } from '../config/server-config';

export interface AuditExportFlags extends StoreFlags {
  readonly tenant: string;
  readonly from?: string;
  readonly to?: string;
  readonly subject?: string;
  readonly format: AuditFormat;
  readonly out?: string;
}

/** An instant (`2026-01-31` or a full ISO-8601 time) as the ISO text the store records. */
export function instantFlag(name: string, text: string): string {
  const value = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00.000Z` : text;
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value) || Number.isNaN(time)) {
    throw new ConfigError([`${name} must be a date (2026-01-31) or an ISO-8601 time (got "${text}").`]);
  }
  return new Date(time).toISOString();
}

/** A `kind:id` subject of the audit histories. */
export function subjectFlag(text: string): string {
  const [kind, ...rest] = text.split(':');
  const id = rest.join(':');
  if (!AUDIT_SUBJECT_KINDS.includes(kind as never) || id === '') {
    throw new ConfigError([
      `--subject must be kind:id with kind one of ${AUDIT_SUBJECT_KINDS.join(', ')} (got "${text}").`,
    ]);
  }
  return `${kind}:${id}`;
}

/** `vouch audit export`: the tenant's trail in plain words, streamed to a file or stdout. */
export async function runAuditExport(flags: AuditExportFlags, io: CliIo): Promise<ExitCode> {
  const config = resolveStoreConfig(flags, io.env);
  const selection: TrailSelection = {
    ...(flags.from ? { from: instantFlag('--from', flags.from) } : {}),
    ...(flags.to ? { to: instantFlag('--to', flags.to) } : {}),
    ...(flags.subject ? { subject: subjectFlag(flags.subject) } : {}),
  };
  const masterKey = resolveMasterKey(io.env, config.dataDir, {
    environment: commandEnvironment(io.env),
    generate: false,
  });
  const opened = await openStore(config, { masterKey: masterKey.value, readOnly: true });
  const file = flags.out ? createWriteStream(flags.out) : undefined;
  try {
    const digest = await opened.signedDigests.latest(flags.tenant);
    const publicKey = configuredPublicKey(io, config.dataDir);
    // Progress by log position: counting the tenant's events would read every stream head.
    const total = Number(await opened.store.lastCheckpoint(flags.tenant));
    const progress = new ProgressLine(io.stderr, io.interactive, `Exporting ${flags.tenant}`);
    const { written } = await exportAuditTrail(
      opened.store,
      {
        tenantId: flags.tenant,
        generatedAt: new Date().toISOString(),
        ...selection,
        ...(digest ? { digest } : {}),
        ...(publicKey ? { publicKey } : {}),
      },
      selection,
      writerFor(flags.format),
      file ? sinkTo(file) : (text) => io.stdout(text),
      (position) => progress.update(position, total),
    );
    progress.finish();
    if (file) await closed(file);
    io.stderr(
      `Exported ${written.toLocaleString('en-US')} events of ${flags.tenant} as ${flags.format}${flags.out ? ` to ${flags.out}` : ''}\n`,
    );
    return ExitCode.OK;
  } finally {
    file?.destroy();
    await opened.close();
  }
}

/** The public key of the configured signing key, when there is one here (for the HTML report). */
function configuredPublicKey(io: CliIo, dataDir: string): string | undefined {
  try {
    const signing = resolveSigningKey(io.env, dataDir, {
      environment: commandEnvironment(io.env),
      generate: false,
    });
    return createPublicKey(signing.value).export({ type: 'spki', format: 'pem' }).toString();
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
}

/** Writes to a file stream, waiting for it to drain when its buffer is full. */
function sinkTo(file: WriteStream): TextSink {
  return (text) =>
    file.write(text) ? undefined : new Promise<void>((resolve) => file.once('drain', () => resolve()));
}

function closed(file: WriteStream): Promise<void> {
  return new Promise((resolve, reject) =>
    file.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}
