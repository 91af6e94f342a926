import {
  ACTIVITY_KINDS,
  CHANNELS,
  OPPORTUNITY_STAGES,
  validated,
  type ActivityKind,
  type Channel,
  type Instant,
  type Money,
  type OpportunityStage,
  type Validator,
} from '@vouch/domain';

/** A CRM stage: one of Vouch's open stages, or closed won / lost. */
export const CRM_STAGES = [...OPPORTUNITY_STAGES, 'CLOSED_WON', 'CLOSED_LOST'] as const;
export type CrmStage = (typeof CRM_STAGES)[number];

/** A contact's role on an opportunity (Salesforce OpportunityContactRole): ids only, never names. */
export interface CrmContactRole {
  readonly contactId: string;
  readonly role: string;
  readonly isPrimary: boolean;
}

/** A request the CRM asks Vouch to open for the opportunity. */
export interface CrmRequestAsk {
  readonly kind: ActivityKind;
  readonly advocatesNeeded: number;
  readonly dueBy: Instant;
  readonly industry: string;
  readonly region: string;
  readonly territory: string;
  readonly channel: Channel;
  readonly products: readonly string[];
}

/** An opportunity changed in the CRM (Salesforce Opportunity + its account and contact roles). */
export interface CrmOpportunityChanged {
  readonly type: 'opportunity.changed';
  readonly eventId: string;
  readonly occurredAt: Instant;
  readonly opportunity: {
    readonly id: string;
    readonly accountExternalId: string;
    readonly stage: CrmStage;
    readonly amount?: Money;
    readonly closeDate?: Instant;
    readonly contactRoles: readonly CrmContactRole[];
  };
  /** Customer-success measures of the account, when the CRM carries them. */
  readonly accountHealth?: { readonly healthScore: number; readonly nps?: number; readonly csat?: number };
  /** The account's next renewal (e.g. Contract.EndDate), when the CRM carries it. */
  readonly accountRenewal?: { readonly renewalAt: Instant };
  readonly openRequest?: CrmRequestAsk;
}

/** A contact left the account's company (champion job change). */
export interface CrmContactLeft {
  readonly type: 'contact.left';
  readonly eventId: string;
  readonly occurredAt: Instant;
  readonly contact: {
    readonly id: string;
    readonly accountExternalId: string;
    readonly leftAt?: Instant;
    /** The company they joined, when the CRM knows it as an account. */
    readonly newAccountExternalId?: string;
  };
}

/** Every inbound CRM event Vouch understands. */
export type CrmEvent = CrmOpportunityChanged | CrmContactLeft;

export const CRM_EVENT_TYPES = ['opportunity.changed', 'contact.left'] as const;

/** The account an inbound event concerns: unknown accounts park the event. */
export function accountOfCrmEvent(event: CrmEvent): string {
  return event.type === 'opportunity.changed'
    ? event.opportunity.accountExternalId
    : event.contact.accountExternalId;
}

function readContactRoles(v: Validator, value: unknown): CrmContactRole[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 100) {
    v.fail('opportunity.contactRoles', 'must be a list of at most 100 contact roles');
    return [];
  }
  return value.map((item: unknown, i) => {
    const role = v.object(`opportunity.contactRoles[${i}]`, item);
    return {
      contactId: v.id(`opportunity.contactRoles[${i}].contactId`, role.contactId),
      role: v.text(`opportunity.contactRoles[${i}].role`, role.role, { max: 80 }),
      isPrimary: v.boolean(`opportunity.contactRoles[${i}].isPrimary`, role.isPrimary, false),
    };
  });
}

function readRequestAsk(v: Validator, value: unknown): CrmRequestAsk {
  const ask = v.object('openRequest', value);
  return {
    kind: v.oneOf('openRequest.kind', ask.kind, ACTIVITY_KINDS),
    advocatesNeeded: v.integer('openRequest.advocatesNeeded', ask.advocatesNeeded ?? 1, { min: 1, max: 10 }),
    dueBy: v.instant('openRequest.dueBy', ask.dueBy),
    industry: v.text('openRequest.industry', ask.industry, { max: 80 }),
    region: v.text('openRequest.region', ask.region, { max: 80 }),
    territory: v.text('openRequest.territory', ask.territory ?? 'GLOBAL', { max: 80 }).toUpperCase(),
    channel: v.oneOf('openRequest.channel', ask.channel ?? 'PRIVATE', CHANNELS),
    products: v.tags('openRequest.products', ask.products ?? []),
  };
}

function readOpenRequest(v: Validator, value: unknown, amount: Money | undefined): CrmRequestAsk {
  // A request states the deal's size: opening one needs the opportunity's amount.
  if (amount === undefined) v.fail('opportunity.amount', 'is required to open a request');
  return readRequestAsk(v, value);
}

function readOpportunityChanged(v: Validator, body: Record<string, unknown>) {
  const o = v.object('opportunity', body.opportunity);
  const health = body.accountHealth === undefined ? undefined : v.object('accountHealth', body.accountHealth);
  const renewal =
    body.accountRenewal === undefined ? undefined : v.object('accountRenewal', body.accountRenewal);
  const amount = v.optionalMoney('opportunity.amount', o.amount);
  const closeDate = v.optionalInstant('opportunity.closeDate', o.closeDate);
  const nps = health && v.optionalInteger('accountHealth.nps', health.nps, { min: -100, max: 100 });
  const csat = health && v.optionalNumber('accountHealth.csat', health.csat, { min: 0, max: 100 });
  return {
    opportunity: {
      id: v.id('opportunity.id', o.id),
      accountExternalId: v.id('opportunity.accountExternalId', o.accountExternalId),
      stage: v.oneOf('opportunity.stage', o.stage, CRM_STAGES),
      ...(amount !== undefined ? { amount } : {}),
      ...(closeDate !== undefined ? { closeDate } : {}),
      contactRoles: readContactRoles(v, o.contactRoles),
    },
    ...(health
      ? {
          accountHealth: {
            healthScore: v.integer('accountHealth.healthScore', health.healthScore, { min: 0, max: 100 }),
            ...(nps !== undefined ? { nps } : {}),
            ...(csat !== undefined ? { csat } : {}),
          },
        }
      : {}),
    ...(renewal
      ? { accountRenewal: { renewalAt: v.instant('accountRenewal.renewalAt', renewal.renewalAt) } }
      : {}),
    ...(body.openRequest !== undefined ? { openRequest: readOpenRequest(v, body.openRequest, amount) } : {}),
  };
}

function readContactLeft(v: Validator, body: Record<string, unknown>) {
  const c = v.object('contact', body.contact);
  const leftAt = v.optionalInstant('contact.leftAt', c.leftAt);
  const newAccount =
    c.newAccountExternalId === undefined
      ? undefined
      : v.id('contact.newAccountExternalId', c.newAccountExternalId);
  return {
    contact: {
      id: v.id('contact.id', c.id),
      accountExternalId: v.id('contact.accountExternalId', c.accountExternalId),
      ...(leftAt !== undefined ? { leftAt } : {}),
      ...(newAccount !== undefined ? { newAccountExternalId: newAccount } : {}),
    },
  };
}

/**
 * Reads an inbound CRM event, keeping only the fields Vouch uses (ids, stages, amounts, dates:
 * never a contact's name or address). Throws VALIDATION_FAILED listing every bad field.
 */
export function parseCrmEvent(value: unknown): CrmEvent {
  return validated((v): CrmEvent => {
    const body = v.object('body', value);
    const type = v.oneOf('type', body.type, CRM_EVENT_TYPES);
    const eventId = v.id('eventId', body.eventId);
    const occurredAt = v.instant('occurredAt', body.occurredAt);
    if (type === 'contact.left') return { type, eventId, occurredAt, ...readContactLeft(v, body) };
    return { type: 'opportunity.changed', eventId, occurredAt, ...readOpportunityChanged(v, body) };
  });
}

/** The Vouch stage of a CRM stage; a closed deal was last at CLOSING. */
export function vouchStageOf(stage: CrmStage): OpportunityStage {
  return stage === 'CLOSED_WON' || stage === 'CLOSED_LOST' ? 'CLOSING' : stage;
}
