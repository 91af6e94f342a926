import { InputType } from 'type-graphql';
import { IdField, TextField } from '../common/fields';

const COMMAND_ID = 'Client-chosen id of this command; repeating it changes nothing.';

@InputType({
  description: "Place a legal hold on an advocate's records: erasure waits until it is released.",
})
export class PlaceLegalHoldInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField('The advocate.')
  advocateId!: string;

  @IdField('Id of the new hold.')
  holdId!: string;

  @TextField('The legal matter.', { long: true })
  matter!: string;
}

@InputType({ description: 'Release a legal hold; a deferred erasure then runs.' })
export class ReleaseLegalHoldInput {
  @IdField(COMMAND_ID)
  commandId!: string;

  @IdField('The advocate.')
  advocateId!: string;

  @IdField('The hold.')
  holdId!: string;

  @TextField('Why.', { long: true })
  reason!: string;
}
