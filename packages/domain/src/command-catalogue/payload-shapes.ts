// Nested object types of command payloads, shared by the catalogue rows that use them.

export const MONEY = {
  name: 'Money',
  description: "An amount in a currency's major unit (e.g. 1250.5 USD).",
  fields: {
    amount: { kind: 'float', min: 0, max: 1000000000000000, description: 'The amount.' },
    currency: {
      kind: 'text',
      exactLength: 3,
      uppercase: true,
      description: 'ISO 4217 currency code, e.g. `EUR`.',
    },
  },
} as const;

export const SCORE_COMPONENT = {
  name: 'ScoreComponent',
  description: "One criterion's share of a match score, in words an account owner can check.",
  fields: {
    criterion: { kind: 'text', description: 'The criterion.' },
    weight: { kind: 'float', min: 0, max: 1000, description: 'Its weight.' },
    score: { kind: 'float', min: 0, max: 1, description: 'The score on it, 0..1.' },
    explanation: { kind: 'text', long: true, description: 'Why.' },
  },
} as const;

export const BLACKOUT_PERIOD = {
  name: 'BlackoutPeriod',
  description: 'A period in which the advocate is not to be asked.',
  fields: {
    from: { kind: 'instant', description: 'Start of the blackout.' },
    until: { kind: 'instant', description: 'End of the blackout.' },
  },
} as const;

export const OWNER_CLEARANCE = {
  name: 'OwnerClearance',
  description: 'How asking this advocate was cleared with the account owner (invariant 3).',
  fields: {
    kind: {
      kind: 'enum',
      of: 'OwnerClearanceKind',
      description: 'OWNER: the owner approved; OVERRIDE: a program manager overrode.',
    },
    by: { kind: 'id', description: 'User id of who cleared it.' },
    reason: { kind: 'text', long: true, description: 'The reason of an override.', optional: true },
  },
} as const;

export const CONSENT_HOLDER = {
  name: 'ConsentHolder',
  description: 'Whose consent a content asset relies on.',
  fields: {
    holder: {
      kind: 'enum',
      of: 'ConsentHolderKind',
      description: "ADVOCATE: an advocate's consent; ACCOUNT: the company's own.",
    },
    holderId: { kind: 'id', description: 'The advocate or account id.' },
  },
} as const;

export const OPPORTUNITY = {
  name: 'Opportunity',
  description: 'The deal (or campaign) a reference is for.',
  fields: {
    opportunityId: { kind: 'id', description: 'Id of the opportunity in the CRM.' },
    stage: { kind: 'enum', of: 'OpportunityStage', description: 'Sales stage.' },
    amount: { kind: 'object', shape: MONEY, description: 'Deal amount.' },
    industry: { kind: 'text', description: 'Industry of the prospect.' },
    region: { kind: 'text', description: 'Region of the prospect.' },
    products: { kind: 'textList', description: 'Products in the deal.' },
    competitor: { kind: 'text', description: 'The competitor, if any.', optional: true },
  },
} as const;

export const REQUEST_CRITERIA = {
  name: 'RequestCriteria',
  description: 'What the requester looks for in an advocate; omitted lists mean "any".',
  fields: {
    industries: { kind: 'textList', description: 'Industries.', optional: true },
    regions: { kind: 'textList', description: 'Regions.', optional: true },
    products: { kind: 'textList', description: 'Products.', optional: true },
    useCases: { kind: 'textList', description: 'Use cases.', optional: true },
    languages: { kind: 'textList', description: 'Languages.', optional: true },
    minSeniority: { kind: 'enum', of: 'Seniority', description: 'Minimum title level.', optional: true },
    territory: { kind: 'text', description: 'Where the reference will be used; the consent must cover it.' },
    channel: { kind: 'enum', of: 'Channel', description: 'How it will be used; the consent must cover it.' },
  },
} as const;

export const CANDIDATE = {
  name: 'Candidate',
  description: 'A shortlisted candidate with the explanation of its score.',
  fields: {
    advocateId: { kind: 'id', description: 'The advocate.' },
    accountId: { kind: 'id', description: "The advocate's account." },
    ownerId: { kind: 'id', description: "User id of the account's owner, who approves the ask." },
    score: { kind: 'float', min: 0, max: 1000, description: 'Match score.' },
    breakdown: { kind: 'objectList', shape: SCORE_COMPONENT, description: 'Score breakdown.' },
  },
} as const;
