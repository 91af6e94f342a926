import type { ActivityKind as ActivityKindValue, Channel as ChannelValue } from '@vouch/domain';
import { IsInt, Max, Min } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { PAGE, PageArgs, pageRequest } from '../common/connection';
import { plainData } from '../common/execute-command';
import type {
  AdvocatePage,
  AdvocateResult,
  AdvocateSearchQuery,
  CandidateMatchesResult,
} from '../common/facade-types';
import { ActivityKind, Channel } from '../enums/domain-enums';
import { DateTimeScalar } from '../scalars/date-time';
import { AdvocateSearchInput } from './advocate-search-input';
import {
  Advocate,
  AdvocateConnection,
  Availability,
  CandidateMatches,
  availabilityOf,
} from './advocate-types';

@ArgsType()
class MatchCandidatesArgs {
  @Field(() => ID, { description: 'The reference request.' })
  requestId!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The date of the activity; default now.' })
  at?: string | null;

  @Field(() => Int, {
    defaultValue: PAGE.default,
    description: `How many candidates of each group to return, ${PAGE.min}..${PAGE.max}; default ${PAGE.default}.`,
  })
  @IsInt()
  @Min(PAGE.min)
  @Max(PAGE.max)
  first: number = PAGE.default;
}

/** Advocates: one in full or anonymised, search, availability and matching. */
@Resolver()
export class AdvocateQueries {
  @Query(() => Advocate, {
    nullable: true,
    description:
      'One advocate, in the view the caller may see (requesters: anonymised until the advocate accepted their request). Null when there is none.',
  })
  advocate(
    @Arg('advocateId', () => ID, { description: 'The advocate.' }) advocateId: string,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<AdvocateResult | undefined> {
    return vouch.queries.advocate(principal, advocateId);
  }

  @Query(() => AdvocateConnection, {
    description:
      'Advocates matching filters and text, ordered by id, a page at a time; each in the view the caller may see.',
  })
  searchAdvocates(
    @Arg('filter', () => AdvocateSearchInput, {
      nullable: true,
      description: 'What to look for; default everyone live.',
    })
    filter: AdvocateSearchInput | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<AdvocatePage> {
    const query = plainData(filter ?? {}) as AdvocateSearchQuery;
    return vouch.queries.searchAdvocates(principal, query, pageRequest(page));
  }

  @Query(() => Availability, {
    description:
      'Whether an advocate can be asked for a kind at a date — consent (in the territory and channel, when both are given), fatigue and status — with every reason in words and codes, the next available date, the fatigue headroom and when the consent expires.',
  })
  async availability(
    @Arg('advocateId', () => ID, { description: 'The advocate.' }) advocateId: string,
    @Arg('kind', () => ActivityKind, { description: 'The activity kind.' }) kind: ActivityKindValue,
    @Arg('at', () => DateTimeScalar, {
      nullable: true,
      description:
        'The date of the activity; default now. A date in the past answers from the log as recorded by then.',
    })
    at: string | undefined,
    @Arg('territory', () => String, { nullable: true, description: 'Territory of the use (with `channel`).' })
    territory: string | undefined,
    @Arg('channel', () => Channel, { nullable: true, description: 'Channel of the use (with `territory`).' })
    channel: ChannelValue | undefined,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<Availability> {
    return availabilityOf(
      await vouch.queries.availability(principal, {
        advocateId,
        kind,
        ...(at ? { at } : {}),
        ...(territory ? { territory } : {}),
        ...(channel ? { channel } : {}),
      }),
    );
  }

  @Query(() => CandidateMatches, {
    description:
      "Ranked candidates for a request with each score's per-criterion breakdown, and the matching advocates who cannot be asked at that date with their reasons. Requesters may ask only about their own requests.",
  })
  matchCandidates(
    @Args(() => MatchCandidatesArgs) args: MatchCandidatesArgs,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<CandidateMatchesResult> {
    return vouch.queries.matchCandidates(principal, args.requestId, args.at ?? undefined, args.first);
  }
}
