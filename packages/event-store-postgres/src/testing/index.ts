// `@vouch/event-store-postgres/testing`: a throwaway PostgreSQL server for tests of this and other packages.
export * from './postgres-test-server';
export * from './use-postgres-test-server';
