export * from './sqlite-event-store';
export * from './open-database';
export * from './schema';
export * from './group-commit-queue';
export * from './sqlite-storage-engine';
export * from './sqlite-wrapped-key-repository';
export * from './sqlite-projection-checkpoints';
export * from './sqlite-read-model-store';
