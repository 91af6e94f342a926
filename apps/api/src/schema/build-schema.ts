import { validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import type { GraphQLSchema } from 'graphql';
import { ArgumentValidationError, buildSchemaSync, type PubSub, type ResolverData } from 'type-graphql';
import { passedArgumentsOf } from '../validation/passed-arguments';
import { cacheValidationMetadata } from '../validation/validation-metadata-cache';
import { RESOLVERS } from './resolvers';

/**
 * type-graphql insists on a PubSub once there are subscriptions, but every subscription
 * here has its own `subscribe` over the tenant's change feed: topics are never used.
 */
const NO_TOPICS: PubSub = {
  publish: () => {
    throw new Error('Subscriptions read the tenant change feed; nothing is published by topic.');
  },
  subscribe: () => {
    throw new Error('Subscriptions read the tenant change feed; nothing is published by topic.');
  },
};

// What type-graphql's own validation passes to class-validator: absent optional fields are
// not checked, unknown objects are not refused, and errors never carry the rejected values.
const VALIDATOR_OPTIONS: ValidatorOptions = {
  forbidUnknownValues: false,
  skipMissingProperties: true,
  validationError: { target: false, value: false },
};

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

/**
 * An argument checked as type-graphql checks it (an input object, or each one of a list, by
 * its class-validator constraints), without the `require('class-validator')` type-graphql
 * makes for every argument of every request.
 */
async function validateArgument(value: unknown, _type: unknown, { info }: ResolverData): Promise<void> {
  if (!isObject(value)) return;
  // A query's arguments that passed before pass again (see PassedArguments); a mutation's carry
  // a fresh command id each time, so they are never looked up.
  const passed = passedArgumentsOf();
  const shape = info.operation.operation === 'query' ? passed.shapeOf(value) : undefined;
  if (shape !== undefined && passed.has(shape)) return;
  try {
    if (Array.isArray(value)) {
      await Promise.all(value.filter(isObject).map((item) => validateOrReject(item, VALIDATOR_OPTIONS)));
    } else {
      await validateOrReject(value, VALIDATOR_OPTIONS);
    }
  } catch (errors) {
    throw new ArgumentValidationError(errors as ValidationError[]);
  }
  if (shape !== undefined) passed.add(shape);
}

/**
 * The API's schema from the type-graphql classes. Inputs are validated by class-validator
 * before a resolver runs; validation errors never carry the rejected values.
 */
export function buildApiSchema(): GraphQLSchema {
  const schema = buildSchemaSync({
    resolvers: RESOLVERS,
    pubSub: NO_TOPICS,
    validateFn: validateArgument,
  });
  describeRootTypes(schema);
  cacheValidationMetadata();
  return schema;
}

// type-graphql names the root types but gives no way to describe them; GraphiQL's docs panel
// shows these descriptions first.
const ROOT_DESCRIPTIONS = {
  Query:
    "Reads: the program, accounts, advocates (anonymised as the caller may see them), requests, matching, metrics and audit. Tenant and roles come from the caller's token.",
  Mutation:
    'Writes: one command per mutation, each with a client-chosen `commandId` (repeating it changes nothing). A refused mutation is null with its typed error; the others of the same document keep their results.',
  Subscription: "Live changes of the caller's tenant, over WebSocket (graphql-ws).",
} as const;

function describeRootTypes(schema: GraphQLSchema): void {
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (type && type.name in ROOT_DESCRIPTIONS) {
      type.description = ROOT_DESCRIPTIONS[type.name as keyof typeof ROOT_DESCRIPTIONS];
    }
  }
}
