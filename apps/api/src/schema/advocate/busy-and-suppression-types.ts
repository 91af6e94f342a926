import type { SuppressionRule as SuppressionRuleValue } from '@vouch/domain';
import { Field, ObjectType } from 'type-graphql';
import { BusyHoldKind, SuppressionRule } from '../enums/suppression-enums';
import { DateTimeScalar } from '../scalars/date-time';

@ObjectType({
  description:
    'The busy marker: another open request holds the advocate. Says only the kind of hold and until when, never which request.',
})
export class BusyHold {
  @Field(() => BusyHoldKind, { description: 'Asked, accepted or scheduled.' })
  hold!: 'RESERVED' | 'ACCEPTED' | 'SCHEDULED';

  @Field(() => DateTimeScalar, { description: 'When the held activity takes place.' })
  until!: string;
}

@ObjectType({
  description:
    "An automatic suppression of the advocate's account: while it holds, the advocate is not asked.",
})
export class SuppressionMarker {
  @Field(() => SuppressionRule, { description: 'The rule that holds.' })
  rule!: SuppressionRuleValue;

  @Field(() => DateTimeScalar, { description: 'Since when.' })
  since!: string;

  @Field(() => String, {
    description:
      'The rule in words; with its value (renewal date, health score, escalation ids) only in the FULL view.',
  })
  words!: string;
}
