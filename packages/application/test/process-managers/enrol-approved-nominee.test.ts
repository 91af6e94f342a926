import { enrolApprovedNominee as manager } from '../../src/process-managers/enrol-approved-nominee';
import { commandsOf, givenWhen } from '../support/process-manager-spec';

const submitted = [
  'NominationSubmitted',
  {
    nominationId: 'n1',
    accountId: 'acc',
    candidateId: 'a1',
    candidate: { name: 'Ada', email: 'ada@example.com', title: 'CTO' },
    attributes: { industry: 'FINTECH', region: 'EMEA' },
  },
] as const;
const approved = ['NominationApproved', { nominationId: 'n1', accountId: 'acc', candidateId: 'a1' }] as const;

describe('enrol an approved nominee', () => {
  it("enrols the candidate with the nomination's details when it is approved", () => {
    const { reactions } = givenWhen(manager, [submitted], approved);
    expect(commandsOf(reactions)).toEqual([
      {
        type: 'EnrolAdvocate',
        aggregateId: undefined,
        commandId: 'enrol-approved-nominee:e2:0',
        data: {
          advocateId: 'a1',
          accountId: 'acc',
          nominationId: 'n1',
          name: 'Ada',
          email: 'ada@example.com',
          title: 'CTO',
          industry: 'FINTECH',
          region: 'EMEA',
        },
      },
    ]);
  });

  it('does nothing on submission, rejection or withdrawal', () => {
    expect(givenWhen(manager, [], submitted).reactions).toEqual([]);
    expect(givenWhen(manager, [submitted], ['NominationRejected', { nominationId: 'n1' }]).reactions).toEqual(
      [],
    );
    expect(
      givenWhen(manager, [submitted], ['NominationWithdrawn', { nominationId: 'n1' }]).reactions,
    ).toEqual([]);
  });

  it('forgets the details once the nomination is decided (an approval after that enrols nobody)', () => {
    expect(
      givenWhen(manager, [submitted, ['NominationWithdrawn', { nominationId: 'n1' }]], approved).reactions,
    ).toEqual([]);
    const state = manager.initialState!();
    manager.evolve!(state, givenWhen(manager, [], submitted).event);
    expect(state.size).toBe(1);
    manager.evolve!(state, givenWhen(manager, [submitted], approved).event);
    expect(state.size).toBe(0);
  });
});
