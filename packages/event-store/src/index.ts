// The contract.
export * from './event-store';
export * from './expected-version';
export * from './checkpoint';
export * from './clock';
export * from './recorded-event';
export * from './replay-event';
export * from './append/append-result';
export * from './subscriptions/subscription';

// Typed errors.
export * from './errors/event-store-error';
export * from './errors/concurrency-error';
export * from './errors/idempotency-conflict-error';
export * from './errors/invalid-append-error';
export * from './errors/tenant-violation-error';
export * from './errors/store-unavailable-error';
export * from './errors/subject-erased-error';
export * from './errors/data-key-missing-error';
export * from './errors/upcast-failed-error';
export * from './errors/corrupt-event-error';
export * from './errors/master-key-mismatch-error';
export * from './errors/key-rotation-in-progress-error';
export * from './errors/saved-state-unreadable-error';
export * from './errors/seal-unopenable-error';
export * from './errors/saved-state-shape-error';
export * from './errors/saved-state-fault';

// Upcasting.
export * from './upcasting/upcaster-registry';

// Integrity: hash chain, verification, signed digests.
export * from './integrity/canonical-json';
export * from './integrity/canonical-text-cache';
export * from './integrity/event-hash';
export * from './integrity/chain-verifier';
export * from './integrity/merkle-tree';
export * from './integrity/tenant-digest';
export * from './integrity/tenant-audit';
export * from './integrity/signed-digest';
export * from './integrity/signed-digest-log';
export * from './integrity/parse-signed-digest';
export * from './integrity/digest-signer';
export * from './integrity/signed-history-verification';

// Personal data: crypto-shredding.
export * from './personal-data/personal-data-lookup';
export * from './personal-data/erased-personal-data';
export * from './personal-data/key-vault';
export * from './personal-data/wrapped-key-repository';
export * from './personal-data/in-memory-wrapped-key-repository';
export * from './personal-data/master-key-vault';
export * from './personal-data/data-key-wrapping';
export * from './personal-data/master-key-check';
export * from './personal-data/rotate-master-key';
export * from './personal-data/personal-data-cipher';
export * from './personal-data/subject-keys';
export * from './personal-data/vault-subject-keys';

// What adapters build on.
export * from './stored-event';
export * from './storage-engine';
export * from './append/prepared-append';
export * from './append/prepare-append';
export * from './append/plan-append';
export * from './append/planned-event';
export * from './engine-event-store';
export * from './subscriptions/catch-up-subscription';
export * from './projections/checkpoint-store';
export * from './projections/read-model-store';
export * from './projections/json-pieces';
export * from './projections/json-pieces-parse';
export * from './projections/parse-saved-json';

// The in-memory store.
export * from './memory/in-memory-storage-engine';
export * from './memory/in-memory-event-store';
export * from './store-readiness';
// The contract suite every adapter runs is a separate entry: `@vouch/event-store/testing`.
