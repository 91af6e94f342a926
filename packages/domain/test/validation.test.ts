import {
  accountDecider,
  advocateDecider,
  referenceRequestDecider,
  ValidationError,
  validated,
  type Command,
  type Decider,
  type DecisionContext,
  type DomainEvent,
  type FieldIssue,
} from '../src';
import {
  activeAdvocate,
  accountCommand,
  advocateCommand,
  advocateContext,
  context,
  grantConsent,
  requestCommand,
  reserveEngagement,
} from './support/builders';

/** Decides and returns the fields a VALIDATION_FAILED error lists; fails if any event was produced. */
function invalidFields<C extends Command, S, E extends DomainEvent, Ctx extends DecisionContext>(
  decider: Decider<C, S, E, Ctx>,
  history: E[],
  command: C,
  ctx: Ctx,
): string[] {
  const state = history.reduce((s, e) => decider.evolve(s, e), decider.initialState);
  let events: E[] | undefined;
  let thrown: unknown;
  try {
    events = decider.decide(command, state, ctx);
  } catch (error) {
    thrown = error;
  }
  expect(events).toBeUndefined();
  expect(thrown).toBeInstanceOf(ValidationError);
  const error = thrown as ValidationError;
  expect(error.code).toBe('VALIDATION_FAILED');
  return error.issues.map((i: FieldIssue) => i.field);
}

describe('bad input is refused with VALIDATION_FAILED listing every bad field, and never becomes an event', () => {
  it('an enrolment with a bad email, no languages and an unknown seniority lists all three', () => {
    const fields = invalidFields(
      advocateDecider,
      [],
      advocateCommand('EnrolAdvocate', {
        advocateId: 'ines',
        accountId: 'acme',
        name: 'Ines',
        email: 'not-an-email',
        title: 'Head of Ops',
        seniority: 'EMPEROR' as never,
        products: [],
        useCases: [],
        languages: [],
      }),
      advocateContext(),
    );
    expect(fields).toEqual(expect.arrayContaining(['email', 'seniority', 'languages']));
  });

  it('an id with spaces, an empty name and a missing title are each listed', () => {
    const fields = invalidFields(
      advocateDecider,
      [],
      advocateCommand('EnrolAdvocate', {
        advocateId: 'has spaces',
        accountId: 'acme',
        name: '   ',
        email: 'ines@acme.example',
        title: undefined as never,
        seniority: 'VP',
        products: [],
        useCases: [],
        languages: ['en'],
      }),
      advocateContext(),
    );
    expect(fields).toEqual(['advocateId', 'name', 'title']);
  });

  it('a consent with unknown kinds, no territories, bad dates and a zero max uses lists every field', () => {
    const fields = invalidFields(
      advocateDecider,
      activeAdvocate(),
      grantConsent({
        kinds: ['DANCE' as never],
        territories: [],
        channels: [],
        validFrom: 'yesterday',
        maxUses: 0,
        collectionMethod: 'TELEPATHY' as never,
      }),
      advocateContext(),
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'kinds[0]',
        'territories',
        'channels',
        'validFrom',
        'maxUses',
        'collectionMethod',
      ]),
    );
  });

  it('a reservation with an unknown kind and channel lists both, before any gate is checked', () => {
    const fields = invalidFields(
      advocateDecider,
      activeAdvocate(),
      reserveEngagement({ kind: 'DANCE' as never, channel: 'PIGEON' as never, activityAt: 'soon' }),
      advocateContext(),
    );
    expect(fields).toEqual(expect.arrayContaining(['kind', 'channel', 'activityAt']));
  });

  it('a health score out of range and a fractional NPS are listed', () => {
    const fields = invalidFields(
      accountDecider,
      [
        {
          type: 'AccountRegistered',
          data: {
            accountId: 'acme',
            name: 'Acme',
            industry: 'Manufacturing',
            segment: 'ENTERPRISE',
            region: 'EMEA',
            products: [],
            ownerId: 'olga-ae',
            registeredAt: '2026-01-01T00:00:00.000Z',
          },
        },
      ],
      accountCommand('RecordAccountHealth', { healthScore: 140, nps: 10.5 }),
      context(),
    );
    expect(fields).toEqual(['nps', 'healthScore']);
  });

  it('a reference request with a past due date, bad money and no opportunity id lists them all', () => {
    const fields = invalidFields(
      referenceRequestDecider,
      [],
      requestCommand('SubmitReferenceRequest', {
        requestId: 'req-1',
        department: 'SALES',
        kind: 'REFERENCE_CALL',
        advocatesNeeded: 0,
        opportunity: {
          opportunityId: '',
          stage: 'PROPOSAL',
          amount: { amount: 10.005, currency: 'euro' },
          industry: 'Manufacturing',
          region: 'EMEA',
          products: [],
        },
        criteria: { territory: 'EMEA', channel: 'PRIVATE' },
        dueBy: '2020-01-01T00:00:00Z',
      }),
      context(),
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'dueBy',
        'advocatesNeeded',
        'opportunity.opportunityId',
        'opportunity.amount.amount',
        'opportunity.amount.currency',
      ]),
    );
  });

  it('the error message names each field so a person can correct them', () => {
    expect(() =>
      validated((v) => {
        v.id('requestId', '');
        v.integer('rating', 7, { min: 1, max: 5 });
      }),
    ).toThrow(/requestId is required; rating must be between 1 and 5/);
  });

  it('date-times are normalised to UTC instants', () => {
    expect(validated((v) => v.instant('at', '2026-12-01T09:00:00+02:00'))).toBe('2026-12-01T07:00:00.000Z');
    expect(validated((v) => v.instant('at', '2026-12-01'))).toBe('2026-12-01T00:00:00.000Z');
  });
});
