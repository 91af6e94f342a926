import { IsUppercase, Length } from 'class-validator';
import { InputType } from 'type-graphql';
import { FloatField, TextField } from './fields';

@InputType({ description: "An amount in a currency's major unit (e.g. 1250.5 USD)." })
export class MoneyInput {
  @FloatField('The amount.', { min: 0, max: 1e15 })
  amount!: number;

  @TextField('ISO 4217 currency code, e.g. `EUR`.')
  @Length(3, 3)
  @IsUppercase()
  currency!: string;
}
