import { CONTENT_KINDS, type Money } from '@vouch/domain';
import { consentsAsOf, DAY_MS, profileAt, publishedAt, sameTrait } from './history-as-of';
import {
  lastAt,
  type ContentHistory,
  type Ms,
  type ProgramHistory,
  type RequestHistory,
} from './program-history';

/** One asset's use, as of an instant. */
export interface ContentAssetUsage {
  readonly contentId: string;
  readonly kind: string;
  readonly accountId: string;
  /** The asset's state at the instant. */
  readonly state: string;
  /** Completed activities it served. */
  readonly uses: number;
  /** Distinct requests it served. */
  readonly requestsServed: number;
  /** Deals those requests closed: won and lost, with amounts per currency. */
  readonly dealsWon: number;
  readonly dealsLost: number;
  readonly wonAmounts: Readonly<Record<string, number>>;
  readonly lastUsedAt?: Ms;
  /** The earliest end of a consent the asset relies on, when one ends. */
  readonly consentExpiresAt?: Ms;
  /** Published, and not used in the last `unusedDays` (nor ever, when never used). */
  readonly unused: boolean;
}

/** A kind of content the requests asked for in an industry, of which no published asset existed. */
export interface MissingContent {
  readonly kind: string;
  readonly industry: string;
  readonly requests: number;
}

export interface ContentUsageReport {
  readonly at: Ms;
  readonly unusedDays: number;
  readonly assets: readonly ContentAssetUsage[];
  readonly published: number;
  readonly unusedPublished: number;
  readonly missing: readonly MissingContent[];
}

export interface ContentUsageOptions {
  /** An asset not used in this many days is flagged; default 90. */
  readonly unusedDays?: number;
  /** Requests submitted this many days before the instant count for missing content; default 365. */
  readonly demandDays?: number;
}

/**
 * Content usage as of `at`. The rule of use: an asset serves a request when the request asks
 * for the asset's kind and an activity of it is completed, while the asset is published, by
 * one of the asset's advocates (or, for an asset the account holds, an advocate of that
 * account). Deals influenced are the outcomes of the requests it served.
 */
export function contentUsage(
  history: ProgramHistory,
  at: Ms,
  options: ContentUsageOptions = {},
): ContentUsageReport {
  const unusedDays = options.unusedDays ?? 90;
  const demandFrom = at - (options.demandDays ?? 365) * DAY_MS;
  const byAdvocateAndKind = servingIndex(history, at);
  const byAccount = advocatesByAccount(history, at);
  const assets: ContentAssetUsage[] = [];
  for (const content of history.contents.values()) {
    if (content.draftedAt > at) continue;
    const state = lastAt(content.states, at) ?? 'DRAFT';
    const served: { at: Ms; request: RequestHistory }[] = [];
    for (const advocateId of advocatesOf(byAccount, content)) {
      for (const use of byAdvocateAndKind.get(`${advocateId}|${content.kind}`) ?? []) {
        if (publishedAt(content, use.at)) served.push(use);
      }
    }
    const requests = new Map(served.map((s) => [s.request.requestId, s.request]));
    let dealsWon = 0;
    let dealsLost = 0;
    const wonAmounts: Record<string, number> = {};
    for (const request of requests.values()) {
      const outcome = request.outcome && request.outcome.at <= at ? request.outcome.value : undefined;
      if (outcome?.result === 'WON') {
        dealsWon += 1;
        if (outcome.amount) add(wonAmounts, outcome.amount);
      } else if (outcome?.result === 'LOST') dealsLost += 1;
    }
    const lastUsedAt = served.reduce<Ms | undefined>(
      (m, s) => (m === undefined || s.at > m ? s.at : m),
      undefined,
    );
    const expiry = consentExpiry(history, content, at);
    assets.push({
      contentId: content.contentId,
      kind: content.kind,
      accountId: content.accountId,
      state,
      uses: served.length,
      requestsServed: requests.size,
      dealsWon,
      dealsLost,
      wonAmounts,
      ...(lastUsedAt !== undefined ? { lastUsedAt } : {}),
      ...(expiry !== undefined ? { consentExpiresAt: expiry } : {}),
      unused: state === 'PUBLISHED' && (lastUsedAt === undefined || lastUsedAt <= at - unusedDays * DAY_MS),
    });
  }
  assets.sort((a, b) => (a.contentId < b.contentId ? -1 : a.contentId > b.contentId ? 1 : 0));
  const published = assets.filter((a) => a.state === 'PUBLISHED');
  return {
    at,
    unusedDays,
    assets,
    published: published.length,
    unusedPublished: published.filter((a) => a.unused).length,
    missing: missingContent(history, at, demandFrom),
  };
}

// advocateId|kind → the completed activities of requests of that kind, up to `at`.
function servingIndex(history: ProgramHistory, at: Ms): Map<string, { at: Ms; request: RequestHistory }[]> {
  const index = new Map<string, { at: Ms; request: RequestHistory }[]>();
  const contentKinds = new Set<string>(CONTENT_KINDS);
  for (const request of history.requests.values()) {
    if (request.submittedAt > at || !contentKinds.has(request.kind)) continue;
    for (const done of request.completed) {
      if (done.at > at) continue;
      const key = `${done.value}|${request.kind}`;
      let list = index.get(key);
      if (!list) index.set(key, (list = []));
      list.push({ at: done.at, request });
    }
  }
  return index;
}

function advocatesByAccount(history: ProgramHistory, at: Ms): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const advocate of history.advocates.values()) {
    if (advocate.enrolledAt > at) continue;
    const list = map.get(advocate.accountId) ?? [];
    list.push(advocate.advocateId);
    map.set(advocate.accountId, list);
  }
  return map;
}

function advocatesOf(byAccount: Map<string, string[]>, content: ContentHistory): Set<string> {
  const ids = new Set<string>();
  for (const h of content.holders) {
    if (h.holder === 'ADVOCATE') ids.add(h.holderId);
    else for (const id of byAccount.get(h.holderId) ?? []) ids.add(id);
  }
  return ids;
}

function consentExpiry(history: ProgramHistory, content: ContentHistory, at: Ms): Ms | undefined {
  const relied = lastAt(content.reliesOn, at) ?? [];
  let earliest: Ms | undefined;
  for (const r of relied) {
    const facts =
      r.holder === 'ADVOCATE'
        ? history.advocates.get(r.holderId)?.consents
        : history.accounts.get(r.holderId)?.consents;
    const consent = consentsAsOf(facts ?? [], at).find((c) => c.consentId === r.consentId);
    if (consent?.validUntil !== undefined && (earliest === undefined || consent.validUntil < earliest)) {
      earliest = consent.validUntil;
    }
  }
  return earliest;
}

// Requests of a content kind whose industry had no published asset of that kind when they were submitted.
function missingContent(history: ProgramHistory, at: Ms, from: Ms): MissingContent[] {
  const counts = new Map<string, MissingContent>();
  const contentKinds = new Set<string>(CONTENT_KINDS);
  const byKind = new Map<string, ContentHistory[]>();
  for (const c of history.contents.values()) {
    const list = byKind.get(c.kind) ?? [];
    list.push(c);
    byKind.set(c.kind, list);
  }
  for (const request of history.requests.values()) {
    if (request.submittedAt > at || request.submittedAt <= from || !contentKinds.has(request.kind)) continue;
    const exists = (byKind.get(request.kind) ?? []).some(
      (c) =>
        publishedAt(c, request.submittedAt) &&
        sameTrait(
          profileAt(history.accounts.get(c.accountId), request.submittedAt)?.industry ?? '',
          request.industry,
        ),
    );
    if (exists) continue;
    const key = `${request.kind}|${request.industry.toLowerCase()}`;
    const row = counts.get(key) ?? { kind: request.kind, industry: request.industry, requests: 0 };
    counts.set(key, { ...row, requests: row.requests + 1 });
  }
  return [...counts.values()].sort(
    (a, b) => b.requests - a.requests || (a.kind + a.industry < b.kind + b.industry ? -1 : 1),
  );
}

function add(totals: Record<string, number>, money: Money): void {
  totals[money.currency] = (totals[money.currency] ?? 0) + money.amount;
}
