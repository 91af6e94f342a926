import { referencesNeeded } from '@vouch/domain';
import { launchCoveragePlan, type Launch } from '../../src/intelligence/launch-coverage-plan';
import {
  accepted,
  account,
  asked,
  consent,
  enrolled,
  event,
  given,
  health,
  nominated,
  on,
  submitted,
  used,
  wishlisted,
} from '../support/given-events';

const launch: Launch = {
  name: 'Planner 2',
  products: ['Planner'],
  launchDate: on('09-01'),
  horizonDays: 90,
  cells: [{ segment: 'ENTERPRISE', region: 'EMEA', expectedOpportunities: 10 }],
};

// Demand: 4 opportunities raised 6 reference-call requests (one needing 2 advocates): 7 advocates
// asked over 8 asks, 4 accepted.
const demand = [
  submitted('r1', '03-01', { opportunityId: 'o1' }),
  submitted('r2', '03-01', { opportunityId: 'o1' }),
  submitted('r3', '03-02', { opportunityId: 'o2' }),
  submitted('r4', '03-03', { opportunityId: 'o3', advocatesNeeded: 2 }),
  submitted('r5', '03-04', { opportunityId: 'o4' }),
  submitted('r6', '03-04', { opportunityId: 'o4' }),
  ...['r1', 'r2', 'r3', 'r4', 'r4', 'r5', 'r6', 'r6'].map((r, i) => asked(r, `x${i}`, '03-05')),
  ...['r1', 'r3', 'r4', 'r5'].map((r, i) => accepted(r, `x${i}`, '03-06')),
];

describe('the launch coverage plan', () => {
  it('estimates references needed per kind from requests per opportunity, advocates per request and acceptance', () => {
    const plan = launchCoveragePlan(given(demand), launch, on('06-01'));
    const line = plan.lines[0]!;
    expect(line.rates).toEqual({
      requestsPerOpportunity: 1.5,
      advocatesPerRequest: 7 / 6,
      acceptanceRate: 0.5,
      fulfilmentRate: 1,
    });
    // 10 × 1.5 × 7/6 ÷ 0.5 = 35.
    expect(line).toMatchObject({
      kind: 'REFERENCE_CALL',
      ratesFrom: 'REGION_AND_PRODUCTS',
      referencesNeeded: 35,
    });
    expect(referencesNeeded(10, line.rates)).toBe(35);
    expect(line.explanation).toMatch(/^10 opportunities × 1.5 REFERENCE_CALL requests each/);
  });

  it('counts only advocates who can be asked on the launch date, with their fatigue headroom', () => {
    const history = given([
      ...demand,
      account('acme', '01-01'),
      account('globex', '01-01', { region: 'NA' }),
      ...enrolled('ready', 'acme', '01-02'),
      consent('ready', 'c1', ['REFERENCE_CALL'], '01-02', '12-31'),
      // Used twice in the 90 days before the launch: one use of headroom left in the first window.
      ...enrolled('busy', 'acme', '01-02'),
      consent('busy', 'c2', ['REFERENCE_CALL'], '01-02', '12-31'),
      used('busy', 'REFERENCE_CALL', '07-01'),
      used('busy', 'REFERENCE_CALL', '07-15', undefined, 1),
      // Consent ends before the launch.
      ...enrolled('lapsing', 'acme', '01-02'),
      consent('lapsing', 'c3', ['REFERENCE_CALL'], '01-02', '08-15'),
      // Consent for another kind only.
      ...enrolled('quotes', 'acme', '01-02'),
      consent('quotes', 'c4', ['QUOTE'], '01-02'),
      // Retired.
      ...enrolled('gone', 'acme', '01-02'),
      consent('gone', 'c5', ['REFERENCE_CALL'], '01-02'),
      event('AdvocateRetired', { advocateId: 'gone', reason: 'left', retiredAt: '05-01' }, '05-01'),
      // Consent only for another territory: the consent gate would refuse an EMEA use.
      ...enrolled('abroad', 'acme', '01-02'),
      {
        ...consent('abroad', 'c7', ['REFERENCE_CALL'], '01-02'),
        data: { ...consent('abroad', 'c7', ['REFERENCE_CALL'], '01-02').data, territories: ['NA'] },
      },
      // Wrong region.
      ...enrolled('far', 'globex', '01-02'),
      consent('far', 'c6', ['REFERENCE_CALL'], '01-02'),
    ]);
    const line = launchCoveragePlan(history, launch, on('08-01')).lines[0]!;
    // Default fatigue: 3 reference calls per 90-day window, one window in a 90-day horizon.
    expect(line).toMatchObject({
      advocatesAvailable: 2,
      usesAvailable: 3 + 1,
      gap: 31,
      advocatesToRecruit: 11,
    });
  });

  it('says where to recruit from: pending nominations, happy accounts without advocates, wishlist look-alikes', () => {
    const history = given([
      ...demand,
      account('acme', '01-01'),
      account('initech', '01-01', { name: 'Initech AG' }),
      health('initech', 88, '02-01'),
      account('sad', '01-01'),
      health('sad', 20, '02-01'),
      nominated('n1', 'acme', 'olga', '05-01'),
      wishlisted('w1', 'Umbrella SE', '04-01'),
      wishlisted('w2', 'Far Away Inc', '04-01', { region: 'APAC' }),
    ]);
    const sources = launchCoveragePlan(history, launch, on('06-01')).lines[0]!.recruitFrom;
    // Acme has no health measured, "sad" is below the threshold, w2 is in another region.
    expect(sources.map((s) => [s.source, s.ref])).toEqual([
      ['PENDING_NOMINATION', 'n1'],
      ['HAPPY_ACCOUNT_WITHOUT_ADVOCATE', 'initech'],
      ['WISHLIST_LOOK_ALIKE', 'Umbrella SE'],
    ]);
  });

  it('falls back to the whole program’s demand when the launch’s region has none, and says so', () => {
    const plan = launchCoveragePlan(
      given(demand),
      { ...launch, cells: [{ segment: 'SMB', region: 'APAC', expectedOpportunities: 4 }] },
      on('06-01'),
    );
    expect(plan.lines[0]).toMatchObject({ ratesFrom: 'PROGRAM', referencesNeeded: 14 });
    expect(plan.totalGap).toBe(14);
  });
});
