export * from './postgres-event-store';
export * from './postgres-storage-engine';
export * from './database/postgres-database';
export * from './database/connection-failure';
export * from './schema/migrations';
export * from './schema/migrate';
export * from './schema/pending-migrations';
export * from './personal-data/postgres-wrapped-key-repository';
export * from './personal-data/postgres-master-key-check';
export * from './projections/postgres-checkpoint-store';
export * from './projections/postgres-read-model-store';
export * from './leases/postgres-lease';
export * from './notifications/event-notifier';
// A throwaway PostgreSQL server for tests is a separate entry: `@vouch/event-store-postgres/testing`.
export * from './integrity/postgres-signed-digest-log';
