import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IdField } from '../common/fields';
import { DateTimeScalar } from '../scalars/date-time';
import { enumOf, registerDescribedEnum } from '../enums/enum-of';
import { BrokenEvent } from './audit-types';

const COMMAND_ID = 'Client-chosen id of this command; repeating it changes nothing.';

// GraphQL names cannot hold '-': the API spells the reasons in capitals.
export const DigestReason = enumOf(['SCHEDULED', 'ERASURE', 'ON_DEMAND'] as const);
registerDescribedEnum(DigestReason, {
  name: 'DigestReason',
  description: 'Why the product signed: on its schedule, after an erasure, or because an admin asked.',
  values: {
    SCHEDULED: 'On its signing schedule.',
    ERASURE: 'After an erasure, so the history after it is anchored at once.',
    ON_DEMAND: 'Because an admin asked (`signDigest`).',
  },
});

@ObjectType({
  description:
    "A digest the product signed (invariant 12): the Merkle root over the tenant's stream heads at a log position, chained to the previous signed digest by its hash, signed with an Ed25519 key that never lives in the database. Keep `document` and `publicKey` outside the system: `vouch verify --digest` checks the store against them offline.",
})
export class SignedDigestView {
  @Field(() => Int, { description: "Its place in the tenant's chain of signed digests (1 for the first)." })
  sequence!: number;

  @Field(() => ID, { description: 'The tenant.' })
  tenantId!: string;

  @Field(() => String, { description: 'The log position it covers up to.' })
  checkpoint!: string;

  @Field(() => Int, { description: 'How many streams it covers.' })
  streams!: number;

  @Field(() => String, { description: 'Hex SHA-256 RFC 6962 Merkle root over the stream heads.' })
  merkleRoot!: string;

  @Field(() => String, { description: 'Hex SHA-256 of the previous signed digest (64 zeros for the first).' })
  previousDigestHash!: string;

  @Field(() => DateTimeScalar, { description: 'When it was signed.' })
  issuedAt!: string;

  @Field(() => DigestReason, { description: 'Why it was signed.' })
  reason!: string;

  @Field(() => String, { description: 'Always Ed25519.' })
  algorithm!: string;

  @Field(() => String, { description: "Base64 Ed25519 signature over the statement's RFC 8785 text." })
  signature!: string;

  @Field(() => String, {
    description: 'Id of the signing key: `ed25519:` and 16 hex of the SHA-256 of its SPKI.',
  })
  keyId!: string;

  @Field(() => String, { description: 'The public key that checks the signature (PEM, SPKI).' })
  publicKey!: string;

  @Field(() => GraphQLJSONObject, {
    description: 'The whole signed digest (statement, signature and stream heads) as JSON, to keep.',
  })
  document!: object;
}

@InputType({ description: "Have the product sign the tenant's digest now. Admins." })
export class SignDigestInput {
  @IdField(COMMAND_ID)
  commandId!: string;
}

@InputType({ description: "Start verifying the tenant's whole history against its signed digests." })
export class StartIntegrityVerificationInput {
  @IdField(COMMAND_ID)
  commandId!: string;
}

export const VerificationStatus = enumOf(['RUNNING', 'PASSED', 'FAILED', 'ERROR'] as const);
registerDescribedEnum(VerificationStatus, {
  name: 'VerificationStatus',
  description:
    'RUNNING, then PASSED (everything verifies), FAILED (a break was found: see firstBreak) or ERROR (it could not run to the end).',
  values: {
    RUNNING: 'Still verifying.',
    PASSED: 'Every event and signed digest verifies.',
    FAILED: 'A break was found: see `firstBreak`.',
    ERROR: 'It could not run to the end: see `error`.',
  },
});

@ObjectType({ description: 'What a verification found wrong first.' })
export class VerificationBreak {
  @Field(() => String, {
    description:
      'digest_chain (a signed digest changed, forged or removed), kept_digest, event (an event changed, rewritten after signing or removed) or streams.',
  })
  kind!: string;

  @Field(() => String, {
    description: 'The break in one sentence, naming the digest or the stream and event.',
  })
  message!: string;

  @Field(() => Int, { nullable: true, description: 'The signed digest concerned, when it is one.' })
  digestSequence?: number;

  @Field(() => BrokenEvent, { nullable: true, description: 'The event concerned, when it is one.' })
  event?: BrokenEvent;
}

@ObjectType({
  description:
    "A verification of the tenant's whole history against its signed digests, run off the request path: start it with `startIntegrityVerification`, then poll `integrityVerification(id:)`.",
})
export class IntegrityVerificationView {
  @Field(() => ID, { description: 'The job id to poll.' })
  id!: string;

  @Field(() => VerificationStatus, { description: 'Where it stands.' })
  status!: string;

  @Field(() => ID, { description: 'Who started it.' })
  requestedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it started.' })
  startedAt!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it ended; null while running.' })
  finishedAt?: string;

  @Field(() => Int, { description: 'Events verified so far.' })
  eventsChecked!: number;

  @Field(() => Int, {
    description: 'The events the latest signed digest covers, for progress (0 before the first digest).',
  })
  eventsTotal!: number;

  @Field(() => Int, { description: 'Signed digests whose signature and chain verified.' })
  digestsChecked!: number;

  @Field(() => [Int], {
    description: 'The signed digests whose stream heads were checked against the events.',
  })
  anchoredSequences!: number[];

  @Field(() => VerificationBreak, { nullable: true, description: 'The first break; null unless FAILED.' })
  firstBreak?: VerificationBreak;

  @Field(() => String, { nullable: true, description: 'Why it could not run to the end (ERROR).' })
  error?: string;
}
