import {
  AbilityBuilder,
  createMongoAbility,
  subject,
  type MongoAbility,
  type MongoQuery,
} from '@casl/ability';
import type { Actor } from '@vouch/domain';
import { PERMISSIONS, type Operation, type Relationship } from './permissions';
import type { RelationshipFacts } from './relationship-facts';

/** The one kind of subject the ability sees: the facts about whatever the operation touches. */
const SUBJECT = 'Subject';
type Facts = RelationshipFacts & { readonly kind?: never };
type VouchAbility = MongoAbility<[Operation, typeof SUBJECT | Facts]>;

/** Each relationship as a condition on the facts, for the acting user. */
function conditionOf(relationship: Relationship, userId: string): MongoQuery<Facts> | undefined {
  switch (relationship) {
    case 'ANY':
      return undefined;
    case 'ACTS_FOR_ACCOUNT':
      // An array field matches when it contains the value.
      return { accountActors: userId } as MongoQuery<Facts>;
    case 'OWNS_ACCOUNT':
      return { accountOwner: userId };
    case 'REQUESTED_IT':
      return { requestedBy: userId };
    case 'APPROVES_ITS_ASKS':
      return { askApprovers: userId } as MongoQuery<Facts>;
    case 'WISHED_IT':
      return { wishedBy: userId };
  }
}

/** The CASL ability of one user in their roles, built from the permission table. */
function buildAbility(actor: Actor): VouchAbility {
  const { can, build } = new AbilityBuilder<VouchAbility>(createMongoAbility);
  for (const operation of Object.keys(PERMISSIONS) as Operation[]) {
    for (const role of actor.roles) {
      for (const relationship of PERMISSIONS[operation][role] ?? []) {
        const condition = conditionOf(relationship, actor.userId);
        if (condition === undefined) can(operation, SUBJECT);
        else can(operation, SUBJECT, condition);
      }
    }
  }
  return build();
}

// Abilities depend only on the user and their roles: built once per pair, not per call.
const MAX_CACHED = 1000;
const abilities = new Map<string, VouchAbility>();

function abilityOf(actor: Actor): VouchAbility {
  const key = `${actor.userId}\u0000${actor.roles.join(',')}`;
  let ability = abilities.get(key);
  if (!ability) {
    if (abilities.size >= MAX_CACHED) abilities.clear();
    ability = buildAbility(actor);
    abilities.set(key, ability);
  }
  return ability;
}

/** Whether the actor's roles allow the operation under some relationship. */
export function isAllowed(actor: Actor, operation: Operation): boolean {
  return actor.roles.some((role) => (PERMISSIONS[operation][role]?.length ?? 0) > 0);
}

/** Whether one of the actor's roles allows the operation on anything, so no facts are needed. */
export function allowsAnySubject(actor: Actor, operation: Operation): boolean {
  return actor.roles.some((role) => PERMISSIONS[operation][role]?.includes('ANY') ?? false);
}

/** The relationships under which the actor's roles allow the operation: the facts worth loading. */
export function relationshipsFor(actor: Actor, operation: Operation): ReadonlySet<Relationship> {
  return new Set(actor.roles.flatMap((role) => PERMISSIONS[operation][role] ?? []));
}

/** Whether the actor may perform the operation on a subject of which these facts are known. */
export function permits(actor: Actor, operation: Operation, facts: RelationshipFacts): boolean {
  return abilityOf(actor).can(operation, subject(SUBJECT, { ...facts }) as Facts);
}
