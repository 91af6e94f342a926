import { createHash, randomUUID } from 'node:crypto';
import { DomainError, DomainErrorCode, hasRole, type Instant } from '@vouch/domain';
import { systemClock, type Clock } from '@vouch/event-store';
import type { Vouch } from '../../facade/create-vouch';
import type { Principal } from '../../principal';
import type { VouchCommand } from '../../commands/vouch-command';
import { streamIdOf } from '../../commands/stream-ids';
import {
  accountOfCrmEvent,
  vouchStageOf,
  type CrmContactLeft,
  type CrmEvent,
  type CrmOpportunityChanged,
} from './crm-event';
import {
  CrmInboxLog,
  type CrmCommandOutcome,
  type CrmInboxEntry,
  type CrmInboxStatus,
  type CrmReceipt,
} from './crm-inbox-log';
import type { Connection, PageRequest } from '@vouch/projections';
import type { CrmReadModel, NominationSuggestion } from './crm-read-model';

/** The user the CRM acts as: the program's own integration, with a program manager's gates. */
export const CRM_INTEGRATION_USER = 'crm-integration';

/** The answer to one delivery: the receipt, and whether it was an earlier delivery's. */
export interface CrmDelivery {
  readonly receipt: CrmReceipt;
  readonly duplicate: boolean;
}

const stepId = (eventId: string, step: string): string =>
  `crm-${createHash('sha256').update(`${eventId}\n${step}`).digest('hex').slice(0, 32)}`;

/** The id of the request a CRM event opens (stable, so a retry opens the same one). */
export const requestIdForCrmEvent = (eventId: string): string => stepId(eventId, 'request');

function requireProgramOrAdmin(principal: Principal, what: string): void {
  if (!hasRole(principal, 'PROGRAM_MANAGER') && !hasRole(principal, 'ADMIN')) {
    throw new DomainError(DomainErrorCode.FORBIDDEN, `Only a program manager or an admin may ${what}.`, {
      requiredRole: 'PROGRAM_MANAGER',
    });
  }
}

/**
 * Turns inbound CRM events into Vouch commands through the facade (every gate holds):
 * outcomes on the opportunity's requests, account health, a request opened when asked, a
 * champion's departure. Idempotent by the CRM's event id; an event for an account Vouch does
 * not know yet is parked, retried when the account appears, or dismissed by hand.
 */
export class CrmInbound {
  private readonly log: CrmInboxLog;
  private readonly clock: Clock;

  constructor(
    private readonly vouch: Vouch,
    options: { clock?: Clock; newId?: () => string } = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.log = new CrmInboxLog(vouch.store, options.newId ?? randomUUID);
  }

  /** Handles one delivery; a second delivery of the same event id answers the first receipt and writes nothing. */
  async receive(tenantId: string, event: CrmEvent): Promise<CrmDelivery> {
    const earlier = await this.log.receiptOf(tenantId, event.eventId);
    if (earlier) return { receipt: receiptOf(earlier.entry), duplicate: true };
    const receipt = await this.process(tenantId, event);
    const { receipt: stored, written } = await this.log.write(
      tenantId,
      CRM_INTEGRATION_USER,
      event,
      receipt,
      0,
    );
    return { receipt: stored, duplicate: !written };
  }

  /** Retries every parked event (or one) whose account now exists; returns the receipts that changed. */
  async retryParked(tenantId: string, eventId?: string): Promise<CrmReceipt[]> {
    const parked = (await this.readModel(tenantId))
      .entries('PARKED')
      .filter((e) => eventId === undefined || e.eventId === eventId);
    const changed: CrmReceipt[] = [];
    for (const entry of parked) {
      const current = await this.log.receiptOf(tenantId, entry.eventId);
      if (current?.entry.status !== 'PARKED') continue;
      const receipt = await this.process(tenantId, entry.event);
      if (receipt.status === 'PARKED') continue;
      const { written } = await this.log.write(
        tenantId,
        CRM_INTEGRATION_USER,
        entry.event,
        receipt,
        current.version,
      );
      if (written) changed.push(receipt);
    }
    return changed;
  }

  /** The inbox as ADMIN and PM see it: every event in a status (default parked), oldest first. */
  async inbox(principal: Principal, status: CrmInboxStatus = 'PARKED'): Promise<CrmInboxEntry[]> {
    requireProgramOrAdmin(principal, 'read the CRM inbox');
    return (await this.readModel(principal.tenantId)).entries(status);
  }

  /** A Relay page of the inbox in a status, oldest first (ADMIN and PM); a crafted cursor is a RangeError. */
  async inboxPage(
    principal: Principal,
    status: CrmInboxStatus,
    page: PageRequest,
  ): Promise<Connection<CrmInboxEntry>> {
    requireProgramOrAdmin(principal, 'read the CRM inbox');
    return (await this.readModel(principal.tenantId)).page(status, page);
  }

  /** An admin or program manager resolves a parked event by hand: retry it now, or dismiss it with a reason. */
  async resolve(
    principal: Principal,
    eventId: string,
    resolution: { action: 'RETRY' } | { action: 'DISMISS'; reason: string },
  ): Promise<CrmReceipt> {
    requireProgramOrAdmin(principal, 'resolve a parked CRM event');
    const current = await this.log.receiptOf(principal.tenantId, eventId);
    if (!current)
      throw new DomainError(DomainErrorCode.NOT_FOUND, `No CRM event ${eventId} was received.`, {});
    if (current.entry.status !== 'PARKED') {
      throw new DomainError(
        DomainErrorCode.INVALID_TRANSITION,
        `CRM event ${eventId} is ${current.entry.status}; only a parked event can be resolved.`,
        { from: current.entry.status },
      );
    }
    if (resolution.action === 'RETRY') {
      const [changed] = await this.retryParked(principal.tenantId, eventId);
      return changed ?? receiptOf(current.entry);
    }
    const dismissed: CrmReceipt = {
      ...receiptOf(current.entry),
      status: 'DISMISSED',
      reason: resolution.reason,
      at: this.clock(),
    };
    const { receipt } = await this.log.write(
      principal.tenantId,
      principal.userId,
      current.entry.event,
      dismissed,
      current.version,
    );
    return receipt;
  }

  /** Champions who joined a company that is a known account: nominations the program may want to start. */
  async nominationSuggestions(principal: Principal): Promise<NominationSuggestion[]> {
    requireProgramOrAdmin(principal, 'read nomination suggestions');
    return [...(await this.readModel(principal.tenantId)).nominationSuggestions()];
  }

  /** The integration's read model of a tenant, with everything written so far applied. */
  private readModel(tenantId: string): Promise<CrmReadModel> {
    return this.vouch.crmReadModel(tenantId);
  }

  private principal(tenantId: string): Principal {
    return { tenantId, userId: CRM_INTEGRATION_USER, roles: ['PROGRAM_MANAGER'] };
  }

  private async accountExists(tenantId: string, accountId: string): Promise<boolean> {
    return (await this.vouch.queries.account(this.principal(tenantId), accountId)) !== undefined;
  }

  private async process(tenantId: string, event: CrmEvent): Promise<CrmReceipt> {
    const accountExternalId = accountOfCrmEvent(event);
    const base = { eventId: event.eventId, type: event.type, accountExternalId, at: this.clock() };
    if (!(await this.accountExists(tenantId, accountExternalId))) {
      return { ...base, status: 'PARKED', reason: 'UNKNOWN_ACCOUNT', outcomes: [] };
    }
    const outcomes =
      event.type === 'contact.left'
        ? await this.applyDeparture(tenantId, event)
        : await this.applyOpportunity(tenantId, event);
    return { ...base, status: 'APPLIED', outcomes };
  }

  /** Runs one derived command; a domain refusal is an outcome (the CRM sees why), anything else fails the delivery. */
  private async run(tenantId: string, command: VouchCommand): Promise<CrmCommandOutcome> {
    const aggregateId = command.aggregateId ?? '';
    try {
      const result = await this.vouch.execute(this.principal(tenantId), command);
      return {
        command: command.type,
        aggregateId: result.aggregateId,
        result: result.duplicate ? 'UNCHANGED' : 'DONE',
      };
    } catch (error) {
      if (error instanceof DomainError) return { command: command.type, aggregateId, result: error.code };
      throw error;
    }
  }

  private async applyOpportunity(
    tenantId: string,
    event: CrmOpportunityChanged,
  ): Promise<CrmCommandOutcome[]> {
    const { opportunity } = event;
    const accountId = opportunity.accountExternalId;
    const outcomes: CrmCommandOutcome[] = [];
    if (event.accountHealth) {
      outcomes.push(
        await this.run(tenantId, {
          type: 'RecordAccountHealth',
          commandId: stepId(event.eventId, 'health'),
          aggregateId: accountId,
          data: { ...event.accountHealth },
        }),
      );
    }
    if (event.accountRenewal) outcomes.push(await this.applyRenewal(tenantId, event, event.accountRenewal));
    if (opportunity.stage === 'CLOSED_WON' || opportunity.stage === 'CLOSED_LOST') {
      const result = opportunity.stage === 'CLOSED_WON' ? 'WON' : 'LOST';
      for (const requestId of [...(await this.readModel(tenantId)).requestsFor(opportunity.id)]) {
        outcomes.push(
          await this.run(tenantId, {
            type: 'RecordOutcome',
            commandId: stepId(event.eventId, `outcome:${requestId}`),
            aggregateId: requestId,
            data: {
              result,
              ...(opportunity.amount ? { amount: opportunity.amount } : {}),
              note: `From the CRM: opportunity ${opportunity.id} closed ${result.toLowerCase()}.`,
            },
          }),
        );
      }
    }
    const ask = event.openRequest;
    if (ask && opportunity.amount) {
      outcomes.push(
        await this.run(tenantId, {
          type: 'SubmitReferenceRequest',
          commandId: stepId(event.eventId, 'open'),
          data: {
            requestId: requestIdForCrmEvent(event.eventId),
            department: 'SALES',
            kind: ask.kind,
            advocatesNeeded: ask.advocatesNeeded,
            opportunity: {
              opportunityId: opportunity.id,
              stage: vouchStageOf(opportunity.stage),
              amount: opportunity.amount,
              industry: ask.industry,
              region: ask.region,
              products: [...ask.products],
            },
            criteria: {
              industries: [ask.industry],
              regions: [ask.region],
              products: [...ask.products],
              territory: ask.territory,
              channel: ask.channel,
            },
            dueBy: ask.dueBy,
          },
        }),
      );
    }
    return outcomes;
  }

  /** Sets the account's renewal date when it differs from the one Vouch holds (else UNCHANGED, nothing written). */
  private async applyRenewal(
    tenantId: string,
    event: CrmOpportunityChanged,
    renewal: { readonly renewalAt: Instant },
  ): Promise<CrmCommandOutcome> {
    const accountId = event.opportunity.accountExternalId;
    const current = await currentRenewal(this.vouch, tenantId, accountId);
    if (current !== undefined && Date.parse(current) === Date.parse(renewal.renewalAt))
      return { command: 'SetAccountRenewal', aggregateId: accountId, result: 'UNCHANGED' };
    return this.run(tenantId, {
      type: 'SetAccountRenewal',
      commandId: stepId(event.eventId, 'renewal'),
      aggregateId: accountId,
      data: { renewalAt: renewal.renewalAt },
    });
  }

  private async applyDeparture(tenantId: string, event: CrmContactLeft): Promise<CrmCommandOutcome[]> {
    const { contact } = event;
    // The CRM contact id is the advocate id (docs/crm-mapping.md); most contacts are no advocates.
    const [enrolled] = await this.vouch.store.readStream(tenantId, streamIdOf('Advocate', contact.id), {
      limit: 1,
    });
    const accountId = (enrolled?.data as { accountId?: string } | undefined)?.accountId;
    if (accountId === undefined)
      return [{ command: 'RecordAdvocateDeparture', aggregateId: contact.id, result: 'NOT_AN_ADVOCATE' }];
    if (accountId !== contact.accountExternalId) {
      return [{ command: 'RecordAdvocateDeparture', aggregateId: contact.id, result: 'NOT_AT_THIS_ACCOUNT' }];
    }
    const newAccount = contact.newAccountExternalId;
    const known = newAccount !== undefined && (await this.accountExists(tenantId, newAccount));
    return [
      await this.run(tenantId, {
        type: 'RecordAdvocateDeparture',
        commandId: stepId(event.eventId, 'departure'),
        aggregateId: contact.id,
        data: {
          ...(contact.leftAt !== undefined ? { leftAt: contact.leftAt } : {}),
          ...(known ? { newAccountId: newAccount } : {}),
        },
      }),
    ];
  }
}

/** The renewal date last set on an account, if any (account streams are short). */
async function currentRenewal(
  vouch: Vouch,
  tenantId: string,
  accountId: string,
): Promise<Instant | undefined> {
  const events = await vouch.store.readStream(tenantId, streamIdOf('Account', accountId));
  const last = events.filter((e) => e.type === 'AccountRenewalSet').at(-1);
  return (last?.data as { renewalAt?: Instant } | undefined)?.renewalAt;
}

function receiptOf(entry: CrmInboxEntry): CrmReceipt {
  const { event: _event, receivedAt: _at, ...receipt } = entry;
  return receipt;
}
