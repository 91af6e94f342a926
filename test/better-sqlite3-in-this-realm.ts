// What `better-sqlite3` resolves to in tests (jest.config.js moduleNameMapper): the real
// module, loaded by its file path (which the mapper leaves alone), after handing the native
// addon this test file's SqliteError class (see sqlite-error-realm.ts). Only test files that
// load better-sqlite3 pay for it; test/setup.ts no longer loads it for every file.
import type * as BetterSqlite3 from 'better-sqlite3';
import { shareSqliteErrorWithThisRealm } from './sqlite-error-realm';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the real module, past the mapper
const betterSqlite3 = require('better-sqlite3/lib/index.js') as typeof BetterSqlite3;
shareSqliteErrorWithThisRealm(betterSqlite3.SqliteError);

export = betterSqlite3;
