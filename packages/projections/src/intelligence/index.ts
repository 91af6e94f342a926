// Program intelligence: the history kept "as of" any instant, and the answers built on it.
export * from './program-history';
export * from './history-as-of';
export * from './program-assessment';
export * from './launch-coverage-plan';
export * from './content-usage';
export * from './nominator-recognition';
export * from './executive-digest';
