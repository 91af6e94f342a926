import type { EventStore } from '@vouch/event-store';
import type { CommandResult, Principal, Vouch, VouchCommand } from '../../src';
import {
  eventually,
  type AdvocateFixture,
  type PrivacyDriver,
} from '../../../../test/support/privacy-program';

/** The privacy program's commands through the facade, and a nomination left undecided. */
export interface FacadePrivacyDriver extends PrivacyDriver {
  /** An account owner nominates the advocate; nobody decides on it. */
  nominate(advocate: AdvocateFixture, accountId: string): Promise<CommandResult>;
}

/** The privacy program's commands through the facade, as an embedding service issues them. */
export function facadePrivacyDriver(vouch: Vouch, store: EventStore, tenantId: string): FacadePrivacyDriver {
  const pm: Principal = { tenantId, userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] };
  const owner: Principal = { tenantId, userId: 'olga-ae', roles: ['ACCOUNT_OWNER'] };
  const admin: Principal = { tenantId, userId: 'ada-admin', roles: ['ADMIN'] };
  let ids = 0;
  const run = (principal: Principal, command: Omit<VouchCommand, 'commandId'> & { commandId?: string }) =>
    vouch.execute(principal, { commandId: `privacy-${++ids}`, ...command } as VouchCommand);
  const nomination = (advocate: AdvocateFixture, name: string, accountId: string) =>
    ({
      type: 'SubmitNomination',
      commandId: advocate.nominationCommandId,
      data: {
        nominationId: advocate.nominationId,
        accountId,
        candidateId: advocate.id,
        ...advocate.contact,
        name,
        seniority: 'DIRECTOR',
        products: ['Planner'],
        useCases: ['planning'],
        languages: ['en'],
        topics: [advocate.topic],
        evidenceKind: 'NPS_PROMOTER',
        evidence: advocate.evidence,
      },
    }) as VouchCommand;

  return {
    async registerAccount(accountId) {
      await run(owner, {
        type: 'RegisterAccount',
        data: {
          accountId,
          name: 'Northwind Traders',
          industry: 'Logistics',
          segment: 'ENTERPRISE',
          region: 'EMEA',
          products: ['Planner'],
          ownerId: 'olga-ae',
        },
      } as VouchCommand);
      await run(owner, {
        type: 'RecordAccountHealth',
        aggregateId: accountId,
        data: { healthScore: 91 },
      } as VouchCommand);
    },
    nominate: (advocate, accountId) =>
      vouch.execute(owner, nomination(advocate, advocate.contact.name, accountId)),
    async enrol(advocate, accountId) {
      await vouch.execute(owner, nomination(advocate, advocate.contact.name, accountId));
      await run(pm, {
        type: 'ApproveNomination',
        aggregateId: advocate.nominationId,
        data: {},
      } as VouchCommand);
      await eventually(async () =>
        expect(await store.streamVersion(tenantId, `advocate-${advocate.id}`)).toBe(1),
      );
      await run(pm, { type: 'ActivateAdvocate', aggregateId: advocate.id, data: {} } as VouchCommand);
    },
    async updateContact(advocateId, contact) {
      await run(pm, {
        type: 'UpdateAdvocateContact',
        aggregateId: advocateId,
        data: { ...contact },
      } as VouchCommand);
    },
    async nameSeenByProgram(advocateId) {
      const view = await vouch.queries.advocate(pm, advocateId);
      return view?.view === 'FULL' ? view.contact?.name : undefined;
    },
    async requestErasure(advocateId) {
      await run(admin, {
        type: 'RequestErasure',
        aggregateId: advocateId,
        data: { reason: 'GDPR Art. 17 request received by the privacy team.' },
      } as VouchCommand);
    },
    async placeLegalHold(advocateId, holdId) {
      await run(admin, {
        type: 'PlaceLegalHold',
        aggregateId: advocateId,
        data: { holdId, matter: 'Contract dispute 2026-17' },
      } as VouchCommand);
    },
    async releaseLegalHold(advocateId, holdId) {
      await run(admin, {
        type: 'ReleaseLegalHold',
        aggregateId: advocateId,
        data: { holdId, reason: 'Dispute settled.' },
      } as VouchCommand);
    },
    async replayNomination(advocate, name, accountId) {
      try {
        return { result: await vouch.execute(owner, nomination(advocate, name, accountId)) };
      } catch (error) {
        const e = error as Error & { code?: string };
        return { error: e.name, code: e.code, message: e.message };
      }
    },
    async erasedInStore(advocateId) {
      const [enrolled] = await store.readStream(tenantId, `advocate-${advocateId}`, { limit: 1 });
      return enrolled?.personalData.status === 'erased';
    },
  };
}
