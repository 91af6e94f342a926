import { addDays, type Instant } from '@vouch/domain';
import { eventually } from './program-story';
import { newCommandId as id } from './graphql-client';
import { mustMutate } from './mutations';
import type { TestServer } from './test-server';

/** An account `accountId` owned by olga-ae, with health 90, as its owner registers it over HTTP. */
export async function registerAccount(t: TestServer, owner: string, accountId: string): Promise<void> {
  await mustMutate(t.url, owner, 'registerAccount', {
    commandId: id(),
    accountId,
    name: `${accountId} GmbH`,
    industry: 'Manufacturing',
    segment: 'ENTERPRISE',
    region: 'EMEA',
    products: ['Planner'],
    ownerId: 'olga-ae',
  });
  await mustMutate(t.url, owner, 'recordAccountHealth', { commandId: id(), accountId, healthScore: 90 });
}

/**
 * Account `acme` (owner olga) and its ACTIVE advocate `ines`, set up over HTTP by a program
 * manager who registers, enrols and activates directly (no nomination, no consent yet).
 */
export async function activeAdvocateOfAcme(t: TestServer, pm: string): Promise<void> {
  await mustMutate(t.url, pm, 'registerAccount', {
    commandId: id(),
    accountId: 'acme',
    name: 'Acme',
    industry: 'Manufacturing',
    segment: 'ENTERPRISE',
    region: 'EMEA',
    products: ['Planner'],
    ownerId: 'olga',
  });
  await mustMutate(t.url, pm, 'enrolAdvocate', {
    commandId: id(),
    advocateId: 'ines',
    accountId: 'acme',
    name: 'Ines Weber',
    email: 'ines@acme.example',
    title: 'Head of Operations',
    seniority: 'DIRECTOR',
    products: ['Planner'],
    useCases: ['planning'],
    languages: ['de'],
  });
  await mustMutate(t.url, pm, 'activateAdvocate', { commandId: id(), advocateId: 'ines' });
}

/**
 * An ACTIVE advocate of an account with a year's consent to reference calls in EMEA, set up
 * over HTTP as the owner nominates and the program manager approves, activates and records consent.
 */
export async function consentingAdvocate(
  t: TestServer,
  tokens: { pm: string; owner: string },
  advocateId: string,
  accountId: string,
  now: Instant,
): Promise<void> {
  await mustMutate(t.url, tokens.owner, 'submitNomination', {
    commandId: id(),
    nominationId: `nom-${advocateId}`,
    accountId,
    candidateId: advocateId,
    name: `Advocate ${advocateId}`,
    email: `${advocateId}@example.com`,
    title: 'Head of Operations',
    seniority: 'DIRECTOR',
    products: ['Planner'],
    useCases: ['planning'],
    languages: ['en'],
    evidenceKind: 'NPS_PROMOTER',
    evidence: 'Gave us a 10.',
  });
  await mustMutate(t.url, tokens.pm, 'approveNomination', {
    commandId: id(),
    nominationId: `nom-${advocateId}`,
  });
  await eventually(async () =>
    expect(await t.store.streamVersion('acme-corp', `advocate-${advocateId}`)).toBe(1),
  );
  await mustMutate(t.url, tokens.pm, 'activateAdvocate', { commandId: id(), advocateId });
  await mustMutate(t.url, tokens.pm, 'grantConsent', {
    commandId: id(),
    advocateId,
    consent: {
      consentId: `consent-${advocateId}`,
      kinds: ['REFERENCE_CALL'],
      territories: ['EMEA'],
      channels: ['PRIVATE'],
      validFrom: now,
      validUntil: addDays(now, 365),
      collectionMethod: 'E_SIGNATURE',
      collectedAt: now,
      noticeVersion: 'v3',
    },
  });
}

/** A reference call request for Manufacturing/EMEA/Planner, submitted by the requester's token. */
export async function submitRequest(
  t: TestServer,
  requester: string,
  requestId: string,
  now: Instant,
): Promise<void> {
  await mustMutate(t.url, requester, 'submitReferenceRequest', {
    commandId: id(),
    requestId,
    department: 'SALES',
    kind: 'REFERENCE_CALL',
    advocatesNeeded: 1,
    opportunity: {
      opportunityId: `opp-${requestId}`,
      stage: 'EVALUATION',
      amount: { amount: 50000, currency: 'EUR' },
      industry: 'Manufacturing',
      region: 'EMEA',
      products: ['Planner'],
    },
    criteria: { territory: 'EMEA', channel: 'PRIVATE' },
    dueBy: addDays(now, 10),
  });
}
