// One command runs every kind of test; `--selectProjects` runs one kind alone.
// Suffixes say what a test needs: *.test.ts is pure (no I/O), *.int.test.ts touches
// a real database or the file system, *.e2e.test.ts talks to a listening server.
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  transform: { '^.+\\.tsx?$': swc },
  moduleNameMapper: {
    // Role names without the whole domain (CLI cold start).
    '^@vouch/domain/roles$': '<rootDir>/packages/domain/src/shared/roles',
    '^@vouch/([^/]+)$': '<rootDir>/packages/$1/src',
    '^@vouch/([^/]+)/testing$': '<rootDir>/packages/$1/src/testing',
    // better-sqlite3 with this test file's SqliteError class, loaded only by files that use it.
    '^better-sqlite3$': '<rootDir>/test/better-sqlite3-in-this-realm.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  setupFiles: ['<rootDir>/test/setup.ts'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{packages,apps,test}/**/*.test.ts'],
      testPathIgnorePatterns: [
        ...shared.testPathIgnorePatterns,
        '\\.int\\.test\\.ts$',
        '\\.e2e\\.test\\.ts$',
      ],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{packages,apps,test}/**/*.int.test.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/{packages,apps,test}/**/*.e2e.test.ts'],
    },
  ],
};
