import { releaseEngagementsOfClosedRequest as manager } from '../../src/process-managers/release-engagements-of-closed-request';
import { commandsOf, givenWhen } from '../support/process-manager-spec';

const reserved = (advocateId: string, requestId: string) =>
  ['EngagementReserved', { advocateId, engagementId: `${requestId}.${advocateId}`, requestId }] as const;
const release = (advocateId: string, requestId: string, reason: string) => ({
  type: 'ReleaseEngagement',
  aggregateId: advocateId,
  data: { engagementId: `${requestId}.${advocateId}`, reason },
  commandId: expect.stringMatching(new RegExp(`^release-engagements-of-closed-request:e\\d+:${advocateId}$`)),
});

describe('release engagements of a closed request', () => {
  it('releases every engagement still pending for a cancelled request', () => {
    const { reactions } = givenWhen(
      manager,
      [reserved('a1', 'r1'), reserved('a2', 'r1')],
      ['RequestCancelled', { requestId: 'r1' }],
    );
    expect(commandsOf(reactions)).toEqual([
      release('a1', 'r1', 'CANCELLED'),
      release('a2', 'r1', 'CANCELLED'),
    ]);
  });

  it('gives a lapse as the reason when the request lapsed', () => {
    const { reactions } = givenWhen(manager, [reserved('a1', 'r1')], ['RequestLapsed', { requestId: 'r1' }]);
    expect(commandsOf(reactions)).toEqual([release('a1', 'r1', 'REQUEST_LAPSED')]);
  });

  it('leaves engagements already completed or released', () => {
    const { reactions } = givenWhen(
      manager,
      [
        reserved('a1', 'r1'),
        reserved('a2', 'r1'),
        reserved('a3', 'r1'),
        ['EngagementCompleted', { advocateId: 'a1', engagementId: 'r1.a1' }],
        [
          'EngagementReleased',
          { advocateId: 'a2', engagementId: 'r1.a2', requestId: 'r1', reason: 'DECLINED' },
        ],
      ],
      ['RequestCancelled', { requestId: 'r1' }],
    );
    expect(commandsOf(reactions)).toEqual([release('a3', 'r1', 'CANCELLED')]);
  });

  it("leaves other requests' engagements and engagements without a request", () => {
    const { reactions } = givenWhen(
      manager,
      [reserved('a1', 'r2'), ['EngagementReserved', { advocateId: 'a1', engagementId: 'direct' }]],
      ['RequestCancelled', { requestId: 'r1' }],
    );
    expect(reactions).toEqual([]);
  });
});
