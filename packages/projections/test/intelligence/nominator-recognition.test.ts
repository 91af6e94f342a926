import { nominatorLeaderboard } from '../../src/intelligence/nominator-recognition';
import {
  account,
  completed,
  enrolled,
  given,
  nominated,
  nominationApproved,
  on,
  outcome,
  submitted,
  used,
} from '../support/given-events';

describe('the nominator leaderboard', () => {
  const history = given([
    account('acme', '01-01'),
    // Olga nominated two who were used; Vic nominated five, one used once.
    nominated('n1', 'acme', 'olga', '01-02'),
    nominationApproved('n1', 'acme', '01-03'),
    ...enrolled('a1', 'acme', '01-04', 'n1'),
    nominated('n2', 'acme', 'olga', '01-02'),
    nominationApproved('n2', 'acme', '01-03'),
    ...enrolled('a2', 'acme', '01-04', 'n2'),
    ...['n3', 'n4', 'n5', 'n6', 'n7'].map((n) => nominated(n, 'acme', 'vic', '01-02')),
    ...['n3', 'n4', 'n5', 'n6', 'n7'].map((n) => nominationApproved(n, 'acme', '01-03')),
    ...['n3', 'n4', 'n5', 'n6', 'n7'].flatMap((n) => enrolled(`b-${n}`, 'acme', '01-04', n)),
    // Uma nominated ten, none used: volume alone earns no place.
    ...Array.from({ length: 10 }, (_, i) => nominated(`u${i}`, 'acme', 'uma', '01-02')),
    used('a1', 'REFERENCE_CALL', '02-01'),
    used('a2', 'REFERENCE_CALL', '02-02'),
    used('b-n3', 'REFERENCE_CALL', '02-03'),
    used('b-n3', 'REFERENCE_CALL', '02-20', undefined, 1),
    used('b-n3', 'REFERENCE_CALL', '03-20', undefined, 2),
    submitted('r1', '01-20'),
    completed('r1', 'a1', '02-01'),
    outcome('r1', 'WON', '02-15', 1000),
  ]);

  it('ranks by advocates used, not by nominations made, and leaves off who had none used', () => {
    expect(nominatorLeaderboard(history, on('04-01'))).toEqual([
      {
        nominatorId: 'olga',
        nominations: 2,
        approved: 2,
        advocatesEnrolled: 2,
        advocatesUsed: 2,
        uses: 2,
        dealsWon: 1,
        conversion: 1,
      },
      {
        nominatorId: 'vic',
        nominations: 5,
        approved: 5,
        advocatesEnrolled: 5,
        advocatesUsed: 1,
        uses: 3,
        dealsWon: 0,
        conversion: 0.2,
      },
    ]);
  });

  it('is as it stood on an earlier date', () => {
    expect(nominatorLeaderboard(history, on('02-01')).map((s) => [s.nominatorId, s.uses])).toEqual([
      ['olga', 1],
    ]);
  });
});
