import type { EventStore } from '@vouch/event-store';
import {
  eventually,
  type AdvocateFixture,
  type PrivacyDriver,
} from '../../../../test/support/privacy-program';
import { graphql, newCommandId } from './graphql-client';
import { mustMutate, mutate } from './mutations';
import { tokenFor } from './tokens';

/** The privacy program's commands over HTTP, and a nomination left undecided. */
export interface HttpPrivacyDriver extends PrivacyDriver {
  /** An account owner nominates the advocate; nobody decides on it. Returns the nomination's checkpoint. */
  nominate(advocate: AdvocateFixture, accountId: string): Promise<string | null>;
}

/** The privacy program's commands as GraphQL mutations over HTTP, each role with its own token. */
export async function httpPrivacyDriver(
  url: string,
  store: EventStore,
  tenantId: string,
): Promise<HttpPrivacyDriver> {
  const pm = await tokenFor(tenantId, 'pat-pm', ['PROGRAM_MANAGER']);
  const owner = await tokenFor(tenantId, 'olga-ae', ['ACCOUNT_OWNER']);
  const admin = await tokenFor(tenantId, 'ada-admin', ['ADMIN']);
  const nomination = (advocate: AdvocateFixture, name: string, accountId: string) => ({
    commandId: advocate.nominationCommandId,
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
  });

  return {
    async nominate(advocate, accountId) {
      const payload = await mustMutate(
        url,
        owner,
        'submitNomination',
        nomination(advocate, advocate.contact.name, accountId),
      );
      return payload.checkpoint;
    },
    async registerAccount(accountId) {
      await mustMutate(url, owner, 'registerAccount', {
        commandId: newCommandId(),
        accountId,
        name: 'Northwind Traders',
        industry: 'Logistics',
        segment: 'ENTERPRISE',
        region: 'EMEA',
        products: ['Planner'],
        ownerId: 'olga-ae',
      });
      await mustMutate(url, owner, 'recordAccountHealth', {
        commandId: newCommandId(),
        accountId,
        healthScore: 91,
      });
    },
    async enrol(advocate, accountId) {
      await mustMutate(
        url,
        owner,
        'submitNomination',
        nomination(advocate, advocate.contact.name, accountId),
      );
      await mustMutate(url, pm, 'approveNomination', {
        commandId: newCommandId(),
        nominationId: advocate.nominationId,
      });
      await eventually(async () =>
        expect(await store.streamVersion(tenantId, `advocate-${advocate.id}`)).toBe(1),
      );
      await mustMutate(url, pm, 'activateAdvocate', { commandId: newCommandId(), advocateId: advocate.id });
    },
    async updateContact(advocateId, contact) {
      await mustMutate(url, pm, 'updateAdvocateContact', {
        commandId: newCommandId(),
        advocateId,
        ...contact,
      });
    },
    async nameSeenByProgram(advocateId) {
      const response = await graphql<{ advocate: { view: string; contact: { name: string } | null } | null }>(
        url,
        'query($id: ID!) { advocate(advocateId: $id) { view contact { name email phone title } } }',
        { id: advocateId },
        pm,
      );
      if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
      return response.body.data?.advocate?.contact?.name ?? undefined;
    },
    async requestErasure(advocateId) {
      await mustMutate(url, admin, 'requestErasure', {
        commandId: newCommandId(),
        advocateId,
        reason: 'GDPR Art. 17 request received by the privacy team.',
      });
    },
    async placeLegalHold(advocateId, holdId) {
      await mustMutate(url, admin, 'placeLegalHold', {
        commandId: newCommandId(),
        advocateId,
        holdId,
        matter: 'Contract dispute 2026-17',
      });
    },
    async releaseLegalHold(advocateId, holdId) {
      await mustMutate(url, admin, 'releaseLegalHold', {
        commandId: newCommandId(),
        advocateId,
        holdId,
        reason: 'Dispute settled.',
      });
    },
    async replayNomination(advocate, name, accountId) {
      const response = await mutate(url, owner, 'submitNomination', nomination(advocate, name, accountId));
      return {
        status: response.status,
        data: response.body.data ?? null,
        errors: response.body.errors ?? [],
      };
    },
    async erasedInStore(advocateId) {
      const [enrolled] = await store.readStream(tenantId, `advocate-${advocateId}`, { limit: 1 });
      return enrolled?.personalData.status === 'erased';
    },
  };
}
