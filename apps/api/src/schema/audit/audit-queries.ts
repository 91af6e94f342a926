import type { Instant } from '@vouch/domain';
import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import {
  ForwardPageArgs,
  PageArgs,
  pageOfList,
  pageRequest,
  type ConnectionShape,
} from '../common/connection';
import type { AuditEntryResult, ReplaySubjectKindValue } from '../common/facade-types';
import { ReplaySubjectKind } from '../enums/read-model-enums';
import { DateTimeScalar } from '../scalars/date-time';
import type { AuditEntry } from './audit-types';
import { AuditEntryConnection, AuditSubjectInput, IntegrityCheck, SubjectAsOf } from './audit-types';
import { IntegrityVerificationView, SignedDigestView } from './integrity-types';
import { signedDigestView, verificationView } from './integrity-views';

/** What `verifyIntegrity` costs in the operation cost limit: it reads the whole log. */
export const VERIFY_INTEGRITY_COST = 1000;

/** Audit: histories in words, replay as of an instant, integrity. */
@Resolver()
export class AuditQueries {
  @Query(() => AuditEntryConnection, {
    description:
      "Who did what, when (recorded and effective) and why, for one subject, oldest first, a page at a time. A consent's history gathers its grant, renewals, withdrawal, expiry and every use that relied on it.",
  })
  async auditTrail(
    @Arg('subject', () => AuditSubjectInput, { description: 'Whose history.' }) subject: AuditSubjectInput,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<ConnectionShape<AuditEntry>> {
    const entries = await vouch.queries.auditTrail(principal, subject.kind, subject.id);
    return pageOfList(entries.map(auditEntryOf), (entry) => entry.checkpoint, page);
  }

  @Query(() => SubjectAsOf, {
    nullable: true,
    description:
      "A subject's state at an instant, replayed from its stream: as recorded by then, and as true in the world then. Null when the subject has no history.",
  })
  async subjectAsOf(
    @Arg('kind', () => ReplaySubjectKind, { description: 'What kind of subject.' })
    kind: ReplaySubjectKindValue,
    @Arg('id', () => ID, { description: 'Its id.' }) id: string,
    @Arg('at', () => DateTimeScalar, { description: 'The instant to replay to.' }) at: Instant,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<SubjectAsOf | undefined> {
    const state = await vouch.queries.subjectAsOf(principal, kind, id, at);
    if (!state) return undefined;
    return {
      aggregate: state.aggregate,
      at,
      recorded: { events: state.recordedEvents, state: state.recorded as object },
      effective: { events: state.effectiveEvents, state: state.effective as object },
    };
  }

  @Query(() => AuditEntryConnection, {
    description:
      "The whole tenant's audit trail in log order, a page at a time: optionally only what was recorded in [from, to), and only one subject's entries. Auditors and admins.",
  })
  async tenantAuditTrail(
    @Args(() => ForwardPageArgs) page: ForwardPageArgs,
    @Ctx() { vouch, principal }: ApiContext,
    @Arg('from', () => DateTimeScalar, { nullable: true, description: 'Recorded at or after this instant.' })
    from?: Instant | null,
    @Arg('to', () => DateTimeScalar, { nullable: true, description: 'Recorded before this instant.' })
    to?: Instant | null,
    @Arg('subject', () => AuditSubjectInput, { nullable: true, description: "Only this subject's entries." })
    subject?: AuditSubjectInput | null,
  ): Promise<ConnectionShape<AuditEntry>> {
    const trail = await vouch.queries.tenantAuditTrail(
      principal,
      { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(subject ? { subject } : {}) },
      pageRequest(page),
    );
    return {
      edges: trail.edges.map((edge) => ({ cursor: edge.cursor, node: auditEntryOf(edge.node) })),
      pageInfo: {
        hasNextPage: trail.pageInfo.hasNextPage,
        hasPreviousPage: trail.pageInfo.hasPreviousPage,
        startCursor: trail.pageInfo.startCursor ?? null,
        endCursor: trail.pageInfo.endCursor ?? null,
      },
    };
  }

  @Query(() => SignedDigestView, {
    nullable: true,
    description:
      "The tenant's latest signed digest with its signature, key id and public key; null before the first (or without a signing key). Auditors and admins.",
  })
  async signedDigest(@Ctx() { vouch, principal }: ApiContext): Promise<SignedDigestView | undefined> {
    const found = await vouch.queries.signedDigest(principal);
    return found && signedDigestView(found.digest, found.publicKey);
  }

  @Query(() => IntegrityVerificationView, {
    nullable: true,
    description: 'A verification started with `startIntegrityVerification`, to poll; null for an unknown id.',
  })
  async integrityVerification(
    @Arg('id', () => ID, { description: 'The job id.' }) id: string,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<IntegrityVerificationView | undefined> {
    const job = await vouch.queries.integrityVerification(principal, id);
    return job && verificationView(job);
  }

  @Query(() => IntegrityCheck, {
    // Weighted by its work (the whole log): a few per operation at most, never 20 aliases.
    complexity: VERIFY_INTEGRITY_COST,
    description:
      'Recomputes every hash chain of the tenant and its Merkle digest; names the first broken event. It reads the whole log: its cost is 1000, and concurrent calls of a tenant share one run. For large stores prefer `startIntegrityVerification`, which also checks the signed digests.',
  })
  async verifyIntegrity(@Ctx() { vouch, principal }: ApiContext): Promise<IntegrityCheck> {
    const { report, digest } = await vouch.queries.verifyIntegrity(principal);
    return { ...report, digest };
  }
}

/** An audit entry with its consents as a list (the read model leaves it out when there are none). */
function auditEntryOf(entry: AuditEntryResult): AuditEntry {
  return { ...entry, consents: entry.consents ?? [] };
}
