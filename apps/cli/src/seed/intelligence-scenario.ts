import type { Principal } from '@vouch/application';
import type { SeedExecutor } from './seed-executor';

/** What the scenario needs to know of the demo's accounts (a structural view of the seed's model). */
export interface ScenarioAccount {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly segment: string;
  readonly products: readonly string[];
  readonly ownerId: string;
  readonly health: number;
}

/** What the scenario needs to know of the demo's advocates. */
export interface ScenarioAdvocate {
  readonly id: string;
  readonly account: { readonly id: string; readonly name: string };
  readonly status: string;
  readonly consentLive: boolean;
  readonly kinds: ReadonlySet<string>;
  readonly territory: string;
}

export interface IntelligenceScenarioContext {
  readonly run: SeedExecutor;
  readonly tenantId: string;
  readonly accounts: readonly ScenarioAccount[];
  readonly advocates: readonly ScenarioAdvocate[];
}

const LAUNCH_PRODUCT = 'Guard';

/**
 * The program-intelligence story of the demo, on its last day: content produced for a
 * campaign nobody asked for (quotes published and never used: the content strategy's
 * pitfall, flagged unused in the content report), and, for the GraphiQL tour's "Guard 3"
 * launch plan, places to recruit from for its APAC gap (pending nominations from happy
 * accounts and wishlisted look-alikes). Through the facade: every gate is real.
 */
export async function seedIntelligenceScenario(ctx: IntelligenceScenarioContext): Promise<void> {
  const { run, tenantId } = ctx;
  const pm: Principal = { tenantId, userId: 'pat.pm', roles: ['PROGRAM_MANAGER'] };
  const rep: Principal = { tenantId, userId: 'sam.sales', roles: ['REQUESTER'] };

  // Quotes for a campaign that never ran: published, never asked for.
  const quotable = ctx.advocates.filter(
    (a) => a.status === 'ACTIVE' && a.consentLive && a.kinds.has('QUOTE'),
  );
  for (const [i, advocate] of quotable.slice(0, 4).entries()) {
    const contentId = `campaign-quote-${i + 1}`;
    const drafted = await run.try(pm, {
      type: 'DraftContent',
      data: {
        contentId,
        kind: 'QUOTE',
        title: `${advocate.account.name} on the spring campaign`,
        accountId: advocate.account.id,
        holders: [{ holder: 'ADVOCATE', holderId: advocate.id }],
        territory: advocate.territory === 'GLOBAL' ? 'EMEA' : advocate.territory,
        channel: 'WEB',
      },
    });
    if (!drafted) continue;
    await run.try(pm, {
      type: 'ApproveContent',
      aggregateId: contentId,
      data: { evidence: `Customer sign-off campaign-${i + 1}` },
    });
    await run.try(pm, {
      type: 'PublishContent',
      aggregateId: contentId,
      data: { url: `https://example.com/campaign/${contentId}` },
    });
  }

  // Where the Guard launch can recruit in APAC: nominations waiting for a decision...
  const happyApac = ctx.accounts.filter(
    (a) => a.region === 'APAC' && a.segment === 'ENTERPRISE' && a.health >= 60,
  );
  for (const [i, account] of happyApac.slice(0, 2).entries()) {
    // The candidate speaks to the launch's product only if the account runs it.
    const products = account.products.includes(LAUNCH_PRODUCT) ? [LAUNCH_PRODUCT] : [account.products[0]!];
    await run.try(
      { tenantId, userId: account.ownerId, roles: ['ACCOUNT_OWNER'] },
      {
        type: 'SubmitNomination',
        data: {
          nominationId: `launch-nom-${i + 1}`,
          accountId: account.id,
          candidateId: `launch-candidate-${i + 1}`,
          name: `Launch Champion ${i + 1}`,
          email: `launch.champion.${i + 1}@${account.id}.example`,
          title: 'Head of Security Operations',
          seniority: 'DIRECTOR',
          products,
          useCases: ['threat detection'],
          languages: ['en'],
          topics: ['security'],
          evidenceKind: 'RENEWAL',
          evidence: 'Renewed early and asked for the Guard 3 beta.',
        },
      },
    );
  }
  // ...and companies sales wishes were references there.
  for (const [i, name] of ['Kaiyo Shield Holdings', 'Southern Cross Secure'].entries()) {
    await run.try(rep, {
      type: 'AddToWishlist',
      data: {
        wishId: `launch-wish-${i + 1}`,
        accountName: name,
        industry: 'Financial Services',
        segment: 'ENTERPRISE',
        region: 'APAC',
        products: [LAUNCH_PRODUCT],
        reason: 'Every Guard deal in APAC asks for a local peer we cannot offer.',
      },
    });
  }
}
