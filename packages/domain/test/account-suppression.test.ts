import {
  accountDecider,
  advocateDecider,
  DEFAULT_PROGRAM_POLICIES,
  programDecider,
  type AccountEvent,
  type ActiveSuppression,
  type ProgramPolicies,
  type SuppressionPolicy,
} from '../src';
import {
  accountCommand,
  actors,
  activeAdvocate,
  advocateContext,
  consentGranted,
  context,
  day,
  NOW,
  programCommand,
  reserveEngagement,
} from './support/builders';
import { specification } from './support/specification';
import { expectFoldGoesOnFromAnySavedPoint } from './support/saved-state';

// Gainsight/ReferenceEdge "caution": an account is suppressed by itself near its renewal,
// while its health is low or an escalation is open, and released when the condition ends.

const rules: SuppressionPolicy = { renewalWithinDays: 60, healthBelow: 50, openEscalation: true };
const policies: ProgramPolicies = { ...DEFAULT_PROGRAM_POLICIES, suppression: rules };
const account = specification(accountDecider, () => ({
  ...context({ actor: actors.accountOwner }),
  policies,
}));

const registered: AccountEvent = {
  type: 'AccountRegistered',
  data: {
    accountId: 'acme',
    name: 'Acme GmbH',
    industry: 'Manufacturing',
    segment: 'ENTERPRISE',
    region: 'EMEA',
    products: ['Planner'],
    ownerId: 'olga-ae',
    registeredAt: day(-100),
  },
};
const renewal = (at: string): AccountEvent => ({
  type: 'AccountRenewalSet',
  data: { accountId: 'acme', renewalAt: at, setBy: 'olga-ae' },
});
const health = (healthScore: number): AccountEvent => ({
  type: 'AccountHealthRecorded',
  data: { accountId: 'acme', healthScore, recordedBy: 'olga-ae', measuredAt: day(-5) },
});
const escalationOpened = (escalationId: string): AccountEvent => ({
  type: 'AccountEscalationOpened',
  data: { accountId: 'acme', escalationId, summary: 'Outage', openedBy: 'olga-ae', openedAt: day(-3) },
});
const suppressedForRenewal = (renewalAt: string): AccountEvent => ({
  type: 'AccountSuppressed',
  data: {
    accountId: 'acme',
    rule: 'RENEWAL',
    cause: { rule: 'RENEWAL', renewalAt, withinDays: 60 },
    since: day(-1),
  },
});
const suppressedForHealth: AccountEvent = {
  type: 'AccountSuppressed',
  data: {
    accountId: 'acme',
    rule: 'HEALTH',
    cause: { rule: 'HEALTH', healthScore: 35, threshold: 50 },
    since: day(-5),
  },
};
const suppressedForEscalation: AccountEvent = {
  type: 'AccountSuppressed',
  data: {
    accountId: 'acme',
    rule: 'ESCALATION',
    cause: { rule: 'ESCALATION', escalationIds: ['esc-1'] },
    since: day(-3),
  },
};

describe('the renewal suppression rule', () => {
  it('suppresses the account when its renewal is set within the window, naming the date and the window', () => {
    account
      .given([registered])
      .when(accountCommand('SetAccountRenewal', { renewalAt: day(30) }))
      .then([
        renewal(day(30)),
        {
          type: 'AccountSuppressed',
          data: {
            accountId: 'acme',
            rule: 'RENEWAL',
            cause: { rule: 'RENEWAL', renewalAt: day(30), withinDays: 60 },
            since: NOW,
          },
        },
      ]);
  });

  it('does nothing while the renewal is further away than the window', () => {
    account
      .given([registered])
      .when(accountCommand('SetAccountRenewal', { renewalAt: day(90) }))
      .then([renewal(day(90))]);
  });

  it('starts by time alone: a review once the window has opened suppresses the account', () => {
    account
      .given([registered, renewal(day(59))])
      .when(accountCommand('ReviewAccountSuppression', {}))
      .thenEvents((events, state) => {
        expect(events.map((e) => e.type)).toEqual(['AccountSuppressed']);
        expect(state.suppressions?.RENEWAL?.cause).toEqual({
          rule: 'RENEWAL',
          renewalAt: day(59),
          withinDays: 60,
        });
      });
  });

  it('is lifted once the renewal has passed, saying so', () => {
    account
      .given([registered, renewal(day(-1)), suppressedForRenewal(day(-1))])
      .when(accountCommand('ReviewAccountSuppression', {}))
      .then([
        {
          type: 'AccountSuppressionLifted',
          data: {
            accountId: 'acme',
            rule: 'RENEWAL',
            cause: { rule: 'RENEWAL', renewalAt: day(-1), withinDays: 60 },
            liftedBecause: { kind: 'RENEWAL_PASSED', renewalAt: day(-1) },
            liftedAt: NOW,
          },
        },
      ]);
  });

  it('is lifted when the renewal moves out of the window (renewed for a year)', () => {
    account
      .given([registered, renewal(day(20)), suppressedForRenewal(day(20))])
      .when(accountCommand('SetAccountRenewal', { renewalAt: day(385) }))
      .thenEvents((events, state) => {
        expect(events.map((e) => e.type)).toEqual(['AccountRenewalSet', 'AccountSuppressionLifted']);
        expect(events[1]?.data).toMatchObject({
          liftedBecause: { kind: 'RENEWAL_MOVED', renewalAt: day(385) },
        });
        expect(state.suppressions).toEqual({});
      });
  });
});

describe('the health suppression rule', () => {
  it('suppresses the account when a health score below the threshold is recorded', () => {
    account
      .given([registered])
      .when(accountCommand('RecordAccountHealth', { healthScore: 35 }))
      .thenEvents((events) => {
        expect(events.map((e) => e.type)).toEqual(['AccountHealthRecorded', 'AccountSuppressed']);
        expect(events[1]?.data).toMatchObject({ rule: 'HEALTH', cause: { healthScore: 35, threshold: 50 } });
      });
  });

  it('is lifted when health recovers, with the new score', () => {
    account
      .given([registered, health(35), suppressedForHealth])
      .when(accountCommand('RecordAccountHealth', { healthScore: 72 }))
      .thenEvents((events) => {
        expect(events.map((e) => e.type)).toEqual(['AccountHealthRecorded', 'AccountSuppressionLifted']);
        expect(events[1]?.data).toMatchObject({
          rule: 'HEALTH',
          cause: { healthScore: 35 },
          liftedBecause: { kind: 'HEALTH_RECOVERED', healthScore: 72 },
        });
      });
  });

  it('records nothing more while the score stays below the threshold', () => {
    account
      .given([registered, health(35), suppressedForHealth])
      .when(accountCommand('RecordAccountHealth', { healthScore: 40 }))
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['AccountHealthRecorded']));
  });

  it('is off until the program sets it: low health alone suppresses nothing', () => {
    account
      .given([registered])
      .when(accountCommand('RecordAccountHealth', { healthScore: 10 }), {
        policies: DEFAULT_PROGRAM_POLICIES,
      })
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['AccountHealthRecorded']));
  });
});

describe('the escalation suppression rule', () => {
  it('suppresses the account when an escalation opens', () => {
    account
      .given([registered])
      .when(accountCommand('OpenAccountEscalation', { escalationId: 'esc-1', summary: 'Outage' }))
      .thenEvents((events, state) => {
        expect(events.map((e) => e.type)).toEqual(['AccountEscalationOpened', 'AccountSuppressed']);
        expect(events[1]?.data).toMatchObject({ cause: { rule: 'ESCALATION', escalationIds: ['esc-1'] } });
        expect(state.openEscalations).toEqual({ 'esc-1': NOW });
      });
  });

  it('stays while another escalation is still open, and is lifted when the last one closes', () => {
    const history = [
      registered,
      escalationOpened('esc-1'),
      suppressedForEscalation,
      escalationOpened('esc-2'),
    ];
    account
      .given(history)
      .when(accountCommand('CloseAccountEscalation', { escalationId: 'esc-1', resolution: 'Fixed' }))
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['AccountEscalationClosed']));
    account
      .given([
        ...history,
        {
          type: 'AccountEscalationClosed',
          data: {
            accountId: 'acme',
            escalationId: 'esc-1',
            resolution: 'Fixed',
            closedBy: 'olga-ae',
            closedAt: day(-1),
          },
        },
      ])
      .when(accountCommand('CloseAccountEscalation', { escalationId: 'esc-2', resolution: 'Fixed' }))
      .thenEvents((events) => {
        expect(events.map((e) => e.type)).toEqual(['AccountEscalationClosed', 'AccountSuppressionLifted']);
        expect(events[1]?.data).toMatchObject({ liftedBecause: { kind: 'ESCALATIONS_CLOSED' } });
      });
  });

  it('refuses to open an escalation twice or close one that is not open', () => {
    account
      .given([registered, escalationOpened('esc-1')])
      .when(accountCommand('OpenAccountEscalation', { escalationId: 'esc-1', summary: 'Again' }))
      .thenThrows('ALREADY_EXISTS');
    account
      .given([registered])
      .when(accountCommand('CloseAccountEscalation', { escalationId: 'esc-9', resolution: 'n/a' }))
      .thenThrows('NOT_FOUND');
  });
});

describe('a policy change', () => {
  it('lifts a suppression whose rule the program turned off, at the next review', () => {
    account
      .given([registered, health(35), suppressedForHealth])
      .when(accountCommand('ReviewAccountSuppression', {}), {
        policies: { ...policies, suppression: { openEscalation: true } },
      })
      .thenEvents((events) =>
        expect(events.map((e) => [e.type, (e.data as { liftedBecause?: unknown }).liftedBecause])).toEqual([
          ['AccountSuppressionLifted', { kind: 'RULE_OFF' }],
        ]),
      );
  });

  it('is the program manager’s, and a rule left out is off', () => {
    const program = specification(programDecider, () => context({ actor: actors.programManager }));
    program
      .given([])
      .when(programCommand('SetSuppressionPolicy', { renewalWithinDays: 60, openEscalation: false }))
      .then([
        {
          type: 'SuppressionPolicySet',
          data: {
            policy: { renewalWithinDays: 60, openEscalation: false },
            setBy: actors.programManager.userId,
          },
        },
      ]);
    specification(programDecider, () => context({ actor: actors.accountOwner }))
      .given([])
      .when(programCommand('SetSuppressionPolicy', { openEscalation: true }))
      .thenThrows('FORBIDDEN');
    program
      .given([])
      .when(programCommand('SetSuppressionPolicy', { renewalWithinDays: 0, openEscalation: true }))
      .thenThrows('VALIDATION_FAILED');
  });
});

describe('the suppression gate on a new ask', () => {
  const advocate = specification(advocateDecider, () => advocateContext());
  const held: ActiveSuppression = {
    rule: 'RENEWAL',
    cause: { rule: 'RENEWAL', renewalAt: '2027-01-10T00:00:00.000Z', withinDays: 60 },
    since: day(-1),
  };

  it('refuses to reserve an advocate of a suppressed account, naming the rule and its value', () => {
    const error = advocate
      .given([...activeAdvocate(), consentGranted()])
      .when(reserveEngagement(), { accountSuppressions: [held] })
      .thenThrows('ACCOUNT_SUPPRESSED', /renewal on 2027-01-10 is within 60 days/);
    expect(error.details).toMatchObject({ rules: ['RENEWAL'] });
  });

  it('lets the ask through once the suppression is lifted', () => {
    advocate
      .given([...activeAdvocate(), consentGranted()])
      .when(reserveEngagement(), { accountSuppressions: [] })
      .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['EngagementReserved']));
  });
});

// Read models restore accounts from their saved JSON: health, a renewal, escalations and suppressions
// recorded after the snapshot must land where a straight fold puts them.
describe('an account read back from a snapshot', () => {
  it('folds on to the same state, member order included, whatever point it was saved at', () => {
    expectFoldGoesOnFromAnySavedPoint(accountDecider, [
      registered,
      health(35),
      renewal(day(30)),
      escalationOpened('esc-1'),
      suppressedForRenewal(day(30)),
    ]);
  });
});
