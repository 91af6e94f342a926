// `@vouch/event-store/testing`: the contract suite every adapter runs (uses jest's globals
// when called, never on import), its events and a manual clock.
export * from './event-store-contract';
export * from './contract-events';
export * from './manual-clock';
export * from './failed-append-keys';
export * from './optional-members';
export * from './step-budget';
export * from './replayed-fields';
