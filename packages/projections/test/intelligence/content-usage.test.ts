import { contentUsage } from '../../src/intelligence/content-usage';
import {
  account,
  completed,
  consent,
  drafted,
  enrolled,
  given,
  on,
  outcome,
  published,
  submitted,
} from '../support/given-events';

const world = () => [
  account('acme', '01-01', { industry: 'Manufacturing' }),
  ...enrolled('ines', 'acme', '01-01'),
  ...enrolled('otto', 'acme', '01-01'),
  consent('ines', 'c1', ['CASE_STUDY', 'QUOTE'], '01-01', '08-01'),
  drafted('cs1', 'CASE_STUDY', 'acme', [{ holder: 'ADVOCATE', holderId: 'ines' }], '01-02'),
  published('cs1', [{ holder: 'ADVOCATE', holderId: 'ines', consentId: 'c1' }], '01-03'),
  drafted('logo', 'LOGO', 'acme', [{ holder: 'ACCOUNT', holderId: 'acme' }], '01-02'),
  published('logo', [], '01-03'),
];

describe('content usage analytics', () => {
  it('counts an asset’s uses, the requests it served and the deals it influenced, won and lost', () => {
    const history = given([
      ...world(),
      submitted('r1', '02-01', { kind: 'CASE_STUDY' }),
      completed('r1', 'ines', '02-05'),
      outcome('r1', 'WON', '03-01', 90000),
      submitted('r2', '02-10', { kind: 'CASE_STUDY' }),
      completed('r2', 'ines', '02-12'),
      outcome('r2', 'LOST', '03-02'),
      // A reference call by Ines is not a use of her case study.
      submitted('r3', '02-10', { kind: 'REFERENCE_CALL' }),
      completed('r3', 'ines', '02-12'),
    ]);
    const cs1 = contentUsage(history, on('03-10')).assets.find((a) => a.contentId === 'cs1')!;
    expect(cs1).toMatchObject({
      uses: 2,
      requestsServed: 2,
      dealsWon: 1,
      dealsLost: 1,
      wonAmounts: { EUR: 90000 },
      lastUsedAt: on('02-12') - 3 * 3_600_000,
      consentExpiresAt: Date.parse('2026-08-01T09:00:00.000Z'),
      unused: false,
    });
  });

  it('counts an account-held asset used by any advocate of the account', () => {
    const history = given([
      ...world(),
      submitted('r1', '02-01', { kind: 'LOGO' }),
      completed('r1', 'otto', '02-02'),
    ]);
    expect(contentUsage(history, on('03-01')).assets.find((a) => a.contentId === 'logo')!.uses).toBe(1);
  });

  it('does not count a use made while the asset was not published', () => {
    const history = given([
      account('acme', '01-01'),
      ...enrolled('ines', 'acme', '01-01'),
      submitted('r1', '01-05', { kind: 'QUOTE' }),
      completed('r1', 'ines', '01-06'),
      drafted('q1', 'QUOTE', 'acme', [{ holder: 'ADVOCATE', holderId: 'ines' }], '01-10'),
      published('q1', [], '01-11'),
    ]);
    const q1 = contentUsage(history, on('02-01')).assets[0]!;
    expect(q1).toMatchObject({ contentId: 'q1', uses: 0, unused: true });
  });

  it('flags published assets nobody used in N days', () => {
    const history = given([
      ...world(),
      submitted('r1', '02-01', { kind: 'CASE_STUDY' }),
      completed('r1', 'ines', '02-05'),
    ]);
    const soon = contentUsage(history, on('03-01'), { unusedDays: 90 });
    expect(soon.assets.map((a) => [a.contentId, a.unused])).toEqual([
      ['cs1', false],
      ['logo', true],
    ]);
    const later = contentUsage(history, on('06-01'), { unusedDays: 90 });
    expect(later).toMatchObject({ published: 2, unusedPublished: 2 });
  });

  it('lists the kinds of content requests asked for that did not exist in their industry', () => {
    const history = given([
      ...world(),
      submitted('r1', '02-01', { kind: 'VIDEO', industry: 'Healthcare' }),
      submitted('r2', '02-02', { kind: 'VIDEO', industry: 'Healthcare' }),
      submitted('r3', '02-03', { kind: 'CASE_STUDY', industry: 'Healthcare' }),
      // A Manufacturing case study exists: not missing.
      submitted('r4', '02-04', { kind: 'CASE_STUDY', industry: 'Manufacturing' }),
      // Not a content kind.
      submitted('r5', '02-04', { kind: 'REFERENCE_CALL', industry: 'Healthcare' }),
    ]);
    expect(contentUsage(history, on('03-01')).missing).toEqual([
      { kind: 'VIDEO', industry: 'Healthcare', requests: 2 },
      { kind: 'CASE_STUDY', industry: 'Healthcare', requests: 1 },
    ]);
  });
});
