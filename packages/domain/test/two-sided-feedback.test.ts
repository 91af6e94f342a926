import {
  advocateDecider,
  feedbackShare,
  matchScore,
  type AdvocateEvent,
  type MatchCandidate,
  type MatchRequest,
} from '../src';
import {
  ADVOCATE_ID,
  actors,
  activeAdvocate,
  advocateCommand,
  advocateContext,
  consentGranted,
  day,
  engagementReserved,
  pastEngagement,
} from './support/builders';
import { specification } from './support/specification';

// Issue 16: after an activity both sides give feedback (RO Innovation, Influitive), and it feeds
// the match score — an advocate who delivered well on similar asks ranks higher, a poor topic
// fit lower — visible in the breakdown.

const advocate = specification(advocateDecider, () => advocateContext());
const done: AdvocateEvent[] = [...activeAdvocate(), consentGranted(), ...pastEngagement('eng-1', day(-3))];
const requesterFeedback: AdvocateEvent = {
  type: 'EngagementFeedbackRecorded',
  data: { advocateId: ADVOCATE_ID, engagementId: 'eng-1', rating: 5, topicFit: 4, recordedBy: 'sam-sales' },
};

describe("the advocate's side of the feedback", () => {
  it('is recorded after the activity, with rating, topic fit and comment, by whoever records it', () => {
    advocate
      .given(done)
      .when(
        advocateCommand('RecordAdvocateFeedback', {
          engagementId: 'eng-1',
          rating: 4,
          topicFit: 2,
          comment: 'The questions were about a product I do not use',
        }),
        { actor: actors.accountOwner },
      )
      .thenEvents((events, state) => {
        expect(events).toEqual([
          {
            type: 'AdvocateFeedbackRecorded',
            data: {
              advocateId: ADVOCATE_ID,
              engagementId: 'eng-1',
              rating: 4,
              topicFit: 2,
              comment: 'The questions were about a product I do not use',
              recordedBy: actors.accountOwner.userId,
            },
          },
        ]);
        expect(state.engagements['eng-1']?.advocateFeedback).toEqual({ rating: 4, topicFit: 2 });
      });
  });

  it('is independent of the requester’s side: either may come first, each once', () => {
    advocate
      .given([...done, requesterFeedback])
      .when(advocateCommand('RecordAdvocateFeedback', { engagementId: 'eng-1', rating: 5 }))
      .thenEvents((events, state) => {
        expect(events.map((e) => e.type)).toEqual(['AdvocateFeedbackRecorded']);
        expect(state.engagements['eng-1']).toMatchObject({
          rating: 5,
          topicFit: 4,
          advocateFeedback: { rating: 5 },
        });
      });
    advocate
      .given([
        ...done,
        {
          type: 'AdvocateFeedbackRecorded',
          data: { advocateId: ADVOCATE_ID, engagementId: 'eng-1', rating: 5, recordedBy: 'pat-pm' },
        },
      ])
      .when(advocateCommand('RecordAdvocateFeedback', { engagementId: 'eng-1', rating: 1 }))
      .thenThrows('INVALID_TRANSITION');
  });

  it('is refused before the activity took place', () => {
    advocate
      .given([...activeAdvocate(), consentGranted(), engagementReserved({ engagementId: 'eng-1' })])
      .when(advocateCommand('RecordAdvocateFeedback', { engagementId: 'eng-1', rating: 5 }))
      .thenThrows('INVALID_TRANSITION');
  });

  it('refuses a topic fit outside 1–5', () => {
    advocate
      .given(done)
      .when(advocateCommand('RecordAdvocateFeedback', { engagementId: 'eng-1', rating: 5, topicFit: 6 }))
      .thenThrows('VALIDATION_FAILED');
  });
});

describe("the requester's side of the feedback", () => {
  it('carries how well the advocate fitted the topic', () => {
    advocate
      .given(done)
      .when(advocateCommand('RecordEngagementFeedback', { engagementId: 'eng-1', rating: 5, topicFit: 4 }), {
        actor: actors.requester,
      })
      .then([requesterFeedback]);
  });

  it('is refused before the activity took place', () => {
    advocate
      .given([...activeAdvocate(), consentGranted(), engagementReserved({ engagementId: 'eng-1' })])
      .when(advocateCommand('RecordEngagementFeedback', { engagementId: 'eng-1', rating: 5 }), {
        actor: actors.requester,
      })
      .thenThrows('INVALID_TRANSITION');
  });
});

describe('feedback in the match score', () => {
  const request: MatchRequest = {
    opportunity: { industry: 'Manufacturing', region: 'EMEA', products: ['Planner'] },
    criteria: { industries: [], regions: [], products: [], useCases: [], languages: [] },
    kind: 'REFERENCE_CALL',
  };
  const base: MatchCandidate = {
    advocateId: 'ines',
    attributes: { seniority: 'VP', products: ['Planner'], useCases: [], languages: [], topics: [] },
    account: { industry: 'Manufacturing', region: 'EMEA', products: [] },
    freshness: 'FRESH',
    headroom: { remaining: 4, max: 4 },
    ratings: [],
    feedback: [],
  };
  const pastFeedback = (c: MatchCandidate) =>
    matchScore(c, request).breakdown.find((b) => b.criterion === 'pastFeedback')!;

  it('ranks an advocate who delivered well on similar asks above one who delivered well on others', () => {
    const similar = {
      ...base,
      feedback: [
        { kind: 'REFERENCE_CALL' as const, requesterRating: 5, advocateRating: 5 },
        { kind: 'CASE_STUDY' as const, requesterRating: 2 },
      ],
    };
    const other = {
      ...base,
      advocateId: 'omar',
      feedback: [
        { kind: 'REFERENCE_CALL' as const, requesterRating: 2 },
        { kind: 'CASE_STUDY' as const, requesterRating: 5, advocateRating: 5 },
      ],
    };
    expect(matchScore(similar, request).total).toBeGreaterThan(matchScore(other, request).total);
  });

  it('ranks a poor topic fit lower than a good one at the same rating', () => {
    const good = {
      ...base,
      feedback: [{ kind: 'REFERENCE_CALL' as const, requesterRating: 4, requesterTopicFit: 5 }],
    };
    const poor = {
      ...base,
      feedback: [{ kind: 'REFERENCE_CALL' as const, requesterRating: 4, requesterTopicFit: 1 }],
    };
    expect(pastFeedback(good).score).toBeGreaterThan(pastFeedback(poor).score);
  });

  it('says in the breakdown what it rests on: both sides, topic fit, how many similar asks', () => {
    const c = {
      ...base,
      feedback: [
        { kind: 'REFERENCE_CALL' as const, requesterRating: 5, requesterTopicFit: 3, advocateRating: 4 },
      ],
    };
    expect(pastFeedback(c).explanation).toBe(
      'rated 4.5 of 5, topic fit 3.0 of 5 over 1 activity (1 REFERENCE_CALL, weighted ×3), both sides',
    );
  });

  it('is neutral without feedback, and the old ratings-only path is unchanged', () => {
    expect(feedbackShare([]).share).toBe(0.5);
    const legacy = { ...base, feedback: undefined, ratings: [5, 3] };
    expect(pastFeedback(legacy)).toMatchObject({
      score: 0.75,
      explanation: 'average rating 4.0 of 5 from 2',
    });
  });
});
