import type { VouchCommand } from '@vouch/application';
import type { CommandData, CommandType } from '@vouch/domain';
import type { ApiContext } from '../../context/api-context';
import { CommandPayload } from './command-payload';

/**
 * Input as GraphQL delivers it (class instances; an omitted optional field may arrive as
 * `null`) as the plain data the domain takes: plain objects, optional fields left out.
 */
export function plainData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainData);
  if (value !== null && typeof value === 'object') {
    const plain: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== null && item !== undefined) plain[key] = plainData(item);
    }
    return plain;
  }
  return value;
}

/**
 * Runs one command as the request's principal through the application facade, which
 * authorizes, validates and decides; the API adds nothing but the transport.
 */
export async function executeCommand<Type extends CommandType>(
  context: ApiContext,
  type: Type,
  commandId: string,
  data: CommandData<Type>,
  aggregateId?: string,
): Promise<CommandPayload> {
  const command = {
    type,
    commandId,
    data: plainData(data),
    ...(aggregateId !== undefined ? { aggregateId } : {}),
  } as VouchCommand;
  return CommandPayload.of(await context.vouch.execute(context.principal, command));
}
