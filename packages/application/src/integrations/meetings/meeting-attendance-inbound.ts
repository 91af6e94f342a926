import { createHash } from 'node:crypto';
import {
  DomainError,
  DomainErrorCode,
  evolveReferenceRequest,
  initialReferenceRequestState,
  type Candidate,
  type ReferenceRequestEvent,
  type ReferenceRequestState,
} from '@vouch/domain';
import { streamIdOf } from '../../commands/stream-ids';
import type { Vouch } from '../../facade/create-vouch';
import type { Principal } from '../../principal';
import type { AttendanceSignal } from './attendance-signal';

/** The user a meeting provider acts as: the program's own integration, with a program manager's gates. */
export const MEETING_INTEGRATION_USER = 'meeting-integration';

/** The answer to one attendance signal. */
export interface AttendanceReceipt {
  readonly eventId: string;
  readonly requestId: string;
  readonly advocateId: string;
  /** CONFIRMED: the provider's attendance was recorded; NOTED: no-show, nothing recorded (due work marks it MISSED). */
  readonly status: 'CONFIRMED' | 'NOTED';
  /** The signal was delivered before (same provider event id): nothing more was written. */
  readonly duplicate: boolean;
}

/** The command id of a provider's signal: stable, so a second delivery is the facade's duplicate. */
export const attendanceCommandId = (eventId: string): string =>
  `meeting-${createHash('sha256').update(eventId).digest('hex').slice(0, 32)}`;

/**
 * Turns a meeting provider's attendance signal into `ConfirmAttendance` with party
 * MEETING_PROVIDER, through the facade (the request's rules decide: a picked call that began,
 * once per party). A no-show confirms nothing: the call becomes MISSED by due work after the grace.
 */
export class MeetingAttendanceInbound {
  constructor(private readonly vouch: Vouch) {}

  /**
   * Applies one signal, reading the request's stream once; a domain refusal (no such request,
   * no picked slot…) is thrown as is, nothing written.
   */
  async receive(tenantId: string, signal: AttendanceSignal): Promise<AttendanceReceipt> {
    const { eventId, requestId, advocateId } = signal;
    if (!signal.attended) {
      // Nothing is written for a no-show: the request's stream is read here only, to check the call.
      requirePickedCall(candidateOf(await this.requestOf(tenantId, requestId), advocateId), requestId);
      return { eventId, requestId, advocateId, status: 'NOTED', duplicate: false };
    }
    // The request's rules refuse a missing request, a non-candidate or an unpicked call (NOT_FOUND,
    // INVALID_TRANSITION), reading the stream once for the decision: no pre-check reads it again.
    const result = await this.vouch.execute(this.principal(tenantId), {
      type: 'ConfirmAttendance',
      commandId: attendanceCommandId(eventId),
      aggregateId: requestId,
      data: { advocateId, party: 'MEETING_PROVIDER' },
    });
    return { eventId, requestId, advocateId, status: 'CONFIRMED', duplicate: result.duplicate };
  }

  private principal(tenantId: string): Principal {
    return { tenantId, userId: MEETING_INTEGRATION_USER, roles: ['PROGRAM_MANAGER'] };
  }

  /** The request as its stream says now (not the read side, which may lag); NOT_FOUND when there is none. */
  private async requestOf(tenantId: string, requestId: string): Promise<ReferenceRequestState> {
    const events = await this.vouch.store.readStream(tenantId, streamIdOf('ReferenceRequest', requestId));
    if (events.length === 0)
      throw new DomainError(DomainErrorCode.NOT_FOUND, `Request ${requestId} does not exist.`, { requestId });
    return events.reduce(
      (s, e) => evolveReferenceRequest(s, e as unknown as ReferenceRequestEvent),
      initialReferenceRequestState,
    );
  }
}

/** The advocate on the request; NOT_FOUND when they were never a candidate of it. */
function candidateOf(request: ReferenceRequestState, advocateId: string): Candidate {
  const candidate = { ...request.candidates }[advocateId];
  if (!candidate) {
    throw new DomainError(
      DomainErrorCode.NOT_FOUND,
      `Advocate ${advocateId} is not a candidate of ${request.requestId}.`,
      { requestId: request.requestId, advocateId },
    );
  }
  return candidate;
}

/** A no-show must still name a call Vouch scheduled: a picked slot, not yet completed or missed. */
function requirePickedCall(candidate: Candidate, requestId: string): void {
  if (candidate.status !== 'SCHEDULED' || !candidate.schedule?.picked) {
    throw new DomainError(
      DomainErrorCode.INVALID_TRANSITION,
      `No call of ${candidate.advocateId} on ${requestId} is scheduled (${candidate.status}).`,
      { requestId, advocateId: candidate.advocateId, from: candidate.status },
    );
  }
}
