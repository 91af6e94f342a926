import type { VouchCommand } from '../../src';

/**
 * A rep's reference-call request for Manufacturing/EMEA/Planner, German speakers, due
 * 2026-12-07, with a command id derived from the request id (so a repeat is idempotent);
 * `data` overrides any field (the amount, notes with personal data to prove it never leaks).
 */
export function submitRequestCommand(requestId: string, data: Record<string, unknown> = {}): VouchCommand {
  return {
    type: 'SubmitReferenceRequest',
    commandId: `submit-${requestId}`,
    data: {
      requestId,
      department: 'SALES',
      kind: 'REFERENCE_CALL',
      advocatesNeeded: 1,
      opportunity: {
        opportunityId: `opp-${requestId}`,
        stage: 'EVALUATION',
        amount: { amount: 1000, currency: 'EUR' },
        industry: 'Manufacturing',
        region: 'EMEA',
        products: ['Planner'],
      },
      criteria: { languages: ['de'], territory: 'EMEA', channel: 'PRIVATE' },
      dueBy: '2026-12-07T09:00:00.000Z',
      ...data,
    },
  };
}
