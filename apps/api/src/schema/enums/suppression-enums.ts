import type { SuppressionRule as SuppressionRuleValue } from '@vouch/domain';
import type { CandidateMatchesResult } from '../common/facade-types';
import { enumOf, registerDescribedEnum } from './enum-of';

// Issue 16's value sets: the automatic suppression rules and the kinds of hold of the busy marker.

type Exactly<Union, List extends readonly Union[]> = [Union] extends [List[number]] ? List : never;
const exactly =
  <Union>() =>
  <const List extends readonly Union[]>(list: Exactly<Union, List>): List =>
    list;

export const SuppressionRule = enumOf(exactly<SuppressionRuleValue>()(['RENEWAL', 'HEALTH', 'ESCALATION']));
registerDescribedEnum(SuppressionRule, {
  name: 'SuppressionRule',
  description:
    "The program's automatic suppression rules: while one holds, the account's advocates are not asked.",
  values: {
    RENEWAL: 'The account renews within the number of days the program set.',
    HEALTH: "The account's health score is below the program's threshold.",
    ESCALATION: 'The account has an open escalation.',
  },
});

export const BusyHoldKind = enumOf(
  exactly<CandidateMatchesResult['available'][number]['busy'][number]['hold']>()([
    'RESERVED',
    'ACCEPTED',
    'SCHEDULED',
  ]),
);
registerDescribedEnum(BusyHoldKind, {
  name: 'BusyHoldKind',
  description: 'How another open request holds an advocate.',
  values: {
    RESERVED: 'Asked, no answer yet.',
    ACCEPTED: 'Accepted, not scheduled yet.',
    SCHEDULED: 'Scheduled for a date.',
  },
});
