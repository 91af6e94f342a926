import type { DataKeyLookup, ErasureReceipt, KeyVault } from '@vouch/event-store';

/**
 * The vault of a store opened without the master key (a reviewer verifying a copy):
 * verification reads stored bytes only, so nothing here ever unwraps a data key, and
 * anything that would write personal data or erase is refused.
 */
export class NoDataKeysVault implements KeyVault {
  async dataKeyFor(): Promise<Buffer> {
    throw new Error('This store was opened without the master key: it cannot write personal data.');
  }

  async settle(): Promise<void> {
    // No data key is ever created here, so none can linger.
  }

  async lookup(): Promise<DataKeyLookup> {
    return { status: 'missing' };
  }

  async destroy(): Promise<ErasureReceipt> {
    throw new Error('This store was opened without the master key: it cannot erase.');
  }
}
