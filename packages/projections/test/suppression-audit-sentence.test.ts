import type { RecordedEvent } from '@vouch/event-store';
import { describeEvent } from '../src/audit-sentence';

const recorded = (type: string, data: Record<string, unknown>, userId = 'olga'): RecordedEvent =>
  ({
    type,
    data,
    streamId: 'account-acme',
    metadata: { actor: { userId, roles: [] } },
  }) as unknown as RecordedEvent;

// Issue 16 in the audit history: each suppression change says which rule and which value,
// and feedback sentences never carry a comment (personal data about the advocate).
describe('audit sentences of suppression and two-sided feedback', () => {
  it('says which rule suppressed the account, on which value, and why it was lifted', () => {
    expect(
      describeEvent(
        recorded('AccountSuppressed', {
          accountId: 'acme',
          rule: 'HEALTH',
          cause: { rule: 'HEALTH', healthScore: 35, threshold: 50 },
          since: '2026-11-23T09:00:00.000Z',
        }),
      ),
    ).toBe('account acme was suppressed: account health 35 is below 50');
    expect(
      describeEvent(
        recorded('AccountSuppressionLifted', {
          accountId: 'acme',
          rule: 'RENEWAL',
          cause: { rule: 'RENEWAL', renewalAt: '2027-01-01T00:00:00.000Z', withinDays: 60 },
          liftedBecause: { kind: 'RENEWAL_PASSED', renewalAt: '2027-01-01T00:00:00.000Z' },
          liftedAt: '2027-01-01T00:00:00.000Z',
        }),
      ),
    ).toBe('the renewal suppression of account acme was lifted (renewal passed)');
  });

  it("states the advocate's rating and topic fit without the comment", () => {
    const sentence = describeEvent(
      recorded('AdvocateFeedbackRecorded', {
        advocateId: 'ines',
        engagementId: 'eng-1',
        rating: 4,
        topicFit: 2,
        comment: 'Ines said the questions were off topic',
      }),
    );
    expect(sentence).toBe(
      "olga recorded advocate ines's own rating of engagement eng-1: 4 of 5, topic fit 2 of 5",
    );
    expect(sentence).not.toContain('off topic');
  });
});
