import type { AccountCommand } from '../account/account-commands';
import type { AdvocateCommand } from '../advocate/advocate-commands';
import type { ContentAssetCommand } from '../content-asset/content-asset-commands';
import type { NominationCommand } from '../nomination/nomination-commands';
import type { ProgramCommand } from '../program/program-commands';
import type { ReferenceRequestCommand } from '../reference-request/reference-request-commands';
import type { AggregateName } from '../shared/event-definition';
import type { FieldsOf } from './payload-schema';

/** Any command of the domain. */
export type DomainCommand =
  | AccountCommand
  | AdvocateCommand
  | ContentAssetCommand
  | NominationCommand
  | ProgramCommand
  | ReferenceRequestCommand;

/** Every command type of the domain. */
export type CommandType = DomainCommand['type'];

/** The data of the command of a type. */
export type CommandData<Type extends CommandType> = Extract<DomainCommand, { type: Type }>['data'];

/**
 * The domain's half of a command's catalogue row (who may run it is the application's half,
 * `application/src/authorization/command-permissions.ts`, joined by command type).
 */
export interface CommandDefinition<Type extends CommandType = CommandType> {
  readonly aggregate: AggregateName;
  /** For commands that create their aggregate's stream: the data field holding its id. */
  readonly createsWith?: keyof CommandData<Type> & string;
  /** What the command does, in the domain's words (the first sentence of its docs). */
  readonly description: string;
  /** Every field of the command's data. */
  readonly payload: FieldsOf<CommandData<Type>>;
}

/** Catalogue rows of some command types, each checked against its own data type. */
export type CommandRows<Types extends CommandType> = { readonly [Type in Types]: CommandDefinition<Type> };
