import { assessProgram, type ProgramAssessment } from '../../src/intelligence/program-assessment';
import {
  accepted,
  account,
  asked,
  completed,
  consent,
  coverageTarget,
  drafted,
  enrolled,
  feedback,
  given,
  on,
  outcome,
  ownerAnswer,
  published,
  submitted,
  triaged,
  used,
} from '../support/given-events';

const element = (a: ProgramAssessment, id: string) => a.elements.find((e) => e.element === id)!;

describe('the program health assessment', () => {
  it('scores program vision by the growth-plan targets met, and names the pitfall when none is set', () => {
    const none = assessProgram(given([account('acme', '01-01')]), on('06-01'));
    expect(element(none, 'PROGRAM_VISION')).toMatchObject({ score: 0, grade: 'WEAK' });
    expect(element(none, 'PROGRAM_VISION').findings[0]).toMatch(
      /No link to growth strategy.*0 coverage targets set/,
    );

    const history = given([
      account('acme', '01-01'),
      ...enrolled('ines', 'acme', '01-02'),
      coverageTarget('Manufacturing', 'EMEA', 'Planner', 2, '01-03'),
      coverageTarget('Retail', 'NA', 'Tracker', 1, '01-03'),
    ]);
    const vision = element(assessProgram(history, on('06-01')), 'PROGRAM_VISION');
    // Manufacturing: 1 of 2 (0.5), Retail: 0 of 1 (0): mean 0.25.
    expect(vision.score).toBe(0.25);
    expect(vision.evidence[0]).toBe(
      'coverage: 0 of 2 growth-plan targets met (1 of 3 advocates needed are there).',
    );
  });

  it('scores staffing by requests triaged within the SLA, counting untriaged ones once they are late', () => {
    const history = given([
      submitted('r1', '05-01'),
      triaged('r1', '05-01'),
      submitted('r2', '05-02'),
      triaged('r2', '05-05'),
      submitted('r3', '05-03'),
      submitted('r4', '06-01'),
    ]);
    const staff = element(assessProgram(history, on('06-01')), 'STAFF_COMPOSITION');
    // r4 is 3 hours old: not yet late, not counted. r1 on time; r2 and r3 late.
    expect(staff.score).toBe(0.333);
    expect(staff.evidence[0]).toBe('triage: 1 of 3 requests triaged within 24 h in the last 365 days.');
    expect(staff.grade).toBe('WEAK');
  });

  it('scores managing upward by outcomes recorded for referenced requests', () => {
    const history = given([
      submitted('r1', '05-01'),
      completed('r1', 'ines', '05-03'),
      outcome('r1', 'WON', '05-10', 5000),
      submitted('r2', '05-01'),
      completed('r2', 'ines', '05-04'),
    ]);
    const upward = element(assessProgram(history, on('06-01')), 'MANAGING_UPWARD');
    expect(upward).toMatchObject({ score: 0.5, grade: 'FAIR' });
    expect(upward.findings[0]).toMatch(/^At risk — The program cannot show its value upward/);
  });

  it('scores field relationships by asks owners approved, and reads a decline as hoarding', () => {
    const history = given([
      submitted('r1', '05-01'),
      ownerAnswer('r1', 'a', false, '05-02'),
      ownerAnswer('r1', 'b', false, '05-02'),
      ownerAnswer('r1', 'c', true, '05-02'),
    ]);
    const field = element(assessProgram(history, on('06-01')), 'FIELD_RELATIONSHIPS');
    expect(field.score).toBe(0.333);
    expect(field.evidence[0]).toBe('owners declined 2 of 3 asks in the last 365 days.');
    expect(field.findings[0]).toMatch(/Hoarding by sales/);
  });

  it('scores reference relationships by how much the top 10 % of advocates carry', () => {
    const events = [account('acme', '01-01')];
    for (let i = 0; i < 10; i++) events.push(...enrolled(`a${i}`, 'acme', '01-02'));
    for (let n = 0; n < 9; n++) events.push(used('a0', 'REFERENCE_CALL', '03-01', undefined, n));
    events.push(used('a1', 'REFERENCE_CALL', '03-02'));
    const fatigue = element(assessProgram(given(events), on('06-01')), 'CUSTOMER_REFERENCE_RELATIONSHIPS');
    expect(fatigue.evidence[0]).toBe(
      'fatigue: top 10 % of advocates carry 90 % of uses (10 uses, 10 advocates).',
    );
    expect(fatigue).toMatchObject({ score: 0, grade: 'WEAK' });
    expect(fatigue.findings[0]).toMatch(/Burned-out references/);
  });

  it('scores horizontal integration by the departments that ask', () => {
    const salesOnly = given([submitted('r1', '05-01'), submitted('r2', '05-02')]);
    expect(element(assessProgram(salesOnly, on('06-01')), 'HORIZONTAL_INTEGRATION')).toMatchObject({
      score: 0,
      evidence: ['departments: 1 (SALES) asked in the last 365 days.'],
    });
    const wide = given([
      submitted('r1', '05-01'),
      submitted('r2', '05-01', { department: 'MARKETING' }),
      submitted('r3', '05-01', { department: 'PR' }),
    ]);
    expect(element(assessProgram(wide, on('06-01')), 'HORIZONTAL_INTEGRATION').score).toBe(0.667);
  });

  it('finds the launch-it-and-forget-it pitfall when requests fall and no newcomer asks', () => {
    const history = given([
      submitted('r1', '01-10', { requestedBy: 'a' }),
      submitted('r2', '01-11', { requestedBy: 'b' }),
      submitted('r3', '01-12', { requestedBy: 'a' }),
      submitted('r4', '01-13', { requestedBy: 'b' }),
      submitted('r5', '04-01', { requestedBy: 'a' }),
    ]);
    const promotion = element(assessProgram(history, on('05-15')), 'PROGRAM_PROMOTION');
    expect(promotion.evidence[0]).toBe(
      'promotion: 0 new requesters in 90 days; 1 requests in the last 90 days against 4 in the 90 before.',
    );
    expect(promotion.score).toBe(0.125);
    expect(promotion.findings[0]).toMatch(/^Having a launch it and forget it mentality/);
  });

  it('scores the metrics habit by feedback recorded on completed activities', () => {
    const history = given([
      submitted('r1', '05-01'),
      completed('r1', 'a', '05-02'),
      feedback('r1', 'a', '05-03'),
      submitted('r2', '05-01'),
      completed('r2', 'b', '05-02'),
      submitted('r3', '05-01'),
      completed('r3', 'c', '05-02'),
      submitted('r4', '05-01'),
      completed('r4', 'd', '05-02'),
    ]);
    const metrics = element(assessProgram(history, on('06-01')), 'PROGRAM_METRICS');
    expect(metrics.evidence[0]).toBe(
      'feedback recorded on 1 of 4 completed activities in the last 365 days.',
    );
    expect(metrics.findings[0]).toMatch(/^Ignoring program performance metrics until being asked for them/);
  });

  it('finds content that doesn’t get used', () => {
    const history = given([
      account('acme', '01-01'),
      ...enrolled('ines', 'acme', '01-01'),
      consent('ines', 'c1', ['CASE_STUDY', 'QUOTE'], '01-01'),
      drafted('cs1', 'CASE_STUDY', 'acme', [{ holder: 'ADVOCATE', holderId: 'ines' }], '01-02'),
      published('cs1', [{ holder: 'ADVOCATE', holderId: 'ines', consentId: 'c1' }], '01-03'),
      drafted('q1', 'QUOTE', 'acme', [{ holder: 'ADVOCATE', holderId: 'ines' }], '01-02'),
      published('q1', [{ holder: 'ADVOCATE', holderId: 'ines', consentId: 'c1' }], '01-03'),
      submitted('r1', '05-01', { kind: 'CASE_STUDY' }),
      completed('r1', 'ines', '05-10'),
    ]);
    const content = element(assessProgram(history, on('06-01')), 'CONTENT_STRATEGY');
    expect(content.evidence[0]).toBe('content: 1 of 2 published assets not used in 90 days.');
    expect(content.findings[0]).toMatch(/Producing content that doesn’t get used/);
  });

  it('scores information systems by stale profiles and recent recruiting', () => {
    const history = given([
      account('acme', '01-01'),
      ...enrolled('old', 'acme', '01-01'),
      ...enrolled('new', 'acme', '12-01'),
    ]);
    // Defaults: stale after 365 days. On 2027-01-10 "old" is stale, "new" fresh and recent.
    const it = element(assessProgram(history, Date.parse('2027-01-10T00:00:00Z')), 'INFORMATION_SYSTEMS');
    expect(it.evidence[0]).toBe(
      'profiles: 1 of 2 advocate profiles are stale; 1 advocates enrolled in 90 days.',
    );
    expect(it.score).toBe(0.65);
  });

  it('does not pretend to measure outside expertise', () => {
    const outside = element(assessProgram(given([]), on('06-01')), 'OUTSIDE_EXPERTISE');
    expect(outside).toMatchObject({ grade: 'NOT_MEASURED', findings: [] });
    expect(outside.score).toBeUndefined();
  });

  it('averages the measured elements only', () => {
    const history = given([
      submitted('r1', '05-01'),
      asked('r1', 'a', '05-02'),
      accepted('r1', 'a', '05-02'),
    ]);
    const a = assessProgram(history, on('06-01'));
    const scores = a.elements.flatMap((e) => (e.score !== undefined ? [e.score] : []));
    expect(a.score).toBeCloseTo(scores.reduce((x, y) => x + y, 0) / scores.length, 3);
    expect(a.elements).toHaveLength(11);
  });

  it('sees nothing that happened after the instant', () => {
    const history = given([submitted('r1', '05-01', { department: 'PR' }), submitted('r2', '07-01')]);
    expect(element(assessProgram(history, on('06-01')), 'HORIZONTAL_INTEGRATION').evidence[0]).toBe(
      'departments: 1 (PR) asked in the last 365 days.',
    );
  });
});
