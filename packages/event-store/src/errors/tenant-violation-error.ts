import { EventStoreError, EventStoreErrorCode } from './event-store-error';

/** A call tried to write or read across tenants (e.g. an event whose metadata names another tenant). */
export class TenantViolationError extends EventStoreError {
  constructor(
    readonly tenantId: string,
    message: string,
  ) {
    super(EventStoreErrorCode.TENANT_VIOLATION, message);
  }
}
