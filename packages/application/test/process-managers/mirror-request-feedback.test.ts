import { mirrorRequestFeedback } from '../../src/process-managers/mirror-request-feedback';
import { commandsOf, givenWhen } from '../support/process-manager-spec';

describe("mirror the requester's feedback onto the engagement", () => {
  it('rates the engagement with the same rating and topic fit, without the comment', () => {
    const { reactions } = givenWhen(
      mirrorRequestFeedback,
      [],
      [
        'RequestFeedbackRecorded',
        {
          requestId: 'r1',
          advocateId: 'a1',
          engagementId: 'r1.a1',
          rating: 4,
          topicFit: 2,
          comment: 'Off topic',
        },
      ],
    );
    expect(commandsOf(reactions)).toEqual([
      {
        type: 'RecordEngagementFeedback',
        aggregateId: 'a1',
        data: { engagementId: 'r1.a1', rating: 4, topicFit: 2 },
        commandId: 'mirror-request-feedback:e1:0',
      },
    ]);
  });

  it('does nothing for a candidate without an engagement', () => {
    const { reactions } = givenWhen(
      mirrorRequestFeedback,
      [],
      ['RequestFeedbackRecorded', { requestId: 'r1', advocateId: 'a1', engagementId: '', rating: 4 }],
    );
    expect(commandsOf(reactions)).toEqual([]);
  });
});
