import { isBefore, validated, type Instant } from '@vouch/domain';

/** A meeting provider's word on one scheduled reference call: did it take place? */
export interface AttendanceSignal {
  /** The provider's own id of this signal: a second delivery of it changes nothing. */
  readonly eventId: string;
  readonly requestId: string;
  readonly advocateId: string;
  readonly attended: boolean;
  readonly startedAt?: Instant;
  readonly endedAt?: Instant;
}

/** Reads a meeting provider's attendance signal; throws VALIDATION_FAILED listing every bad field. */
export function parseAttendanceSignal(value: unknown): AttendanceSignal {
  return validated((v): AttendanceSignal => {
    const body = v.object('body', value);
    const startedAt = v.optionalInstant('startedAt', body.startedAt);
    const endedAt = v.optionalInstant('endedAt', body.endedAt);
    if (startedAt !== undefined && endedAt !== undefined && isBefore(endedAt, startedAt))
      v.fail('endedAt', 'must not be before startedAt');
    if (typeof body.attended !== 'boolean') v.fail('attended', 'must be true or false');
    return {
      eventId: v.id('eventId', body.eventId),
      requestId: v.id('requestId', body.requestId),
      advocateId: v.id('advocateId', body.advocateId),
      attended: body.attended === true,
      ...(startedAt !== undefined ? { startedAt } : {}),
      ...(endedAt !== undefined ? { endedAt } : {}),
    };
  });
}
