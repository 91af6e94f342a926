import { DomainError, DomainErrorCode, validated, type Instant } from '@vouch/domain';
import type { Clock } from '@vouch/event-store';
import {
  assessmentTrend,
  assessProgram,
  contentUsage,
  executiveDigest,
  launchCoveragePlan,
  nominatorLeaderboard,
  type ContentUsageReport,
  type ExecutiveDigest,
  type Launch,
  type LaunchCoveragePlan,
  type NominatorStanding,
  type ProgramAssessment,
  type TenantReadModels,
} from '@vouch/projections';
import type { QueryName } from '../authorization/permissions';
import type { Principal } from '../principal';

/** Reads the live read models for a query, after authorizing it. */
export type ModelsFor = (principal: Principal, query: QueryName) => Promise<TenantReadModels>;

/** A launch as callers describe it, with ISO dates. */
export interface LaunchInput {
  readonly name: string;
  readonly products: readonly string[];
  readonly launchDate: Instant;
  readonly horizonDays?: number;
  readonly cells: readonly { segment: string; region: string; expectedOpportunities: number }[];
}

const MAX_TREND_POINTS = 24;
const MAX_CELLS = 50;
const DAY = 86_400_000;

/**
 * Program intelligence for the program's leaders: the health assessment and its trend, launch
 * coverage plans, content usage, the executive digest and the nominator leaderboard. Every
 * answer is "as of" an instant of the world (effective time), computed from the program's
 * history in the live read models: a past date needs no replay.
 */
export class ProgramIntelligenceQueries {
  constructor(
    private readonly models: ModelsFor,
    private readonly clock: Clock,
  ) {}

  /** The health assessment over the seeds' eleven elements, as of `at` (default now). */
  async assessment(principal: Principal, at?: Instant): Promise<ProgramAssessment> {
    const models = await this.models(principal, 'programAssessment');
    return assessProgram(models.history, this.instant('at', at));
  }

  /** The assessment at `points` instants from `from` to `to` (default: the last year, monthly). */
  async assessmentTrend(
    principal: Principal,
    range: { from?: Instant; to?: Instant; points?: number } = {},
  ): Promise<ProgramAssessment[]> {
    const models = await this.models(principal, 'programAssessment');
    const to = this.instant('to', range.to);
    const from = range.from !== undefined ? this.instant('from', range.from) : to - 365 * DAY;
    const points = range.points ?? 13;
    if (!Number.isInteger(points) || points < 1 || points > MAX_TREND_POINTS || from > to) {
      throw badInput(
        `A trend takes 1..${MAX_TREND_POINTS} points over a range whose start is not after its end.`,
      );
    }
    return assessmentTrend(models.history, from, to, points);
  }

  /** The coverage plan of a launch, from what was known at `asOf` (default now). */
  async launchCoveragePlan(
    principal: Principal,
    input: LaunchInput,
    asOf?: Instant,
  ): Promise<LaunchCoveragePlan> {
    const models = await this.models(principal, 'launchCoveragePlan');
    const launch = validated((v): Launch => ({
      name: v.text('name', input.name),
      products: input.products.map((p, i) => v.text(`products[${i}]`, p)),
      launchDate: Date.parse(v.instant('launchDate', input.launchDate)),
      ...(input.horizonDays !== undefined
        ? { horizonDays: v.integer('horizonDays', input.horizonDays, { min: 1, max: 3650 }) }
        : {}),
      cells: input.cells.map((c, i) => ({
        segment: v.text(`cells[${i}].segment`, c.segment),
        region: v.text(`cells[${i}].region`, c.region),
        expectedOpportunities: v.integer(`cells[${i}].expectedOpportunities`, c.expectedOpportunities, {
          min: 0,
          max: 1_000_000,
        }),
      })),
    }));
    if (launch.products.length === 0 || launch.cells.length === 0 || launch.cells.length > MAX_CELLS) {
      throw badInput(`A launch names at least one product and 1..${MAX_CELLS} segment × region cells.`);
    }
    return launchCoveragePlan(models.history, launch, this.instant('asOf', asOf));
  }

  /** Content usage as of `at`; assets unused for `unusedDays` (default 90) are flagged. */
  async contentUsage(principal: Principal, at?: Instant, unusedDays?: number): Promise<ContentUsageReport> {
    const models = await this.models(principal, 'contentUsage');
    const days =
      unusedDays === undefined
        ? undefined
        : validated((v) => v.integer('unusedDays', unusedDays, { min: 1, max: 3650 }));
    return contentUsage(
      models.history,
      this.instant('at', at),
      days !== undefined ? { unusedDays: days } : {},
    );
  }

  /** The executive digest of the period (from, to]; `to` defaults to now. */
  async executiveDigest(principal: Principal, from: Instant, to?: Instant): Promise<ExecutiveDigest> {
    const models = await this.models(principal, 'executiveDigest');
    const end = this.instant('to', to);
    const start = this.instant('from', from);
    if (start >= end) throw badInput('The digest period must start before it ends.');
    return executiveDigest(models.history, start, end);
  }

  /** Nominators ranked by the advocates of theirs that were then used, as of `at`. */
  async nominatorLeaderboard(principal: Principal, at?: Instant): Promise<NominatorStanding[]> {
    const models = await this.models(principal, 'nominatorLeaderboard');
    return nominatorLeaderboard(models.history, this.instant('at', at));
  }

  private instant(field: string, at: Instant | undefined): number {
    return Date.parse(at === undefined ? this.clock() : validated((v) => v.instant(field, at)));
  }
}

function badInput(message: string): DomainError {
  return new DomainError(DomainErrorCode.VALIDATION_FAILED, message);
}
