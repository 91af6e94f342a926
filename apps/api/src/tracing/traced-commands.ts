import { SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { Vouch } from '@vouch/application';
import { DomainError } from '@vouch/domain';
import { aggregateTypeAttribute, codeAttribute, commandTypeAttribute } from './span-attributes';

/**
 * The facade with a span around every command: its type, the aggregate type and the outcome
 * (ok, refused with the domain's code, failed). No ids and no payload: they may be personal.
 */
export function tracingCommands(vouch: Vouch, tracer: Tracer): Vouch {
  return {
    ...vouch,
    execute(principal, command) {
      const type = commandTypeAttribute(command.type);
      return tracer.startActiveSpan(
        `command ${type}`,
        {
          attributes: {
            'vouch.command.type': type,
            'vouch.aggregate.type': aggregateTypeAttribute(type),
            'vouch.tenant_id': principal.tenantId,
          },
        },
        async (span) => {
          try {
            const result = await vouch.execute(principal, command);
            span.setAttribute('vouch.command.outcome', 'ok');
            return result;
          } catch (error) {
            const refused = error instanceof DomainError;
            const code = refused ? codeAttribute(error.code) : 'INTERNAL';
            span.setAttributes({
              'vouch.command.outcome': refused ? 'refused' : 'failed',
              'vouch.command.code': code,
            });
            // The code only: a message may quote the caller's input.
            span.setStatus({ code: SpanStatusCode.ERROR, message: code });
            throw error;
          } finally {
            span.end();
          }
        },
      );
    },
  };
}
