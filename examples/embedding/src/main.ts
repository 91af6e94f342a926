// A deal-desk service that embeds Vouch: it runs the whole reference workflow through the
// application facade, on the embedded SQLite store by default, or on PostgreSQL when
// DATABASE_URL is set. Run it with `npm run example:embedding`.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVouch, type Principal } from '@vouch/application';
import { addDays, type Instant } from '@vouch/domain';
import type { EventStore } from '@vouch/event-store';
import { PostgresEventStore } from '@vouch/event-store-postgres';
import { SqliteEventStore } from '@vouch/event-store-sqlite';

async function openStore(clock: () => Instant): Promise<{ store: EventStore; where: string }> {
  // The master key wraps every advocate's data key; in production it comes from a secret store.
  const masterKey = process.env.VOUCH_MASTER_KEY
    ? Buffer.from(process.env.VOUCH_MASTER_KEY, 'base64')
    : randomBytes(32);
  if (process.env.DATABASE_URL) {
    const store = await PostgresEventStore.open({
      connectionString: process.env.DATABASE_URL,
      masterKey,
      clock,
    });
    return { store, where: 'PostgreSQL' };
  }
  const filename = process.env.VOUCH_DB ?? join(mkdtempSync(join(tmpdir(), 'vouch-embedding-')), 'vouch.db');
  return { store: SqliteEventStore.open({ filename, masterKey, clock }), where: `SQLite (${filename})` };
}

async function main(): Promise<void> {
  const clock = () => new Date().toISOString();
  const { store, where } = await openStore(clock);
  const vouch = createVouch({ store, clock, dueWorkIntervalMs: 0 });
  const tenantId = `deal-desk-${Date.now()}`;
  await vouch.start([tenantId]);

  // Principals come from your own authentication; Vouch checks what each role may do.
  const pm: Principal = { tenantId, userId: 'pat', roles: ['PROGRAM_MANAGER'] };
  const owner: Principal = { tenantId, userId: 'olga', roles: ['ACCOUNT_OWNER'] };
  const rep: Principal = { tenantId, userId: 'sam', roles: ['REQUESTER'] };
  let n = 0;
  const id = () => `cmd-${++n}`;
  const now = clock();

  await vouch.execute(owner, {
    type: 'RegisterAccount',
    commandId: id(),
    data: {
      accountId: 'acme',
      name: 'Acme GmbH',
      industry: 'Manufacturing',
      segment: 'ENTERPRISE',
      region: 'EMEA',
      products: ['Planner'],
      ownerId: 'olga',
    },
  });
  await vouch.execute(owner, {
    type: 'RecordAccountHealth',
    commandId: id(),
    aggregateId: 'acme',
    data: { healthScore: 90 },
  });
  await vouch.execute(owner, {
    type: 'SubmitNomination',
    commandId: id(),
    data: {
      nominationId: 'nom-1',
      accountId: 'acme',
      candidateId: 'ines',
      name: 'Ines Weber',
      email: 'ines@acme.example',
      title: 'Head of Operations',
      seniority: 'DIRECTOR',
      products: ['Planner'],
      useCases: ['planning'],
      languages: ['de', 'en'],
      evidenceKind: 'NPS_PROMOTER',
      evidence: 'Gave us a 10 in the last survey.',
    },
  });
  await vouch.execute(pm, { type: 'ApproveNomination', commandId: id(), aggregateId: 'nom-1', data: {} });
  // The enrolment is a process manager's reaction: wait until the advocate exists.
  while (!(await vouch.queries.advocate(pm, 'ines'))) await new Promise((r) => setTimeout(r, 10));
  await vouch.execute(pm, { type: 'ActivateAdvocate', commandId: id(), aggregateId: 'ines', data: {} });
  await vouch.execute(pm, {
    type: 'GrantConsent',
    commandId: id(),
    aggregateId: 'ines',
    data: {
      consentId: 'ines-calls',
      kinds: ['REFERENCE_CALL'],
      territories: ['EMEA'],
      channels: ['PRIVATE'],
      validFrom: now,
      validUntil: addDays(now, 365),
      collectionMethod: 'E_SIGNATURE',
      collectedAt: now,
      noticeVersion: '2026-09',
    },
  });

  await vouch.execute(rep, {
    type: 'SubmitReferenceRequest',
    commandId: id(),
    data: {
      requestId: 'req-1',
      department: 'SALES',
      kind: 'REFERENCE_CALL',
      advocatesNeeded: 1,
      opportunity: {
        opportunityId: 'opp-42',
        stage: 'EVALUATION',
        amount: { amount: 180000, currency: 'EUR' },
        industry: 'Manufacturing',
        region: 'EMEA',
        products: ['Planner'],
      },
      criteria: { languages: ['de'], territory: 'EMEA', channel: 'PRIVATE' },
      dueBy: addDays(now, 14),
    },
  });
  await vouch.execute(pm, {
    type: 'TriageRequest',
    commandId: id(),
    aggregateId: 'req-1',
    data: { priority: 'HIGH' },
  });
  const matches = await vouch.queries.matchCandidates(pm, 'req-1');
  const best = matches.available[0];
  if (!best) throw new Error('no candidate is available');
  console.log(`best match: ${best.advocateId} scoring ${best.score.total}`);
  for (const c of best.score.breakdown)
    console.log(`  ${c.criterion.padEnd(16)} ${c.score.toFixed(2)} × ${c.weight}  ${c.explanation}`);

  await vouch.execute(pm, {
    type: 'ShortlistCandidates',
    commandId: id(),
    aggregateId: 'req-1',
    data: {
      candidates: [
        {
          advocateId: best.advocateId,
          accountId: 'acme',
          ownerId: 'olga',
          score: best.score.total,
          breakdown: [...best.score.breakdown],
        },
      ],
    },
  });
  await vouch.execute(owner, {
    type: 'ApproveAsk',
    commandId: id(),
    aggregateId: 'req-1',
    data: { advocateId: 'ines' },
  });
  await vouch.execute(pm, {
    type: 'AskAdvocate',
    commandId: id(),
    aggregateId: 'req-1',
    data: { advocateId: 'ines', engagementId: '' },
  });
  await vouch.execute(pm, {
    type: 'RecordAdvocateResponse',
    commandId: id(),
    aggregateId: 'req-1',
    data: { advocateId: 'ines', accepted: true },
  });

  const request = await vouch.queries.request(rep, 'req-1');
  console.log(`request req-1 is ${request?.request.status}; SLA ${request?.sla.state}`);
  const asRep = await vouch.queries.advocate(rep, 'ines');
  console.log(`the requester now sees: ${JSON.stringify(asRep)}`);
  const trail = await vouch.queries.auditTrail(pm, 'consent', 'ines-calls');
  console.log('audit trail of consent ines-calls:');
  for (const entry of trail) console.log(`  ${entry.recordedAt}  ${entry.sentence}`);
  const integrity = await vouch.queries.verifyIntegrity({ ...pm, roles: ['AUDITOR'] });
  console.log(
    `store: ${where}; integrity ${integrity.report.ok ? 'verified' : 'BROKEN'} over ${integrity.report.eventsChecked} events`,
  );

  await vouch.stop();
  await store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
