import type { Ms, ProgramHistory } from './program-history';

/** One nominator's record: what their nominations became, not how many they made. */
export interface NominatorStanding {
  readonly nominatorId: string;
  readonly nominations: number;
  readonly approved: number;
  /** Advocates enrolled from their nominations. */
  readonly advocatesEnrolled: number;
  /** Of those, advocates used at least once: what the board ranks by. */
  readonly advocatesUsed: number;
  /** Completed uses of their advocates. */
  readonly uses: number;
  /** Requests won with one of their advocates completing an activity. */
  readonly dealsWon: number;
  /** advocatesUsed / nominations. */
  readonly conversion: number;
}

/**
 * The nominator leaderboard as of `at`: ranked by advocates used, then uses, then deals won.
 * A nomination never used adds nothing to the rank (the seeds' remedy for too few
 * references is good nominations, not many), so a nominator with no used advocate is left off.
 */
export function nominatorLeaderboard(history: ProgramHistory, at: Ms): NominatorStanding[] {
  const rows = new Map<
    string,
    { nominations: number; approved: number; enrolled: number; used: number; uses: number; won: Set<string> }
  >();
  const nominatorOf = new Map<string, string>();
  for (const n of history.nominations.values()) {
    if (n.submittedAt > at) continue;
    const row = rows.get(n.nominatedBy) ?? {
      nominations: 0,
      approved: 0,
      enrolled: 0,
      used: 0,
      uses: 0,
      won: new Set(),
    };
    row.nominations += 1;
    if (n.decision && n.decision.at <= at && n.decision.value === 'APPROVED') row.approved += 1;
    rows.set(n.nominatedBy, row);
    nominatorOf.set(n.nominationId, n.nominatedBy);
  }
  const wonBy = wonRequests(history, at);
  for (const advocate of history.advocates.values()) {
    if (advocate.nominationId === undefined || advocate.enrolledAt > at) continue;
    const nominator = nominatorOf.get(advocate.nominationId);
    if (nominator === undefined) continue;
    const row = rows.get(nominator)!;
    row.enrolled += 1;
    const uses = advocate.uses.filter((u) => u.at <= at);
    if (uses.length > 0) row.used += 1;
    row.uses += uses.length;
    for (const requestId of wonBy.get(advocate.advocateId) ?? []) row.won.add(requestId);
  }
  return [...rows]
    .filter(([, r]) => r.used > 0)
    .map(([nominatorId, r]) => ({
      nominatorId,
      nominations: r.nominations,
      approved: r.approved,
      advocatesEnrolled: r.enrolled,
      advocatesUsed: r.used,
      uses: r.uses,
      dealsWon: r.won.size,
      conversion: Math.round((r.used / r.nominations) * 1000) / 1000,
    }))
    .sort(
      (a, b) =>
        b.advocatesUsed - a.advocatesUsed ||
        b.uses - a.uses ||
        b.dealsWon - a.dealsWon ||
        (a.nominatorId < b.nominatorId ? -1 : 1),
    );
}

// advocateId → won requests in which they completed an activity, as of `at`.
function wonRequests(history: ProgramHistory, at: Ms): Map<string, string[]> {
  const won = new Map<string, string[]>();
  for (const r of history.requests.values()) {
    if (!r.outcome || r.outcome.at > at || r.outcome.value.result !== 'WON') continue;
    for (const c of r.completed) {
      if (c.at > at) continue;
      const list = won.get(c.value) ?? [];
      list.push(r.requestId);
      won.set(c.value, list);
    }
  }
  return won;
}
