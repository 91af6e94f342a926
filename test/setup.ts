// Jest setup shared by every project. Entry points that use decorators import
// reflect-metadata first; tests get the same guarantee here.
import 'reflect-metadata';
import { shareSqliteErrorWithThisRealm } from './sqlite-error-realm';

shareSqliteErrorWithThisRealm();
