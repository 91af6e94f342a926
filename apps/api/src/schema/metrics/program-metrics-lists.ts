import { Args, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, pageOfList, type ConnectionShape } from '../common/connection';
import {
  AdvocateIdConnection,
  CoverageCellConnection,
  ExpiringConsentConnection,
  NominatorCountsConnection,
  ProfileFreshnessMetrics,
  ProgramMetrics,
  type CoverageCell,
  type ExpiringConsent,
  type NominatorCounts,
} from './program-metrics-types';

const cellKey = (cell: { industry: string; region: string; product: string }) =>
  `${cell.industry}\u0000${cell.region}\u0000${cell.product}`;

/** The metrics' lists that grow with the program (nominators, consents, cells), as Relay connections. */
@Resolver(() => ProgramMetrics)
export class ProgramMetricsLists {
  @FieldResolver(() => NominatorCountsConnection, {
    description: 'Nominations by nominator, a page at a time.',
  })
  nominationsByNominator(
    @Root() metrics: ProgramMetrics,
    @Args(() => PageArgs) page: PageArgs,
  ): ConnectionShape<NominatorCounts> {
    return pageOfList(metrics.nominationsByNominator, (counts) => counts.nominatedBy, page);
  }

  @FieldResolver(() => ExpiringConsentConnection, {
    description: 'Consents of advocates and accounts ending within 30 days, a page at a time.',
  })
  consentsExpiringSoon(
    @Root() metrics: ProgramMetrics,
    @Args(() => PageArgs) page: PageArgs,
  ): ConnectionShape<ExpiringConsent> {
    return pageOfList(
      metrics.consentsExpiringSoon,
      (consent) => `${consent.holder}\u0000${consent.holderId}\u0000${consent.consentId}`,
      page,
    );
  }

  @FieldResolver(() => CoverageCellConnection, {
    description: 'Coverage vs targets, and demand vs supply, per cell, a page at a time.',
  })
  coverage(
    @Root() metrics: ProgramMetrics,
    @Args(() => PageArgs) page: PageArgs,
  ): ConnectionShape<CoverageCell> {
    return pageOfList(metrics.coverage, cellKey, page);
  }
}

/** Stale and due profiles as Relay connections of advocate ids. */
@Resolver(() => ProfileFreshnessMetrics)
export class ProfileFreshnessLists {
  @FieldResolver(() => AdvocateIdConnection, {
    description: 'Advocates whose profile is stale, a page at a time.',
  })
  stale(
    @Root() profiles: ProfileFreshnessMetrics,
    @Args(() => PageArgs) page: PageArgs,
  ): ConnectionShape<string> {
    return pageOfList(profiles.stale, (advocateId) => advocateId, page);
  }

  @FieldResolver(() => AdvocateIdConnection, {
    description: 'Advocates whose profile is due for verification, a page at a time.',
  })
  due(
    @Root() profiles: ProfileFreshnessMetrics,
    @Args(() => PageArgs) page: PageArgs,
  ): ConnectionShape<string> {
    return pageOfList(profiles.due, (advocateId) => advocateId, page);
  }
}
