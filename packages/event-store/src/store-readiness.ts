/** Why a store cannot take writes now. */
export type StoreNotReadyReason = 'DISK_FULL' | 'READ_ONLY' | 'UNAVAILABLE';

/** Whether a store can take writes now; a store that reads fine may still be unable to write. */
export interface StoreReadiness {
  readonly ready: boolean;
  readonly reason?: StoreNotReadyReason;
}
