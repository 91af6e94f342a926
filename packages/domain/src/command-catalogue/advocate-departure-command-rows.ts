import type { CommandRows } from './command-definition';

/** The catalogue row of a champion's job change (consents withdrawn as invariant 5 says). */
export const ADVOCATE_DEPARTURE_COMMANDS = {
  RecordAdvocateDeparture: {
    aggregate: 'Advocate',
    description:
      'Record that the advocate left their company: the consents given in that role are withdrawn (pending engagements released, dependent content suspended), history kept; a known new company is suggested for a nomination.',
    payload: {
      leftAt: { kind: 'instant', optional: true, description: 'When they left; default now.' },
      newAccountId: {
        kind: 'id',
        optional: true,
        description:
          'The account of the company they joined, when it is one: suggested to the program for a nomination.',
      },
    },
  },
} satisfies CommandRows<'RecordAdvocateDeparture'>;
