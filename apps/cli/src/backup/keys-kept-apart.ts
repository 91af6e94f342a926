import { join } from 'node:path';

/** What a backup does not hold, and where the operator keeps it instead. */
export function keysKeptApart(dataDir: string): string {
  return (
    'Not in the backup: the master key (VOUCH_MASTER_KEY, in development ' +
    `${join(dataDir, 'master.key')}) and the signing key (VOUCH_SIGNING_KEY, in development ` +
    `${join(dataDir, 'signing.key')}). Keep them apart from the backup: without the master key ` +
    'the personal data in it cannot be read, and whoever holds both can read everything.'
  );
}
