import type { Role as RoleValue } from '@vouch/domain';
import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '../enums/domain-enums';

/** The caller as the verified token states them. */
@ObjectType({
  description:
    'The signed-in user as the verified token states them, and what their roles allow: use `allowedOperations` to show only the actions the user may take.',
})
export class Viewer {
  @Field(() => ID, { description: 'The user id (the token’s subject).' })
  userId!: string;

  @Field(() => ID, { description: 'The tenant (the company running the program) the user acts in.' })
  tenantId!: string;

  @Field(() => [Role], { description: 'The roles the user holds in the tenant.' })
  roles!: RoleValue[];

  @Field(() => [String], {
    description:
      'The commands and queries the roles allow, by their domain names (e.g. `SubmitReferenceRequest`, `searchAdvocates`). Most are allowed on your own things only (an account owner on the advocates of their accounts, a requester on their own requests): that is checked when the operation runs, and what is not yours answers null or NOT_FOUND.',
  })
  allowedOperations!: string[];
}
