import type { Instant } from '@vouch/domain';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { DateTimeScalar } from '../scalars/date-time';
import { ProgramMetrics, programMetricsOf } from './program-metrics-types';

/** The program's metrics. */
@Resolver()
export class ProgramMetricsQuery {
  @Query(() => ProgramMetrics, {
    description:
      'Funnel, time to fulfil, SLA breaches, acceptance, usage concentration, influenced pipeline and revenue, win rates, nominations, stale profiles, expiring consents and coverage vs targets, at an instant (default now).',
  })
  async programMetrics(
    @Arg('at', () => DateTimeScalar, {
      nullable: true,
      description:
        'The instant; default now. An instant in the past replays the log as recorded by then: nothing recorded later is counted.',
    })
    at: Instant | undefined,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<ProgramMetrics> {
    return programMetricsOf(await vouch.queries.programMetrics(principal, at ?? undefined));
  }
}
