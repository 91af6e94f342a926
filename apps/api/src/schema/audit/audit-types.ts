import type { AggregateName as AggregateNameValue, Role as RoleValue } from '@vouch/domain';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionOf } from '../common/connection';
import type { AuditSubjectKindValue } from '../common/facade-types';
import { EnumField, IdField } from '../common/fields';
import { Role } from '../enums/domain-enums';
import { AggregateName, AuditSubjectKind, BreakReason } from '../enums/read-model-enums';
import { DateTimeScalar } from '../scalars/date-time';

@InputType({ description: 'The subject of an audit history.' })
export class AuditSubjectInput {
  @EnumField(AuditSubjectKind, 'What kind of subject.')
  kind!: AuditSubjectKindValue;

  @IdField('Its id (for the program, any id: there is one per tenant).')
  id!: string;
}

@ObjectType({ description: 'Who did something, as recorded with the event.' })
export class AuditActor {
  @Field(() => ID, { description: 'The user id (`system` for process managers and timers).' })
  userId!: string;

  @Field(() => [Role], { description: 'The roles they acted in.' })
  roles!: readonly RoleValue[];
}

@ObjectType({ description: 'A consent, by id and version, that an event relied on or recorded.' })
export class ConsentReliedOn {
  @Field(() => ID, { description: 'The consent.' })
  consentId!: string;

  @Field(() => Int, { description: 'The version of it in force then.' })
  version!: number;
}

@ObjectType({
  description:
    'One line of an audit history: when it was recorded and when it happened, who did what, in a sentence, and the consents relied on. Sentences hold ids only: nothing personal survives an erasure here.',
})
export class AuditEntry {
  @Field(() => String, { description: 'Opaque position of the event in the tenant’s log.' })
  checkpoint!: string;

  @Field(() => String, { description: 'The stream the event belongs to.' })
  streamId!: string;

  @Field(() => Int, { description: 'Its version in that stream.' })
  version!: number;

  @Field(() => DateTimeScalar, { description: 'When the system recorded it.' })
  recordedAt!: string;

  @Field(() => DateTimeScalar, { description: 'When it happened in the world.' })
  effectiveAt!: string;

  @Field(() => AuditActor, { description: 'Who did it.' })
  actor!: AuditActor;

  @Field(() => String, { description: 'The event type, e.g. `ConsentGranted`.' })
  type!: string;

  @Field(() => String, { description: 'What happened, in one plain sentence.' })
  sentence!: string;

  @Field(() => [ConsentReliedOn], {
    description: 'The consents the event relied on or records (often none).',
  })
  consents!: readonly ConsentReliedOn[];
}

export const AuditEntryConnection = connectionOf('AuditEntry', AuditEntry, 'audit entry', 'audit entries');

@ObjectType({ description: "One of a subject's two timelines folded up to an instant." })
export class SubjectTimeline {
  @Field(() => Int, { description: 'How many events the fold used.' })
  events!: number;

  @Field(() => GraphQLJSONObject, {
    description: "The aggregate's state after those events, as the domain's decider folds it (JSON).",
  })
  state!: object;
}

@ObjectType({
  description:
    "A subject's state at an instant, replayed from its stream in two ways: `recorded` is the state as recorded by then (events with recordedAt ≤ at, in log order: what the system knew); `effective` is the state as true in the world then (events with effectiveAt ≤ at, in effective order, late records included).",
})
export class SubjectAsOf {
  @Field(() => AggregateName, { description: 'The aggregate the stream belongs to.' })
  aggregate!: AggregateNameValue;

  @Field(() => DateTimeScalar, { description: 'The instant replayed to.' })
  at!: string;

  @Field(() => SubjectTimeline, {
    description: 'As recorded by then: what the system knew at `at`.',
  })
  recorded!: SubjectTimeline;

  @Field(() => SubjectTimeline, {
    description:
      'As true in the world then: every event that had happened by `at`, whenever it was recorded.',
  })
  effective!: SubjectTimeline;
}

@ObjectType({ description: 'The first event at which a hash chain no longer verifies.' })
export class BrokenEvent {
  @Field(() => String, { description: 'Its stream.' })
  streamId!: string;

  @Field(() => Int, { description: 'Its version.' })
  version!: number;

  @Field(() => ID, { description: 'Its event id.' })
  eventId!: string;

  @Field(() => String, { description: 'Its position in the log.' })
  checkpoint!: string;

  @Field(() => BreakReason, { description: 'Why it fails.' })
  reason!: string;

  @Field(() => String, { description: 'What exactly failed.' })
  detail!: string;
}

@ObjectType({
  description: 'The Merkle digest of the tenant’s streams: publish or sign it to prove the log later.',
})
export class TenantDigest {
  @Field(() => String, { description: 'The digest format.' })
  format!: string;

  @Field(() => ID, { description: 'The tenant.' })
  tenantId!: string;

  @Field(() => String, { description: 'The log position the digest covers up to.' })
  checkpoint!: string;

  @Field(() => Int, { description: 'How many streams it covers.' })
  streams!: number;

  @Field(() => String, { description: 'Hex SHA-256 Merkle root over the stream heads.' })
  merkleRoot!: string;

  @Field(() => DateTimeScalar, { description: 'When the digest was computed.' })
  issuedAt!: string;
}

@ObjectType({
  description: "The outcome of recomputing every hash chain of the tenant, and the tenant's digest.",
})
export class IntegrityCheck {
  @Field(() => Boolean, { description: 'True when every chain verifies.' })
  ok!: boolean;

  @Field(() => Int, { description: 'Streams checked.' })
  streamsChecked!: number;

  @Field(() => Int, { description: 'Events checked.' })
  eventsChecked!: number;

  @Field(() => BrokenEvent, {
    nullable: true,
    description: 'The earliest event (in log order) that fails; null when ok.',
  })
  firstBroken?: BrokenEvent;

  @Field(() => TenantDigest, { description: 'The digest of the tenant now.' })
  digest!: TenantDigest;
}
