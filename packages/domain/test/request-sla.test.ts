import { DEFAULT_PROGRAM_POLICIES, requestSla } from '../src';
import { day } from './support/builders';

// Default SLA: triage within 24 hours, fulfil within 10 days.
const policy = DEFAULT_PROGRAM_POLICIES.sla;
const request = (change: Partial<Parameters<typeof requestSla>[0]> = {}) => ({
  status: 'TRIAGED' as const,
  submittedAt: day(0),
  dueBy: day(30),
  ...change,
});

describe('the request SLA', () => {
  it('is due for triage a day after submission and for fulfilment ten days after', () => {
    expect(requestSla(request(), policy, day(1))).toEqual({
      triageDueAt: day(1),
      fulfilDueAt: day(10),
      state: 'ON_TRACK',
    });
  });

  it("the requester's earlier due date comes first", () => {
    expect(requestSla(request({ dueBy: day(4) }), policy, day(1)).fulfilDueAt).toBe(day(4));
  });

  it('is AT_RISK with less than a fifth of the time left', () => {
    expect(requestSla(request(), policy, day(7.9)).state).toBe('ON_TRACK');
    expect(requestSla(request(), policy, day(8.1)).state).toBe('AT_RISK');
  });

  it('is BREACHED after the due date, or when a submitted request is not triaged in time', () => {
    expect(requestSla(request(), policy, day(10.1)).state).toBe('BREACHED');
    expect(requestSla(request({ status: 'SUBMITTED' }), policy, day(1.1)).state).toBe('BREACHED');
    expect(requestSla(request({ status: 'SUBMITTED' }), policy, day(0.9)).state).toBe('ON_TRACK');
  });

  it('is MET when fulfilled in time, and BREACHED when fulfilled late', () => {
    expect(requestSla(request({ status: 'FULFILLED' }), policy, day(20), day(9)).state).toBe('MET');
    expect(requestSla(request({ status: 'COMPLETED' }), policy, day(20), day(11)).state).toBe('BREACHED');
  });
});
