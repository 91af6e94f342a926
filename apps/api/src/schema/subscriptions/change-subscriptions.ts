import { actorOf, authorize } from '@vouch/application';
import {
  eventDefinition,
  type ActivityKind as ActivityKindValue,
  type Channel as ChannelValue,
} from '@vouch/domain';
import type { RecordedEvent } from '@vouch/event-store';
import { GraphQLError } from 'graphql';
import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { AsyncQueue } from '../../subscriptions/async-queue';
import { Advocate, Availability, availabilityOf } from '../advocate/advocate-types';
import type { AdvocateResult } from '../common/facade-types';
import { ActivityKind, Channel } from '../enums/domain-enums';
import { referenceRequestOf } from '../request/request-types';
import { DateTimeScalar } from '../scalars/date-time';
import { AvailabilityChange, RequestStatusChange } from './change-types';

type Data = SubscribeResolverData<unknown, Record<string, unknown>, ApiContext>;

const idArg = (args: Record<string, unknown>, name: string): string | undefined =>
  typeof args[name] === 'string' ? args[name] : undefined;

/**
 * Subscribes a queue to the tenant's live events: `handle` runs for each event in log order
 * (one at a time, so the queue keeps that order) and pushes what the subscriber may see.
 */
async function changesOf<T>(
  context: ApiContext,
  handle: (event: RecordedEvent, push: (value: T) => void) => Promise<void>,
): Promise<AsyncIterable<T>> {
  if (!context.changes) {
    throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws) at the same path.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  let unsubscribe: () => void = () => undefined;
  const queue = new AsyncQueue<T>(() => unsubscribe());
  let chain = Promise.resolve();
  unsubscribe = await context.changes.listen(context.principal.tenantId, {
    event: (event) => {
      chain = chain
        .then(() => handle(event, (value) => queue.push(value)))
        .catch((error: unknown) => {
          context.logger.warn({ err: error }, 'a subscription could not read a change');
        });
    },
    fail: (error) => queue.fail(error),
  });
  return queue;
}

/** The aggregate id an event of `aggregate` names, if it is one. */
function subjectOf(event: RecordedEvent, aggregate: 'ReferenceRequest' | 'Advocate'): string | undefined {
  if (eventDefinition(event.type)?.aggregate !== aggregate) return undefined;
  const data = event.data as Record<string, unknown>;
  const id = aggregate === 'Advocate' ? data.advocateId : data.requestId;
  return typeof id === 'string' ? id : undefined;
}

async function requestStatusChanges({ args, context }: Data): Promise<AsyncIterable<RequestStatusChange>> {
  const { vouch, principal } = context;
  const only = idArg(args, 'requestId');
  const known = new Map<string, RequestStatusChange['status']>();
  if (only !== undefined) {
    // Authorizes and, for a request the caller may see, starts from its current status.
    const current = await vouch.queries.request(principal, only);
    if (current) known.set(only, current.request.status);
  } else {
    authorize(actorOf(principal), 'requests');
  }
  return changesOf<RequestStatusChange>(context, async (event, push) => {
    const requestId = subjectOf(event, 'ReferenceRequest');
    if (requestId === undefined || (only !== undefined && requestId !== only)) return;
    // Read through the query once the read models have passed this event (read your writes).
    vouch.queries.noteWritten(principal.tenantId, event.checkpoint);
    const summary = await vouch.queries.request(principal, requestId);
    if (!summary) return; // not the caller's to see (a requester sees only their own)
    const status = summary.request.status;
    const previousStatus = known.get(requestId);
    if (previousStatus === status) return;
    known.set(requestId, status);
    push({
      requestId,
      status,
      ...(previousStatus !== undefined ? { previousStatus } : {}),
      eventType: event.type,
      checkpoint: event.checkpoint,
      recordedAt: event.recordedAt,
      request: referenceRequestOf(summary),
    });
  });
}

async function availabilityChanges({ args, context }: Data): Promise<AsyncIterable<AvailabilityChange>> {
  const { vouch, principal } = context;
  const only = idArg(args, 'advocateId');
  authorize(actorOf(principal), 'availability');
  return changesOf<AvailabilityChange>(context, async (event, push) => {
    const advocateId = subjectOf(event, 'Advocate');
    if (advocateId === undefined || (only !== undefined && advocateId !== only)) return;
    vouch.queries.noteWritten(principal.tenantId, event.checkpoint);
    push({ advocateId, eventType: event.type, checkpoint: event.checkpoint, recordedAt: event.recordedAt });
  });
}

/** Live changes of the caller's tenant over WebSocket (graphql-ws), with the queries' permissions. */
@Resolver()
export class ChangeSubscriptions {
  @Subscription(() => RequestStatusChange, {
    description:
      "A reference request's status changed (one you may see: requesters hear of their own). Give `requestId` to follow one request.",
    subscribe: requestStatusChanges,
  })
  requestStatusChanged(
    @Root() change: RequestStatusChange,
    @Arg('requestId', () => ID, { nullable: true, description: 'Only this request.' }) _requestId?: string,
  ): RequestStatusChange {
    return change;
  }

  @Subscription(() => AvailabilityChange, {
    description:
      "Something that can change an advocate's availability was recorded. Give `advocateId` to follow one advocate.",
    subscribe: availabilityChanges,
  })
  availabilityChanged(
    @Root() change: AvailabilityChange,
    @Arg('advocateId', () => ID, { nullable: true, description: 'Only this advocate.' }) _advocateId?: string,
  ): AvailabilityChange {
    return change;
  }
}

/** What a subscriber reads about the changed advocate, through the queries. */
@Resolver(() => AvailabilityChange)
export class AvailabilityChangeFields {
  @FieldResolver(() => Advocate, {
    nullable: true,
    description: 'The advocate after the change, in the view you may see.',
  })
  advocate(
    @Root() change: AvailabilityChange,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<AdvocateResult | undefined> {
    return vouch.queries.advocate(principal, change.advocateId);
  }

  @FieldResolver(() => Availability, {
    description:
      'Whether the advocate can be asked for a kind at a date now, as the `availability` query answers.',
  })
  async availability(
    @Root() change: AvailabilityChange,
    @Arg('kind', () => ActivityKind, { description: 'The activity kind.' }) kind: ActivityKindValue,
    @Arg('at', () => DateTimeScalar, { nullable: true, description: 'The date; default now.' })
    at: string | undefined,
    @Arg('territory', () => String, { nullable: true, description: 'Territory (with `channel`).' })
    territory: string | undefined,
    @Arg('channel', () => Channel, { nullable: true, description: 'Channel (with `territory`).' })
    channel: ChannelValue | undefined,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<Availability> {
    return availabilityOf(
      await vouch.queries.availability(principal, {
        advocateId: change.advocateId,
        kind,
        ...(at ? { at } : {}),
        ...(territory ? { territory } : {}),
        ...(channel ? { channel } : {}),
      }),
    );
  }
}
