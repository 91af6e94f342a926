export * from './eventstoredb-event-store';
export * from './eventstoredb-storage-engine';
export * from './eventstoredb-checkpoint-store';
export * from './error-mapping';
export * from './stream-names';
export * from './recorded-envelope';
