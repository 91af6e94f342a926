import { existsSync, readFileSync } from 'node:fs';
import { masterKeyCheckValue, rotateMasterKey, systemClock } from '@vouch/event-store';
import type { CliIo } from '../cli-io';
import { ConfigError } from '../config/config-error';
import { ConfigIssues } from '../config/config-issues';
import { ExitCode } from '../config/exit-codes';
import { resolveMasterKey, strongMasterKey } from '../config/secrets';
import { resolveEnvironment } from '../config/server-config';
import { resolveStoreConfig, type StoreFlags } from '../config/store-config';
import { ProgressLine } from '../rebuild/progress-line';
import { openKeyRepository } from '../stores/open-store';

export interface RotateFlags extends StoreFlags {
  readonly oldKeyFile?: string;
  readonly newKeyFile?: string;
  readonly batchSize: number;
}

/**
 * `vouch keys rotate`: re-wraps every data key under a new master key. Every batch commits
 * with its progress, so a run that is stopped (even kill -9) is finished by the next; the
 * store then records the new key's check value and refuses the old key.
 */
export async function rotateKeys(flags: RotateFlags, io: CliIo): Promise<ExitCode> {
  const issues = new ConfigIssues();
  const store = issues.attempt(() => resolveStoreConfig(flags, io.env));
  const environment =
    issues.attempt(() => resolveEnvironment(undefined, io.env, 'development')) ?? 'production';
  const oldKey = issues.attempt(() =>
    flags.oldKeyFile
      ? keyFromFile(flags.oldKeyFile, '--old-key-file')
      : resolveMasterKey(io.env, store?.dataDir ?? '', { environment, generate: false }).value,
  );
  const newKey = issues.attempt(() => {
    if (flags.newKeyFile) return keyFromFile(flags.newKeyFile, '--new-key-file');
    const text = io.env.VOUCH_NEW_MASTER_KEY?.trim();
    if (!text) {
      throw new ConfigError([
        'No new master key: pass --new-key-file <file> or set VOUCH_NEW_MASTER_KEY (base64 of 32 bytes: `openssl rand -base64 32`).',
      ]);
    }
    return strongMasterKey(text, 'VOUCH_NEW_MASTER_KEY');
  });
  if (oldKey && newKey && oldKey.equals(newKey)) {
    issues.attempt(() => {
      throw new ConfigError(['The new master key is the current one: give a different new key.']);
    });
  }
  issues.throwIfAny();

  const opened = await openKeyRepository(store!);
  try {
    const progress = new ProgressLine(io.stderr, io.interactive, 'Re-wrapping data keys', 'keys');
    const started = process.hrtime.bigint();
    const report = await rotateMasterKey(opened.repository, oldKey!, newKey!, {
      store: opened.description,
      now: systemClock,
      batchSize: flags.batchSize,
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.finish();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (report.alreadyRotated) {
      io.stdout(`${opened.description} is already under the new master key: nothing to do.\n`);
    } else {
      io.stdout(
        `${report.resumed ? 'Finished the interrupted rotation' : 'Rotated the master key'} of ${opened.description}: ` +
          `${report.rewrapped.toLocaleString('en-US')} of ${report.total.toLocaleString('en-US')} data keys re-wrapped in ${seconds.toFixed(2)} s. ` +
          `The old key is refused from now on.\n`,
      );
    }
    io.stdout(
      `Start Vouch with the new key (key check ${masterKeyCheckValue(newKey!).slice(0, 11)}…): set VOUCH_MASTER_KEY to it` +
        `${flags.oldKeyFile || io.env.VOUCH_MASTER_KEY?.trim() ? '' : ` or replace ${store!.dataDir}/master.key with it`}; backups taken before now still need the old key: keep it as long as they exist.\n`,
    );
    return ExitCode.OK;
  } finally {
    await opened.close();
  }
}

function keyFromFile(file: string, flag: string): Buffer {
  if (!existsSync(file)) throw new ConfigError([`${flag}: ${file} does not exist.`]);
  return strongMasterKey(readFileSync(file, 'utf8').trim(), file);
}
