import {
  type AggregateName,
  type AnyPayloadField,
  type AnyPayloadShape,
  COMMAND_CATALOGUE,
  type CommandDefinition,
  type CommandType,
} from '@vouch/domain';
import { COMMAND_API_ROWS } from './command-api-rows';

/** The input field naming the aggregate a command is for (absent for creating and program commands). */
const TARGETS: Readonly<
  Record<AggregateName, { readonly field: string; readonly description: string } | undefined>
> = {
  Program: undefined,
  Account: { field: 'accountId', description: 'The account.' },
  Advocate: { field: 'advocateId', description: 'The advocate.' },
  Nomination: { field: 'nominationId', description: 'The nomination.' },
  ReferenceRequest: { field: 'requestId', description: 'The reference request.' },
  ContentAsset: { field: 'contentId', description: 'The content asset.' },
};

const COMMAND_ID: AnyPayloadField = {
  kind: 'id',
  description: 'Client-chosen id of this command; repeating it changes nothing.',
};

/** How a command's GraphQL input is laid out, and how it is turned back into the command. */
export interface CommandInputLayout {
  readonly type: CommandType;
  /** The input type's shape (named without the `Input` suffix). */
  readonly shape: AnyPayloadShape;
  /** The input field holding the aggregate's id, if the command names one. */
  readonly target?: string;
  /** The command's data from the (plain) input. */
  readonly dataOf: (input: Readonly<Record<string, unknown>>) => Record<string, unknown>;
}

/** The payload fields as the API takes them: derived fields left out, maps as entry lists. */
function inputFieldsOf(type: CommandType, row: CommandDefinition): Record<string, AnyPayloadField> {
  const api = COMMAND_API_ROWS[type] ?? {};
  const fields: Record<string, AnyPayloadField> = {};
  for (const [key, field] of Object.entries(row.payload as Readonly<Record<string, AnyPayloadField>>)) {
    if (api.derived?.[key]) continue;
    const entries = api.entries?.[key];
    if (entries) {
      fields[entries.field] = { kind: 'objectList', shape: entries.shape, description: field.description };
    } else fields[key] = field;
  }
  return fields;
}

/** The data of a command from its input's payload part: maps rebuilt, derived fields added. */
function dataOf(
  type: CommandType,
  payload: Readonly<Record<string, unknown>>,
  input: Readonly<Record<string, unknown>>,
) {
  const api = COMMAND_API_ROWS[type] ?? {};
  const data: Record<string, unknown> = { ...payload };
  for (const [key, entries] of Object.entries(api.entries ?? {})) {
    const list = (data[entries.field] ?? []) as readonly Readonly<Record<string, unknown>>[];
    delete data[entries.field];
    data[key] = Object.fromEntries(list.map((entry) => [entry[entries.key], entry[entries.value]]));
  }
  for (const [key, derive] of Object.entries(api.derived ?? {})) data[key] = derive(input);
  return data;
}

/** The input layout of one command, from its catalogue row and its API row. */
export function commandInputLayout(type: CommandType): CommandInputLayout {
  const row = COMMAND_CATALOGUE[type] as CommandDefinition;
  const api = COMMAND_API_ROWS[type] ?? {};
  const target = row.createsWith === undefined ? TARGETS[row.aggregate] : undefined;
  const payload = inputFieldsOf(type, row);
  const wrap = api.wrapIn;
  const fields: Record<string, AnyPayloadField> = {
    commandId: COMMAND_ID,
    ...(target ? { [target.field]: { kind: 'id', description: target.description } } : {}),
    ...(wrap
      ? {
          [wrap.field]: {
            kind: 'object',
            description: wrap.description,
            shape: { name: wrap.type, description: wrap.typeDescription, fields: payload },
          },
        }
      : payload),
  };
  return {
    type,
    shape: { name: api.input?.name ?? type, description: api.input?.description ?? row.description, fields },
    ...(target ? { target: target.field } : {}),
    dataOf: (input) => {
      if (wrap) return dataOf(type, (input[wrap.field] ?? {}) as Readonly<Record<string, unknown>>, input);
      const rest: Record<string, unknown> = { ...input };
      delete rest.commandId;
      if (target) delete rest[target.field];
      return dataOf(type, rest, input);
    },
  };
}
