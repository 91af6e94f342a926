import { SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { BackgroundStepObserver } from '@vouch/application';
import { DomainError } from '@vouch/domain';
import { codeAttribute, commandTypeAttribute } from './span-attributes';

/** A root span around each background step: a process manager's reaction or a due command. */
export function backgroundStepSpans(tracer: Tracer): BackgroundStepObserver {
  return (step, run) =>
    tracer.startActiveSpan(
      `${step.job} ${step.job === 'due-work' ? commandTypeAttribute(step.name) : step.name}`,
      {
        root: true,
        attributes: {
          'vouch.job.kind': step.job,
          'vouch.job.name': step.job === 'due-work' ? commandTypeAttribute(step.name) : step.name,
          'vouch.job.reaction': step.reaction,
          'vouch.tenant_id': step.tenantId,
          ...(step.commandType !== undefined
            ? { 'vouch.command.type': commandTypeAttribute(step.commandType) }
            : {}),
          ...(step.eventType !== undefined ? { 'vouch.event.type': step.eventType } : {}),
        },
      },
      async (span) => {
        try {
          return await run();
        } catch (error) {
          const code = error instanceof DomainError ? codeAttribute(error.code) : 'INTERNAL';
          span.setStatus({ code: SpanStatusCode.ERROR, message: code });
          throw error;
        } finally {
          span.end();
        }
      },
    );
}
