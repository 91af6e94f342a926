// The read models of one tenant and their queries.
export * from './projection';
export * from './snapshot-keys';
export * from './sealed-contacts';
export * from './tenant-read-models';
export * from './advocate-directory';
export * from './advocate-views';
export * from './advocate-availability';
export * from './advocate-busy';
export * from './account-suppression-markers';
export * from './advocate-search-index';
export * from './advocate-search';
export * from './candidate-matching';
export * from './request-matches';
export * from './request-board';
export * from './aggregate-states';
export * from './audit-history';
export * from './audit-sentence';
export * from './as-of';
export * from './program-metrics';
export * from './intelligence';
export * from './connection';
export * from './sorted-keys';
export * from './sorted-walk';

// Keeping them caught up: snapshots, the runner, one runner per tenant.
// The store interface lives with the event store, so adapters implement it without this package.
export type { ReadModelStore, SavedReadModel, SaveReadModelOptions } from '@vouch/event-store';
export * from './in-memory-read-model-store';
export * from './projection-runner';
export * from './restore-failure-error';
export * from './projection-restore-error';
export * from './error-kind';
export * from './tenant-projections';
export * from './read-models-as-of';
export * from './as-of-fold';
