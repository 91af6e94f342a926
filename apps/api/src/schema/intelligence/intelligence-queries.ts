import type { Instant } from '@vouch/domain';
import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { PageArgs, pageOfList, type ConnectionShape } from '../common/connection';
import { DateTimeScalar } from '../scalars/date-time';
import {
  ContentAssetUsageConnection,
  ContentUsageReport,
  ExecutiveDigest,
  LaunchCoveragePlan,
  LaunchInput,
  NominatorStandingConnection,
  ProgramAssessment,
  type ContentAssetUsage,
  type NominatorStanding,
} from './intelligence-types';
import { assessmentView, contentUsageView, digestView, launchPlanView } from './intelligence-views';

const AT =
  'An instant of the world; default now. Only facts effective by then count, so a past date shows the program as it stood.';

/**
 * Program intelligence: health assessment and trend, launch coverage plans, content usage and
 * the executive digest for PROGRAM_MANAGER, AUDITOR and ADMIN (others meet FORBIDDEN); the
 * nominator leaderboard for everyone, sales reps included: recognition is meant to be seen.
 */
@Resolver(() => ContentUsageReport)
export class IntelligenceQueries {
  @Query(() => ProgramAssessment, {
    description:
      'The program’s health over the eleven elements of the seeds’ maturity model, with evidence and findings.',
  })
  async programAssessment(
    @Arg('at', () => DateTimeScalar, { nullable: true, description: AT }) at: Instant | undefined,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<ProgramAssessment> {
    return assessmentView(await vouch.queries.intelligence.assessment(principal, at ?? undefined));
  }

  @Query(() => [ProgramAssessment], { description: 'The assessment at evenly spaced instants: the trend.' })
  async assessmentTrend(
    @Arg('from', () => DateTimeScalar, {
      nullable: true,
      description: 'The first instant; default a year before `to`.',
    })
    from: Instant | undefined,
    @Arg('to', () => DateTimeScalar, { nullable: true, description: 'The last instant; default now.' })
    to: Instant | undefined,
    @Arg('points', () => Int, { nullable: true, description: 'How many instants, 1..24; default 13.' })
    points: number | undefined,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<ProgramAssessment[]> {
    const trend = await vouch.queries.intelligence.assessmentTrend(principal, {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(points !== undefined && points !== null ? { points } : {}),
    });
    return trend.map(assessmentView);
  }

  @Query(() => LaunchCoveragePlan, {
    description:
      'References a launch needs per segment × region × activity kind, from the demand history, against the advocates available at the launch date, with gaps and where to recruit from.',
  })
  async launchCoveragePlan(
    @Arg('launch', () => LaunchInput, { description: 'The launch.' }) launch: LaunchInput,
    @Arg('asOf', () => DateTimeScalar, { nullable: true, description: AT }) asOf: Instant | undefined,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<LaunchCoveragePlan> {
    const input = {
      name: launch.name,
      products: launch.products,
      launchDate: launch.launchDate,
      ...(launch.horizonDays !== undefined && launch.horizonDays !== null
        ? { horizonDays: launch.horizonDays }
        : {}),
      cells: launch.cells.map((c) => ({ ...c })),
    };
    return launchPlanView(
      await vouch.queries.intelligence.launchCoveragePlan(principal, input, asOf ?? undefined),
    );
  }

  @Query(() => ContentUsageReport, {
    description:
      'Per content asset: uses, requests served, deals influenced, last use, consent expiry; unused assets flagged; missing content.',
  })
  async contentUsage(
    @Arg('at', () => DateTimeScalar, { nullable: true, description: AT }) at: Instant | undefined,
    @Arg('unusedDays', () => Int, {
      nullable: true,
      description: 'Flag published assets unused this many days; default 90.',
    })
    unusedDays: number | undefined,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<ContentUsageReport> {
    return contentUsageView(
      await vouch.queries.intelligence.contentUsage(principal, at ?? undefined, unusedDays ?? undefined),
    );
  }

  @FieldResolver(() => ContentAssetUsageConnection, {
    description: 'Every asset’s usage, by id, a page at a time.',
  })
  assets(
    @Root() report: ContentUsageReport,
    @Args(() => PageArgs) page: PageArgs,
  ): ConnectionShape<ContentAssetUsage> {
    return pageOfList(report.assets, (a) => a.contentId, page);
  }

  @Query(() => ExecutiveDigest, {
    description:
      'The executive digest of a period: influenced pipeline and revenue, win rates with vs without references, time to fulfil, coverage, fatigue, consents expiring, top advocates and nominators, the assessment.',
  })
  async executiveDigest(
    @Arg('from', () => DateTimeScalar, { description: 'The period starts after this instant.' })
    from: Instant,
    @Arg('to', () => DateTimeScalar, {
      nullable: true,
      description: 'The period ends at this instant; default now.',
    })
    to: Instant | undefined,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<ExecutiveDigest> {
    return digestView(await vouch.queries.intelligence.executiveDigest(principal, from, to ?? undefined));
  }

  @Query(() => NominatorStandingConnection, {
    description:
      'Nominators ranked by the advocates of theirs that were then used (then uses, then deals won); nominations never used earn no place.',
  })
  async nominatorLeaderboard(
    @Arg('at', () => DateTimeScalar, { nullable: true, description: AT }) at: Instant | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<ConnectionShape<NominatorStanding>> {
    const board = await vouch.queries.intelligence.nominatorLeaderboard(principal, at ?? undefined);
    return pageOfList(board, (s) => s.nominatorId, page);
  }
}
