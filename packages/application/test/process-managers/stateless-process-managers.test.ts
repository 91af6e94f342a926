import { informRequesterOfRelease } from '../../src/process-managers/inform-requester-of-release';
import { mirrorAdvocateResponse } from '../../src/process-managers/mirror-advocate-response';
import { shredErasedAdvocate } from '../../src/process-managers/shred-erased-advocate';
import { commandsOf, givenWhen } from '../support/process-manager-spec';

describe('mirror the advocate response', () => {
  it("accepts the advocate's engagement when they accepted on the request", () => {
    const { reactions } = givenWhen(
      mirrorAdvocateResponse,
      [],
      ['AdvocateAcceptedRequest', { advocateId: 'a1', engagementId: 'r1.a1' }],
    );
    expect(commandsOf(reactions)).toEqual([
      {
        type: 'AcceptEngagement',
        aggregateId: 'a1',
        data: { engagementId: 'r1.a1' },
        commandId: 'mirror-advocate-response:e1:0',
      },
    ]);
  });

  it('releases it as declined when they declined', () => {
    const { reactions } = givenWhen(
      mirrorAdvocateResponse,
      [],
      ['AdvocateDeclinedRequest', { advocateId: 'a1', engagementId: 'r1.a1' }],
    );
    expect(commandsOf(reactions)).toEqual([
      {
        type: 'ReleaseEngagement',
        aggregateId: 'a1',
        data: { engagementId: 'r1.a1', reason: 'DECLINED' },
        commandId: 'mirror-advocate-response:e1:0',
      },
    ]);
  });
});

describe('inform the requester of a release', () => {
  it.each(['CONSENT_WITHDRAWN', 'CONSENT_EXPIRED', 'ADVOCATE_UNAVAILABLE'])(
    "releases the request's candidate when the advocate's side released it (%s)",
    (reason) => {
      const { reactions } = givenWhen(
        informRequesterOfRelease,
        [],
        ['EngagementReleased', { advocateId: 'a1', engagementId: 'r1.a1', requestId: 'r1', reason }],
      );
      expect(commandsOf(reactions)).toEqual([
        {
          type: 'ReleaseCandidate',
          aggregateId: 'r1',
          data: { advocateId: 'a1', reason },
          commandId: 'inform-requester-of-release:e1:0',
        },
      ]);
    },
  );

  it('ignores releases the request caused, and engagements without a request', () => {
    for (const data of [
      { advocateId: 'a1', engagementId: 'r1.a1', requestId: 'r1', reason: 'CANCELLED' },
      { advocateId: 'a1', engagementId: 'r1.a1', requestId: 'r1', reason: 'DECLINED' },
      { advocateId: 'a1', engagementId: 'x', reason: 'CONSENT_WITHDRAWN' },
    ]) {
      expect(givenWhen(informRequesterOfRelease, [], ['EngagementReleased', data]).reactions).toEqual([]);
    }
  });
});

describe('shred an erased advocate', () => {
  it('destroys the data key of the advocate, then signs the digest again', () => {
    const { reactions } = givenWhen(shredErasedAdvocate, [], ['AdvocateErased', { advocateId: 'a1' }]);
    expect(reactions).toEqual([
      { kind: 'forgetSubject', subjectId: 'a1' },
      { kind: 'signDigest', reason: 'erasure' },
    ]);
  });
});
