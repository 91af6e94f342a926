import { COMMAND_CATALOGUE, type AggregateName, type CommandType } from '@vouch/domain';

/** Which aggregate handles a command, and which data field names a new aggregate's id. */
export interface CommandRoute {
  readonly aggregate: AggregateName;
  /** For commands that create their aggregate: the data field holding its id. */
  readonly createsWith?: string;
}

/** Every command type routed to its aggregate, as the command catalogue states it. */
export const COMMAND_ROUTES = Object.fromEntries(
  Object.entries(COMMAND_CATALOGUE).map(([type, row]): [string, CommandRoute] => [
    type,
    { aggregate: row.aggregate, ...(row.createsWith !== undefined ? { createsWith: row.createsWith } : {}) },
  ]),
) as Readonly<Record<CommandType, CommandRoute>>;
