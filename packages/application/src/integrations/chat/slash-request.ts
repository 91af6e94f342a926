import type { ActivityKind } from '@vouch/domain';

/** A reference request as a chat user typed it: "/reference call healthcare EMEA for opp 123". */
export interface SlashRequest {
  readonly kind: ActivityKind;
  readonly industry: string;
  readonly region: string;
  readonly opportunityId: string;
}

/** What to type, for an answer to text that does not parse. */
export const SLASH_USAGE =
  'Usage: /reference <kind> <industry> <REGION> for opp <opportunity id> — e.g. "/reference call healthcare EMEA for opp 123". ' +
  'Kinds: call, site visit, case study, quote, logo, press, analyst, video, speaking, advisory board, peer review, referral.';

// Longest phrases first, so "reference call" wins over "call".
const KIND_PHRASES: readonly (readonly [string, ActivityKind])[] = [
  ['reference call', 'REFERENCE_CALL'],
  ['advisory board', 'ADVISORY_BOARD'],
  ['peer review', 'PEER_REVIEW'],
  ['case study', 'CASE_STUDY'],
  ['site visit', 'SITE_VISIT'],
  ['call', 'REFERENCE_CALL'],
  ['visit', 'SITE_VISIT'],
  ['quote', 'QUOTE'],
  ['logo', 'LOGO'],
  ['press', 'PRESS'],
  ['analyst', 'ANALYST'],
  ['video', 'VIDEO'],
  ['speaking', 'SPEAKING'],
  ['speaker', 'SPEAKING'],
  ['advisory', 'ADVISORY_BOARD'],
  ['referral', 'REFERRAL'],
];

// The region is written in capitals (EMEA, NA, APAC, DACH); the words before it name the industry.
const SHAPE = /^(.+?)\s+([A-Z]{2,8})\s+for\s+(?:opp|opportunity)\s+#?([A-Za-z0-9][A-Za-z0-9_.:-]{0,127})$/;
const INDUSTRY_WORD = /^[a-z][a-z&-]*$/;

/** Parses the text of a slash command; undefined when it is not a request Vouch understands. */
export function parseSlashRequest(text: string): SlashRequest | undefined {
  const match = SHAPE.exec(text.trim().replace(/\s+/g, ' '));
  if (!match) return undefined;
  const [, head = '', region = '', opportunityId = ''] = match;
  const lowered = head.toLowerCase();
  const found = KIND_PHRASES.find(([phrase]) => lowered === phrase || lowered.startsWith(`${phrase} `));
  if (!found) return undefined;
  const industry = lowered.slice(found[0].length).trim();
  if (
    industry.length === 0 ||
    industry.length > 80 ||
    !industry.split(' ').every((w) => INDUSTRY_WORD.test(w))
  )
    return undefined;
  return { kind: found[1], industry, region, opportunityId };
}
