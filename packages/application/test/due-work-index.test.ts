import type { RecordedEvent } from '@vouch/event-store';
import { DueWorkIndex } from '../src';

let position = 0;
const event = (type: string, data: Record<string, unknown>): RecordedEvent =>
  ({ type, data, checkpoint: String(++position).padStart(16, '0') }) as unknown as RecordedEvent;

const granted = event('ConsentGranted', {
  advocateId: 'ines',
  consentId: 'c1',
  kinds: ['REFERENCE_CALL', 'CASE_STUDY'],
  validUntil: '2027-01-01T00:00:00.000Z',
});
const later = '2027-02-01T00:00:00.000Z';

describe('what time makes due', () => {
  it('a consent past its validity is due for its expiry to be recorded', () => {
    const index = new DueWorkIndex();
    index.apply(granted);
    expect(index.due('2026-12-31T00:00:00.000Z')).toEqual([]);
    expect(index.due(later).map((i) => i.command.type)).toEqual(['RecordConsentExpiry']);
  });

  it('a partial withdrawal keeps the expiry of the kinds still granted due', () => {
    const index = new DueWorkIndex();
    index.apply(granted);
    index.apply(event('ConsentWithdrawn', { advocateId: 'ines', consentId: 'c1', kinds: ['CASE_STUDY'] }));
    expect(index.due(later)).toHaveLength(1);
    index.apply(
      event('ConsentWithdrawn', { advocateId: 'ines', consentId: 'c1', kinds: ['REFERENCE_CALL'] }),
    );
    expect(index.due(later)).toEqual([]);
  });

  it('nothing is due any more for an erased advocate', () => {
    const index = new DueWorkIndex();
    index.apply(granted);
    index.apply(
      event('ProfileVerificationRequested', {
        advocateId: 'ines',
        verificationId: 'v1',
        dueBy: '2026-12-01T00:00:00.000Z',
      }),
    );
    expect(index.due(later)).toHaveLength(2);
    index.apply(event('AdvocateErased', { advocateId: 'ines', erasedAt: '2026-11-30T00:00:00.000Z' }));
    expect(index.due(later)).toEqual([]);
  });

  it('a request past its due date lapses unless it was closed first', () => {
    const index = new DueWorkIndex();
    index.apply(event('ReferenceRequestSubmitted', { requestId: 'r1', dueBy: '2026-12-01T00:00:00.000Z' }));
    index.apply(event('ReferenceRequestSubmitted', { requestId: 'r2', dueBy: '2026-12-01T00:00:00.000Z' }));
    index.apply(event('RequestCancelled', { requestId: 'r2' }));
    expect(index.due(later).map((i) => i.command)).toEqual([
      { type: 'LapseRequest', aggregateId: 'r1', data: {} },
    ]);
  });
});
