/**
 * The eleven elements of the reference-program maturity model (seed article "Customer
 * Reference Program Bad Practices", parts 1 and 2) and the pitfall the seeds name for each:
 * a finding is phrased with the pitfall when the element's evidence shows it.
 */
export const MATURITY_ELEMENTS = [
  'PROGRAM_VISION',
  'STAFF_COMPOSITION',
  'MANAGING_UPWARD',
  'FIELD_RELATIONSHIPS',
  'CUSTOMER_REFERENCE_RELATIONSHIPS',
  'HORIZONTAL_INTEGRATION',
  'PROGRAM_PROMOTION',
  'PROGRAM_METRICS',
  'CONTENT_STRATEGY',
  'INFORMATION_SYSTEMS',
  'OUTSIDE_EXPERTISE',
] as const;
export type MaturityElement = (typeof MATURITY_ELEMENTS)[number];

/** Each element's name as the seeds write it, and its pitfall in their words. */
export const MATURITY_PITFALLS: Readonly<Record<MaturityElement, { title: string; pitfall: string }>> = {
  PROGRAM_VISION: {
    title: 'Program Vision',
    pitfall:
      'No link to growth strategy: the program cannot say how many references the next launch needs, or from where.',
  },
  STAFF_COMPOSITION: {
    title: 'Staff Composition, Organization & Perspective',
    pitfall:
      'Requests wait for someone to pick them up: the program is not staffed to answer the field in time.',
  },
  MANAGING_UPWARD: {
    title: 'Managing Upward',
    pitfall:
      'The program cannot show its value upward: deal outcomes are not recorded, so influenced revenue is unknown.',
  },
  FIELD_RELATIONSHIPS: {
    title: 'Field Relationships',
    pitfall:
      'Hoarding by sales: account owners keep their customers to themselves and decline the program’s asks.',
  },
  CUSTOMER_REFERENCE_RELATIONSHIPS: {
    title: 'Customer Reference Relationships',
    pitfall: 'Burned-out references: a few advocates carry most of the uses.',
  },
  HORIZONTAL_INTEGRATION: {
    title: 'Horizontal Integration',
    pitfall: 'The program serves sales alone: marketing, PR, product and customer success do not use it.',
  },
  PROGRAM_PROMOTION: {
    title: 'Program Promotion',
    pitfall: 'Having a launch it and forget it mentality: the field gets no regular and ongoing touches.',
  },
  PROGRAM_METRICS: {
    title: 'Program Metrics',
    pitfall:
      'Ignoring program performance metrics until being asked for them: feedback on activities is not collected.',
  },
  CONTENT_STRATEGY: {
    title: 'Content Strategy',
    pitfall: 'Producing content that doesn’t get used/isn’t needed.',
  },
  INFORMATION_SYSTEMS: {
    title: 'Information Systems',
    pitfall: 'The advocate database is neglected: profiles go stale and recruiting is merely opportunistic.',
  },
  OUTSIDE_EXPERTISE: {
    title: 'Outside Expertise',
    pitfall: 'You’re reinventing the wheel on a daily basis.',
  },
};

export type MaturityGrade = 'STRONG' | 'FAIR' | 'WEAK' | 'NOT_MEASURED';

/** The grade of a score in 0..1 (absent when the element cannot be measured from the record). */
export function maturityGrade(score: number | undefined): MaturityGrade {
  if (score === undefined) return 'NOT_MEASURED';
  if (score >= 0.75) return 'STRONG';
  if (score >= 0.5) return 'FAIR';
  return 'WEAK';
}

/** A score in 0..1, rounded to three decimals so it reads (and compares) the same everywhere. */
export function clampScore(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}
