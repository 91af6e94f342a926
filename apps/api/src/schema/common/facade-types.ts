import type { VouchQueries } from '@vouch/application';

// What the facade's queries return, named once for the schema's types. Taken from the
// facade's own signatures, so the API follows the application layer and needs no direct
// dependency on the read models' package.

type Result<Name extends keyof VouchQueries> = VouchQueries[Name] extends (...args: never[]) => infer R
  ? NonNullable<Awaited<R>>
  : never;

export type ProgramResult = Result<'program'>;
export type AccountResult = Result<'account'>;
export type AdvocateResult = Result<'advocate'>;
export type AvailabilityResult = Result<'availability'>;
export type AvailabilityReasonResult = AvailabilityResult['reasons'][number];
export type CandidateMatchesResult = Result<'matchCandidates'>;
export type RequestResult = Result<'request'>;
export type AuditEntryResult = Result<'auditTrail'>[number];
export type AuditSubjectKindValue = Parameters<VouchQueries['auditTrail']>[1];
export type ReplaySubjectKindValue = Parameters<VouchQueries['subjectAsOf']>[1];
export type StateAsOfResult = Result<'subjectAsOf'>;
export type IntegrityResult = Result<'verifyIntegrity'>;
export type ProgramMetricsResult = Result<'programMetrics'>;
export type NominationResult = Result<'nomination'>;
export type ContentResult = Result<'content'>;
export type AdvocatePage = Awaited<ReturnType<VouchQueries['searchAdvocates']>>;
export type AdvocateSearchQuery = Parameters<VouchQueries['searchAdvocates']>[1];
export type RequestPage = Awaited<ReturnType<VouchQueries['requests']>>;
export type RequestFilterQuery = Parameters<VouchQueries['requests']>[1];
