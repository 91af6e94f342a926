import fc from 'fast-check';
import type { RecordedEvent } from '@vouch/event-store';
import { assessProgram } from '../../src/intelligence/program-assessment';
import { contentUsage } from '../../src/intelligence/content-usage';
import { executiveDigest } from '../../src/intelligence/executive-digest';
import { launchCoveragePlan } from '../../src/intelligence/launch-coverage-plan';
import { nominatorLeaderboard } from '../../src/intelligence/nominator-recognition';
import { ProgramHistory } from '../../src/intelligence/program-history';
import { programHistory } from '../support/program-history';
import {
  accepted,
  account,
  asked,
  completed,
  consent,
  coverageTarget,
  drafted,
  enrolled,
  event,
  feedback,
  health,
  nominated,
  nominationApproved,
  outcome,
  ownerAnswer,
  published,
  submitted,
  triaged,
  used,
  wishlisted,
} from '../support/given-events';

const ADVOCATES = ['a0', 'a1', 'a2', 'a3'];
const KINDS = ['REFERENCE_CALL', 'CASE_STUDY', 'QUOTE'];
const DEPARTMENTS = ['SALES', 'MARKETING', 'PR'];

/** A random step of a program on a day: any of the facts the intelligence reads. */
const step = fc
  .tuple(
    fc.integer({ min: 0, max: 15 }),
    fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: 0, max: 2 }),
    fc.integer({ min: 1, max: 11 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .map(([what, i, k, month, d]): RecordedEvent[] => {
    const day = `${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const a = ADVOCATES[i]!;
    const r = `r${i}${k}`;
    switch (what) {
      case 0:
        return [...enrolled(a, 'acme', day, `n${i}`)];
      case 1:
        return [consent(a, `c${i}${k}`, [KINDS[k]!], day, '12-31')];
      case 2:
        return [used(a, KINDS[k]!, day, r, month * 100 + d)];
      case 3:
        return [submitted(r, day, { kind: KINDS[k]!, department: DEPARTMENTS[k]!, requestedBy: `rep${i}` })];
      case 4:
        return [triaged(r, day), asked(r, a, day)];
      case 5:
        return [accepted(r, a, day), completed(r, a, day)];
      case 6:
        return [feedback(r, a, day), outcome(r, k === 0 ? 'LOST' : 'WON', day, 1000 * (i + 1))];
      case 7:
        return [ownerAnswer(r, a, k !== 0, day)];
      case 8:
        return [nominated(`n${i}`, 'acme', `owner${k}`, day), nominationApproved(`n${i}`, 'acme', day)];
      case 9:
        return [
          drafted(`cs${i}`, KINDS[k]!, 'acme', [{ holder: 'ADVOCATE', holderId: a }], day),
          published(`cs${i}`, [{ holder: 'ADVOCATE', holderId: a, consentId: `c${i}${k}` }], day),
        ];
      case 10:
        return [event('AdvocateRetired', { advocateId: a, reason: 'x', retiredAt: day }, day)];
      case 11:
        return [
          event('AdvocateRested', { advocateId: a, until: `2026-12-01T00:00:00.000Z`, reason: 'x' }, day),
        ];
      case 12:
        return [coverageTarget('Manufacturing', 'EMEA', 'Planner', k + 1, day)];
      case 13:
        return [wishlisted(`w${i}`, `Wish ${i}`, day)];
      case 14:
        return [health('acme', 50 + 20 * k, day)];
      default:
        return [
          event(
            'ConsentWithdrawn',
            {
              advocateId: a,
              consentId: `c${i}${k}`,
              version: 1,
              kinds: [KINDS[k]!],
              reason: 'x',
              withdrawnBy: a,
              withdrawnAt: day,
            },
            day,
          ),
        ];
    }
  });

const launch = (at: number) => ({
  name: 'L',
  products: ['Planner'],
  launchDate: at + 30 * 86_400_000,
  cells: [{ segment: 'ENTERPRISE', region: 'EMEA', expectedOpportunities: 5 }],
});

function historyOf(events: readonly RecordedEvent[]): ProgramHistory {
  const history = new ProgramHistory();
  for (const e of events) history.apply(e);
  return history;
}

/** Every answer as of `t`: what the property compares. */
function answersAt(history: ProgramHistory, t: number) {
  return {
    assessment: assessProgram(history, t),
    content: contentUsage(history, t),
    leaderboard: nominatorLeaderboard(history, t),
    plan: launchCoveragePlan(history, launch(t), t),
    digest: executiveDigest(history, t - 90 * 86_400_000, t),
  };
}

describe('as of an instant = the history cut at that instant', () => {
  it('holds for every answer over random programs and random instants', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 60 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (steps, month, d) => {
          // The log is in effective order, as the program lived it.
          const log = [account('acme', '01-01'), ...steps.flat()].sort(
            (x, y) => Date.parse(x.metadata.effectiveAt) - Date.parse(y.metadata.effectiveAt),
          );
          const t = Date.parse(
            `2026-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}T09:00:00.000Z`,
          );
          const cut = log.filter((e) => Date.parse(e.metadata.effectiveAt) <= t);
          expect(answersAt(historyOf(log), t)).toEqual(answersAt(historyOf(cut), t));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('holds on a program the deciders produced', () => {
    const log = programHistory({ advocates: 40, requests: 30 }).log;
    const first = Date.parse(log[0]!.metadata.effectiveAt);
    const last = Date.parse(log[log.length - 1]!.metadata.effectiveAt);
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (t) => {
        const cut = log.filter((e) => Date.parse(e.metadata.effectiveAt) <= t);
        expect(answersAt(historyOf(log), t)).toEqual(answersAt(historyOf(cut), t));
      }),
      { numRuns: 20 },
    );
  });

  it('can fail: an answer at a later instant differs when something happened in between', () => {
    const log = [account('acme', '01-01'), submitted('r1', '03-01', { department: 'PR' })];
    const before = assessProgram(historyOf(log), Date.parse('2026-02-01T00:00:00Z'));
    const after = assessProgram(historyOf(log), Date.parse('2026-04-01T00:00:00Z'));
    expect(before).not.toEqual({ ...after, at: before.at });
  });
});
