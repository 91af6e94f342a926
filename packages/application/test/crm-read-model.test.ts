import { randomBytes } from 'node:crypto';
import {
  EngineEventStore,
  InMemoryWrappedKeyRepository,
  MasterKeyVault,
  type EventStore,
  type RecordedEvent,
} from '@vouch/event-store';
import { contractEvent } from '@vouch/event-store/testing';
import {
  createVouch,
  CrmInboxLog,
  CrmInbound,
  CrmReadModel,
  CRM_INBOX_EVENT_TYPES,
  type CrmEvent,
  type CrmInboxEntry,
  type CrmInboxStatus,
  type CrmReceipt,
  type Principal,
} from '../src';
import { recorded } from './support/process-manager-spec';
import { ScanCountingEngine } from './support/scan-counting-engine';

const TENANT = 't1';
const PM: Principal = { tenantId: TENANT, userId: 'pm', roles: ['PROGRAM_MANAGER'] };
const AT = '2026-05-01T10:00:00.000Z';

const departure = (eventId: string, contactId: string): CrmEvent => ({
  type: 'contact.left',
  eventId,
  occurredAt: AT,
  contact: { id: contactId, accountExternalId: 'acme' },
});
const receipt = (event: CrmEvent, status: CrmInboxStatus, reason?: string): CrmReceipt => ({
  eventId: event.eventId,
  type: event.type,
  status,
  ...(reason ? { reason } : {}),
  accountExternalId: 'acme',
  outcomes: [],
  at: AT,
});

/** The inbox as the log says, read the way it was before the read model (the reference path). */
async function inboxFromLog(store: EventStore, status: CrmInboxStatus): Promise<CrmInboxEntry[]> {
  const firsts = new Map<string, RecordedEvent>();
  const latest = new Map<string, CrmInboxEntry>();
  for (const event of await store.readAll(TENANT, { types: CRM_INBOX_EVENT_TYPES })) {
    const first = firsts.get(event.streamId) ?? event;
    firsts.set(event.streamId, first);
    const { receipt: r, event: crm } = event.data as unknown as { receipt: CrmReceipt; event: CrmEvent };
    const receivedAt = (first.data as unknown as { receipt: CrmReceipt }).receipt.at;
    latest.set(event.streamId, { ...r, event: crm, receivedAt });
  }
  return [...latest.values()].filter((e) => e.status === status);
}

function world() {
  const engine = new ScanCountingEngine();
  const store = new EngineEventStore(engine, {
    vault: new MasterKeyVault(randomBytes(32), new InMemoryWrappedKeyRepository()),
  });
  let ids = 0;
  const vouch = createVouch({ store, newId: () => `id-${(ids += 1)}` });
  const inbound = new CrmInbound(vouch);
  const log = new CrmInboxLog(store, () => `log-${(ids += 1)}`);
  /** Parks `n` CRM events, each after `filler` events of the rest of the program. */
  const history = async (n: number, filler: number, from = 0) => {
    for (let i = from; i < from + n; i += 1) {
      if (filler > 0)
        await store.append(
          TENANT,
          `other-${i}`,
          Array.from({ length: filler }, () => contractEvent(TENANT, 'Noted', {})),
          { expectedVersion: 'any' },
        );
      const event = departure(`crm-${i}`, `contact-${i}`);
      await log.write(TENANT, 'crm-integration', event, receipt(event, 'PARKED', 'UNKNOWN_ACCOUNT'), 0);
    }
  };
  return { engine, store, vouch, inbound, log, history };
}

describe('the CRM read model', () => {
  it('answers the inbox, the suggestions and the linked requests without reading the log, whatever its length', async () => {
    const perCall: Record<string, number[]> = { inbox: [], page: [], suggestions: [], linked: [] };
    for (const size of [20, 200]) {
      const w = world();
      await w.history(size, 9);
      await w.inbound.inbox(PM); // the first use catches the model up with the log, once
      const count = async (name: string, call: () => Promise<unknown>) => {
        const before = w.engine.examinedByAll;
        await call();
        perCall[name]!.push(w.engine.examinedByAll - before);
      };
      await count('inbox', () => w.inbound.inbox(PM));
      await count('page', () => w.inbound.inboxPage(PM, 'PARKED', { first: 5 }));
      await count('suggestions', () => w.inbound.nominationSuggestions(PM));
      await count('linked', async () => (await w.vouch.crmReadModel(TENANT)).requestsFor('opp-1'));
      // Two more events: the model reads exactly those (as they come, or when asked), not the history.
      await count('inbox', async () => {
        await w.history(1, 1, size);
        await w.inbound.inbox(PM);
      });
      expect((await w.inbound.inbox(PM)).length).toBe(size + 1);
      await w.vouch.stop();
      w.store.close();
    }
    expect(perCall).toEqual({ inbox: [0, 2, 0, 2], page: [0, 0], suggestions: [0, 0], linked: [0, 0] });
  });

  it('lists the inbox as the log says, through receipts, dismissals and retries', async () => {
    const w = world();
    await w.history(7, 1);
    const dismiss = async (i: number) => {
      const event = departure(`crm-${i}`, `contact-${i}`);
      await w.log.write(TENANT, 'pm', event, receipt(event, 'DISMISSED', 'spam'), 1);
    };
    const apply = async (i: number) => {
      const event = departure(`crm-${i}`, `contact-${i}`);
      await w.log.write(TENANT, 'crm-integration', event, receipt(event, 'APPLIED'), 1);
    };
    await dismiss(2);
    await apply(4);
    await dismiss(0);
    await w.history(2, 0, 7);
    for (const status of ['PARKED', 'APPLIED', 'DISMISSED'] as const) {
      expect(await w.inbound.inbox(PM, status)).toEqual(await inboxFromLog(w.store, status));
    }
    expect((await w.inbound.inbox(PM)).map((e) => e.eventId)).toEqual([
      'crm-1',
      'crm-3',
      'crm-5',
      'crm-6',
      'crm-7',
      'crm-8',
    ]);
    await w.vouch.stop();
    w.store.close();
  });

  it('pages the inbox forward and backward, oldest first, each entry once', async () => {
    const w = world();
    await w.history(11, 0);
    const forward: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await w.inbound.inboxPage(PM, 'PARKED', { first: 3, ...(after ? { after } : {}) });
      forward.push(...page.edges.map((e) => e.node.eventId));
      expect(page.totalCount).toBe(11);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== undefined);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const all = Array.from({ length: 11 }, (_, i) => `crm-${i}`);
    expect(forward).toEqual(all);
    const last = await w.inbound.inboxPage(PM, 'PARKED', { last: 4 });
    expect(last.edges.map((e) => e.node.eventId)).toEqual(all.slice(7));
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await w.inbound.inboxPage(PM, 'PARKED', { last: 2, before: last.pageInfo.startCursor! });
    expect(before.edges.map((e) => e.node.eventId)).toEqual(all.slice(5, 7));
    // A cursor of an entry no longer parked still marks its place.
    const [third] = (await w.inbound.inboxPage(PM, 'PARKED', { first: 3 })).edges.slice(2);
    const event = departure('crm-2', 'contact-2');
    await w.log.write(TENANT, 'pm', event, receipt(event, 'DISMISSED', 'spam'), 1);
    const next = await w.inbound.inboxPage(PM, 'PARKED', { first: 2, after: third!.cursor });
    expect(next.edges.map((e) => e.node.eventId)).toEqual(['crm-3', 'crm-4']);
    await w.vouch.stop();
    w.store.close();
  });

  it('refuses a crafted cursor and a reader who is neither admin nor program manager', async () => {
    const w = world();
    await w.history(2, 0);
    const crafted = Buffer.from("' OR 1=1 --").toString('base64url');
    await expect(w.inbound.inboxPage(PM, 'PARKED', { after: crafted })).rejects.toThrow(RangeError);
    await expect(w.inbound.inboxPage(PM, 'PARKED', { before: 'not base64 at all!' })).rejects.toThrow(
      RangeError,
    );
    await expect(
      w.inbound.inboxPage({ ...PM, roles: ['REQUESTER'] }, 'PARKED', { first: 1 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await w.vouch.stop();
    w.store.close();
  });

  it('indexes requests by opportunity, suggestions in order and the latest deal, and restores them from its snapshot', () => {
    const model = new CrmReadModel();
    const events = [
      recorded(1, 'ReferenceRequestSubmitted', { requestId: 'r1', opportunity: { opportunityId: 'o1' } }),
      recorded(2, 'ReferenceRequestSubmitted', { requestId: 'r2', opportunity: { opportunityId: 'o2' } }),
      recorded(3, 'ReferenceRequestSubmitted', { requestId: 'r3', opportunity: { opportunityId: 'o1' } }),
      recorded(4, 'AdvocateLeftAccount', { advocateId: 'a1', accountId: 'acme', leftAt: AT }),
      recorded(5, 'AdvocateLeftAccount', {
        advocateId: 'a2',
        accountId: 'acme',
        leftAt: AT,
        suggestedAccountId: 'globex',
      }),
    ];
    const deal = (n: number, occurredAt: string, stage: string, amount?: number): RecordedEvent => {
      const event = {
        type: 'opportunity.changed',
        eventId: `deal-${n}`,
        occurredAt,
        opportunity: {
          id: 'o1',
          accountExternalId: 'acme',
          stage,
          contactRoles: [],
          ...(amount ? { amount: { amount, currency: 'USD' } } : {}),
        },
      } as unknown as CrmEvent;
      return {
        ...recorded(n, 'CrmEventParked', { receipt: receipt(event, 'PARKED'), event }),
        streamId: `s${n}`,
      };
    };
    events.push(
      deal(6, '2026-05-02T00:00:00.000Z', 'PROPOSAL', 500),
      deal(7, '2026-05-01T00:00:00.000Z', 'DISCOVERY', 100), // older news, received later
      deal(8, '2026-05-02T00:00:00.000Z', 'NEGOTIATION', 900), // same time, received last
    );
    for (const event of events) model.apply(event);
    model.apply(events[0]!); // an event already applied changes nothing
    const copy = new CrmReadModel();
    copy.restore(JSON.parse(JSON.stringify(model.snapshot())));
    for (const m of [model, copy]) {
      expect(m.requestsFor('o1')).toEqual(['r1', 'r3']);
      expect(m.requestsFor('o3')).toEqual([]);
      expect(m.nominationSuggestions()).toEqual([
        { advocateId: 'a2', fromAccountId: 'acme', suggestedAccountId: 'globex', leftAt: AT },
      ]);
    }
    for (const m of [model, copy]) {
      expect(m.knownDeal('o1')).toEqual({ stage: 'NEGOTIATION', amount: { amount: 900, currency: 'USD' } });
      expect(m.knownDeal('o2')).toBeUndefined();
    }
    expect(copy.snapshot()).toEqual(model.snapshot());
  });
});
