import type { CommandRows } from './command-definition';

/** The catalogue rows of the Program commands. */
export const PROGRAM_COMMANDS = {
  SetFatiguePolicy: {
    aggregate: 'Program',
    description: "Set the program's fatigue limits (invariant 2): how often an advocate may be used.",
    payload: {
      windowDays: { kind: 'int', min: 1, max: 3650, description: 'Length of the rolling window, in days.' },
      maxPerWindow: {
        kind: 'int',
        min: 0,
        max: 10000,
        description: 'At most this many engagements (reserved ones included) in any window.',
      },
      maxPerKindPerWindow: {
        kind: 'map',
        keys: 'ActivityKind',
        values: { kind: 'int', min: 0, max: 10000 },
        description: 'Tighter limits for some kinds within the same window (one per kind).',
      },
      minRestDays: {
        kind: 'int',
        min: 0,
        max: 3650,
        description: 'At least this many days between two engagements.',
      },
    },
  },
  SetRequestSlaPolicy: {
    aggregate: 'Program',
    description: 'Set how fast requests are to be handled.',
    payload: {
      triageWithinHours: {
        kind: 'int',
        min: 1,
        max: 8760,
        description: 'A request is to be triaged within this many hours of submission.',
      },
      fulfilWithinDays: {
        kind: 'int',
        min: 1,
        max: 3650,
        description: 'A request is to be fulfilled within this many days of submission.',
      },
    },
  },
  SetRewardPolicy: {
    aggregate: 'Program',
    description: 'Set the caps on rewards (invariant 6).',
    payload: {
      currency: { kind: 'text', description: 'ISO 4217 currency of the caps, e.g. `USD`.' },
      perRewardCap: {
        kind: 'int',
        min: 0,
        max: 1000000000,
        description: 'A single reward above this needs a program manager’s approval.',
      },
      yearlyCapPerAdvocate: {
        kind: 'int',
        min: 0,
        max: 1000000000,
        description: 'The most one advocate may receive in a calendar year; a hard cap.',
      },
    },
  },
  SetFreshnessPolicy: {
    aggregate: 'Program',
    description: 'Set how fresh advocate profiles must be kept.',
    payload: {
      verifyEveryDays: {
        kind: 'int',
        min: 1,
        max: 3650,
        description: 'A profile is due for verification this many days after it was last verified.',
      },
      staleAfterDays: { kind: 'int', min: 1, max: 3650, description: '…and stale this many days after.' },
    },
  },
  SetNominationPolicy: {
    aggregate: 'Program',
    description:
      'Ask happy customers first: set the account health below which a nomination needs an override.',
    payload: {
      minAccountHealth: {
        kind: 'int',
        min: 0,
        max: 100,
        description: 'Minimum account health score (0–100).',
      },
    },
  },
  SetRetentionPolicy: {
    aggregate: 'Program',
    description: 'Set how long personal data is kept once an advocate retires.',
    payload: {
      retainRetiredAdvocateDays: {
        kind: 'int',
        min: 0,
        max: 3650,
        description: 'Days to keep a retired advocate’s personal data.',
      },
    },
  },
  SetCoverageTarget: {
    aggregate: 'Program',
    description: 'Set how many advocates the growth plan needs for one industry × region × product.',
    payload: {
      industry: { kind: 'text', description: 'Industry of the cell.' },
      region: { kind: 'text', description: 'Region of the cell.' },
      product: { kind: 'text', description: 'Product of the cell.' },
      advocatesNeeded: { kind: 'int', min: 1, max: 10000, description: 'Advocates needed in the cell.' },
    },
  },
  RemoveCoverageTarget: {
    aggregate: 'Program',
    description: 'Remove the coverage target of one industry × region × product.',
    payload: {
      industry: { kind: 'text', description: 'Industry of the cell.' },
      region: { kind: 'text', description: 'Region of the cell.' },
      product: { kind: 'text', description: 'Product of the cell.' },
    },
  },
  AddToWishlist: {
    aggregate: 'Program',
    description: 'Wish an account were a reference; wishes form the profile of a preferred candidate.',
    payload: {
      wishId: { kind: 'id', description: 'Id of the new wish.' },
      accountName: { kind: 'text', description: 'Name of the wished-for account.' },
      accountId: { kind: 'id', description: 'The account, if it is a customer already.', optional: true },
      industry: { kind: 'text', description: 'Industry of the account.' },
      segment: { kind: 'text', description: 'Segment of the account.' },
      region: { kind: 'text', description: 'Region of the account.' },
      products: { kind: 'textList', description: 'Products the account uses or would use.' },
      reason: { kind: 'text', long: true, description: 'Why this account would be a valuable reference.' },
    },
  },
  RemoveFromWishlist: {
    aggregate: 'Program',
    description: 'Remove a wish.',
    payload: {
      wishId: { kind: 'id', description: 'The wish to remove.' },
      reason: { kind: 'text', long: true, description: 'Why it is removed.' },
    },
  },
} satisfies CommandRows<
  | 'SetFatiguePolicy'
  | 'SetRequestSlaPolicy'
  | 'SetRewardPolicy'
  | 'SetFreshnessPolicy'
  | 'SetNominationPolicy'
  | 'SetRetentionPolicy'
  | 'SetCoverageTarget'
  | 'RemoveCoverageTarget'
  | 'AddToWishlist'
  | 'RemoveFromWishlist'
>;
