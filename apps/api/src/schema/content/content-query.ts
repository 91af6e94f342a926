import type {
  Channel as ChannelValue,
  ContentKind as ContentKindValue,
  ContentStatus as ContentStatusValue,
} from '@vouch/domain';
import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import type { ContentResult } from '../common/facade-types';
import { Channel, ConsentHolderKind, ContentKind } from '../enums/domain-enums';
import { ContentStatus } from '../enums/read-model-enums';
import { Node } from '../node/node-interface';
import { DateTimeScalar } from '../scalars/date-time';

@ObjectType({ description: 'Whose consent a content asset needs: an advocate’s or the company’s own.' })
export class ContentHolder {
  @Field(() => ConsentHolderKind, { description: 'Advocate or account.' })
  holder!: 'ADVOCATE' | 'ACCOUNT';

  @Field(() => ID, { description: 'The advocate or account id.' })
  holderId!: string;
}

@ObjectType({ description: 'A consent (and its version) a published content asset relies on.' })
export class ContentConsent {
  @Field(() => ConsentHolderKind, { description: 'Advocate or account.' })
  holder!: 'ADVOCATE' | 'ACCOUNT';

  @Field(() => ID, { description: 'The advocate or account id.' })
  holderId!: string;

  @Field(() => ID, { description: 'The consent.' })
  consentId!: string;

  @Field(() => Int, { description: 'The version relied on.' })
  consentVersion!: number;
}

@ObjectType({
  implements: Node,
  description:
    'A case study, quote, video or logo, linked to its holders and the consents it relies on; suspended when one is withdrawn or expires.',
})
export class ContentAsset {
  @Field(() => ID, { description: 'The content asset.' })
  contentId!: string;

  @Field(() => ContentStatus, { description: 'Its lifecycle status.' })
  status!: ContentStatusValue;

  @Field(() => ContentKind, { nullable: true, description: 'What kind of content.' })
  kind?: ContentKindValue;

  @Field(() => ID, { nullable: true, description: 'The account it is about.' })
  accountId?: string;

  @Field(() => [ContentHolder], { description: 'Whose consent it needs.' })
  holders!: readonly ContentHolder[];

  @Field(() => String, { nullable: true, description: 'Where it may be used.' })
  territory?: string;

  @Field(() => Channel, { nullable: true, description: 'How it may be used.' })
  channel?: ChannelValue;

  @Field(() => [ContentConsent], { description: 'The consents it relies on, once published.' })
  reliesOn!: readonly ContentConsent[];

  @Field(() => Int, { description: 'Uses recorded so far (each a `ContentUsed` event).' })
  uses!: number;

  @Field(() => Int, { nullable: true, description: 'The most uses allowed; null when uncapped.' })
  maxUses?: number;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'No use after this instant; null when it does not expire.',
  })
  expiresAt?: string;
}

/** Content assets. */
@Resolver()
export class ContentQuery {
  @Query(() => ContentAsset, { nullable: true, description: 'One content asset; null when there is none.' })
  content(
    @Arg('contentId', () => ID, { description: 'The content asset.' }) contentId: string,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<ContentResult | undefined> {
    return vouch.queries.content(principal, contentId);
  }
}
