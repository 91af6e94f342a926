import type { Instant } from '@vouch/domain';
import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { PageArgs, pageOfList, type ConnectionShape } from '../common/connection';
import type { AuditEntryResult, ReplaySubjectKindValue } from '../common/facade-types';
import { ReplaySubjectKind } from '../enums/read-model-enums';
import { DateTimeScalar } from '../scalars/date-time';
import type { AuditEntry } from './audit-types';
import { AuditEntryConnection, AuditSubjectInput, IntegrityCheck, SubjectAsOf } from './audit-types';

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

  @Query(() => IntegrityCheck, {
    description:
      'Recomputes every hash chain of the tenant and its Merkle digest; names the first broken event.',
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
