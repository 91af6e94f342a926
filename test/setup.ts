// Jest setup shared by every project. Entry points that use decorators import
// reflect-metadata first; tests get the same guarantee here. (better-sqlite3's error realm
// is handed over where it is loaded: test/better-sqlite3-in-this-realm.ts.)
import 'reflect-metadata';
