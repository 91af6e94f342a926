import { MATURITY_ELEMENTS } from '@vouch/domain';
import { enumOf, registerDescribedEnum } from '../enums/enum-of';

export const MaturityElement = enumOf(MATURITY_ELEMENTS);
registerDescribedEnum(MaturityElement, {
  name: 'MaturityElement',
  description: 'An element of the reference-program maturity model the seeds assess programs by.',
  values: {
    PROGRAM_VISION: 'The program is tied to the growth plan (coverage targets met).',
    STAFF_COMPOSITION: 'The program is staffed to answer the field in time (triage within the SLA).',
    MANAGING_UPWARD: 'The program can show its value upward (outcomes recorded).',
    FIELD_RELATIONSHIPS: 'Account owners let the program ask their customers (no hoarding).',
    CUSTOMER_REFERENCE_RELATIONSHIPS: 'Uses are spread over advocates (no burn-out).',
    HORIZONTAL_INTEGRATION: 'Departments beyond sales use the program.',
    PROGRAM_PROMOTION: 'The field keeps hearing of the program (new requesters, steady demand).',
    PROGRAM_METRICS: 'The program collects feedback on its activities.',
    CONTENT_STRATEGY: 'Published content gets used, and requested content exists.',
    INFORMATION_SYSTEMS: 'The advocate database is kept fresh and keeps growing.',
    OUTSIDE_EXPERTISE: 'The program learns from peers, communities and partners (not measured by Vouch).',
  },
});

const GRADES = ['STRONG', 'FAIR', 'WEAK', 'NOT_MEASURED'] as const;
export const MaturityGrade = enumOf(GRADES);
registerDescribedEnum(MaturityGrade, {
  name: 'MaturityGrade',
  description: 'How an element (or the program) scores.',
  values: {
    STRONG: 'Score 0.75 or more.',
    FAIR: 'Score 0.5 to 0.75: the pitfall is near.',
    WEAK: 'Score below 0.5: the pitfall is there.',
    NOT_MEASURED: 'The record holds nothing to measure it by.',
  },
});

const SOURCES = ['PENDING_NOMINATION', 'HAPPY_ACCOUNT_WITHOUT_ADVOCATE', 'WISHLIST_LOOK_ALIKE'] as const;
export const RecruitSourceKind = enumOf(SOURCES);
registerDescribedEnum(RecruitSourceKind, {
  name: 'RecruitSourceKind',
  description: 'Where new advocates for a coverage gap can come from.',
  values: {
    PENDING_NOMINATION: 'A nomination in the segment and region that waits for a decision.',
    HAPPY_ACCOUNT_WITHOUT_ADVOCATE: 'An account healthy enough to nominate from that has no advocate yet.',
    WISHLIST_LOOK_ALIKE: 'A company sales wished were a reference, in the segment and region.',
  },
});

const RATE_SOURCES = ['REGION_AND_PRODUCTS', 'PROGRAM'] as const;
export const DemandRatesSource = enumOf(RATE_SOURCES);
registerDescribedEnum(DemandRatesSource, {
  name: 'DemandRatesSource',
  description: 'Which demand history a launch plan line was estimated from.',
  values: {
    REGION_AND_PRODUCTS: "Requests of the last year in the cell's region for the launch's products.",
    PROGRAM: 'Requests of the last year of the whole program (none in the region and products).',
  },
});
