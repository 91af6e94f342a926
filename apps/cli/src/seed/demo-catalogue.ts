import type { Department, Segment, Seniority } from '@vouch/domain';

/** The tenant the demo program lives in. */
export const DEMO_TENANT = 'demo';

/** The vendor's products, and the use cases customers buy them for. */
export const PRODUCTS = ['Planner', 'Ledger', 'Insight', 'Connect', 'Guard'] as const;
export const USE_CASES: Record<(typeof PRODUCTS)[number], readonly string[]> = {
  Planner: ['demand planning', 'capacity planning', 'S&OP'],
  Ledger: ['month-end close', 'revenue recognition', 'consolidation'],
  Insight: ['self-service analytics', 'executive dashboards', 'forecasting'],
  Connect: ['ERP integration', 'partner onboarding', 'API management'],
  Guard: ['access reviews', 'SOX compliance', 'audit readiness'],
};

export const INDUSTRIES = [
  'Manufacturing',
  'Financial Services',
  'Healthcare',
  'Retail',
  'Software',
  'Logistics',
  'Energy',
  'Public Sector',
  'Telecommunications',
  'Education',
] as const;

/** Regions double as consent territories. */
export const REGIONS = ['EMEA', 'NA', 'APAC', 'LATAM'] as const;
export const REGION_WEIGHTS: readonly (readonly [(typeof REGIONS)[number], number])[] = [
  ['NA', 40],
  ['EMEA', 35],
  ['APAC', 17],
  ['LATAM', 8],
];
export const LANGUAGES: Record<(typeof REGIONS)[number], readonly string[]> = {
  EMEA: ['en', 'de', 'fr', 'nl', 'es', 'it'],
  NA: ['en', 'es', 'fr'],
  APAC: ['en', 'ja', 'zh', 'ko'],
  LATAM: ['es', 'pt', 'en'],
};

export const SEGMENT_WEIGHTS: readonly (readonly [Segment, number])[] = [
  ['ENTERPRISE', 35],
  ['MID_MARKET', 35],
  ['SMB', 20],
  ['PUBLIC_SECTOR', 10],
];

export const SENIORITY_WEIGHTS: readonly (readonly [Seniority, number])[] = [
  ['C_LEVEL', 8],
  ['VP', 20],
  ['DIRECTOR', 32],
  ['MANAGER', 28],
  ['INDIVIDUAL_CONTRIBUTOR', 12],
];

export const TITLES: Record<Seniority, readonly string[]> = {
  C_LEVEL: ['Chief Financial Officer', 'Chief Operating Officer', 'Chief Information Officer'],
  VP: ['VP Finance', 'VP Operations', 'VP Supply Chain', 'VP IT'],
  DIRECTOR: ['Director of FP&A', 'Head of Operations', 'Director of IT', 'Head of Analytics'],
  MANAGER: ['Finance Manager', 'Planning Manager', 'IT Manager', 'Controller'],
  INDIVIDUAL_CONTRIBUTOR: ['Senior Analyst', 'Solutions Architect', 'Systems Administrator'],
};

export const FIRST_NAMES = [
  'Ines',
  'Marta',
  'Jonas',
  'Aiko',
  'Priya',
  'Lucas',
  'Amara',
  'Noah',
  'Sofia',
  'Mateo',
  'Hana',
  'Liam',
  'Chloe',
  'Ravi',
  'Elena',
  'Omar',
  'Freya',
  'Diego',
  'Yuki',
  'Grace',
  'Tomás',
  'Leila',
  'Ben',
  'Mei',
  'Kofi',
  'Anna',
  'Felix',
  'Zara',
  'Hugo',
  'Nadia',
  'Sven',
  'Isla',
  'Arjun',
  'Clara',
] as const;
export const LAST_NAMES = [
  'Weber',
  'Okafor',
  'Tanaka',
  'Silva',
  'Novak',
  'Fischer',
  'Haddad',
  'Lindqvist',
  'Moreau',
  'Kim',
  'Rossi',
  'Patel',
  'García',
  'Nakamura',
  'Jensen',
  'Kowalski',
  'Dubois',
  'Chen',
  'Murphy',
  'Santos',
  'Schmidt',
  'Andersson',
  'Costa',
  'Ibrahim',
  'Walsh',
  'Yilmaz',
  'Ng',
  'Bauer',
  'Laurent',
  'Ortiz',
] as const;

export const COMPANY_PREFIXES = [
  'Acme',
  'Borealis',
  'Cobalt',
  'Delta',
  'Evergreen',
  'Fjord',
  'Granite',
  'Helix',
  'Ionic',
  'Juniper',
  'Kestrel',
  'Lumen',
  'Meridian',
  'Nimbus',
  'Orion',
  'Pinnacle',
  'Quartz',
  'Redwood',
  'Summit',
  'Tidal',
  'Umbra',
  'Vertex',
  'Willow',
  'Xenon',
  'Yarrow',
  'Zephyr',
] as const;
export const COMPANY_SUFFIXES: Record<(typeof INDUSTRIES)[number], readonly string[]> = {
  Manufacturing: ['Industries', 'Works', 'Components'],
  'Financial Services': ['Bank', 'Capital', 'Insurance'],
  Healthcare: ['Health', 'Clinics', 'Medical'],
  Retail: ['Stores', 'Retail', 'Outfitters'],
  Software: ['Labs', 'Systems', 'Software'],
  Logistics: ['Freight', 'Logistics', 'Shipping'],
  Energy: ['Energy', 'Power', 'Utilities'],
  'Public Sector': ['County', 'City Council', 'Agency'],
  Telecommunications: ['Telecom', 'Networks', 'Mobile'],
  Education: ['University', 'College', 'Schools'],
};

export const COMPETITORS = ['Anaplan', 'Oracle', 'SAP', 'Workday', 'Planful', 'OneStream'] as const;

/** Who acts in the demo tenant: user ids as tokens name them. */
export const PROGRAM_MANAGERS = ['pat.pm', 'priya.pm'] as const;
export const ACCOUNT_OWNERS = [
  'olga.ae',
  'marc.ae',
  'jin.ae',
  'sara.ae',
  'tom.ae',
  'lena.ae',
  'raj.csm',
  'eva.csm',
  'ken.csm',
  'ana.csm',
  'max.ae',
  'ida.ae',
] as const;
export const REQUESTERS: Record<Department, readonly string[]> = {
  SALES: [
    'sam.sales',
    'nina.sales',
    'leo.sales',
    'kim.sales',
    'ola.sales',
    'ben.sales',
    'uma.sales',
    'dan.sales',
  ],
  MARKETING: ['mia.marketing', 'joe.marketing'],
  PR: ['ria.pr'],
  PRODUCT: ['pete.product', 'lou.product'],
  CUSTOMER_SUCCESS: ['cara.cs'],
  SUPPORT: ['sid.support'],
  ANALYST_RELATIONS: ['ann.ar'],
};
export const AUDITOR = 'aude.auditor';
export const ADMIN = 'ada.admin';

/** How often each department asks, out of 100. */
export const DEPARTMENT_WEIGHTS: readonly (readonly [Department, number])[] = [
  ['SALES', 62],
  ['MARKETING', 14],
  ['PR', 5],
  ['PRODUCT', 6],
  ['CUSTOMER_SUCCESS', 6],
  ['SUPPORT', 3],
  ['ANALYST_RELATIONS', 4],
];
