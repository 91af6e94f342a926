import type { AdvocateCommand } from '../advocate/advocate-commands';
import type { ReferenceRequestCommand } from '../reference-request/reference-request-commands';
import type { DomainError } from '../shared/domain-error';

/** One command a workflow decided, addressed to the aggregate that decides it. */
export type WorkflowCommand =
  | { readonly aggregate: 'Advocate'; readonly aggregateId: string; readonly command: AdvocateCommand }
  | {
      readonly aggregate: 'ReferenceRequest';
      readonly aggregateId: string;
      readonly command: ReferenceRequestCommand;
    };

/**
 * A step of a workflow's decision: its command, and what gives its effect back should a
 * later step be refused (a step that changes nothing the later ones depend on has none).
 */
export type WorkflowStep = WorkflowCommand & {
  readonly compensate?: (refusal: DomainError) => WorkflowCommand;
  /** The step is the consequence of a command the request's own rules allowed: run for the system, caused by the caller's. */
  readonly asSystem?: true;
};
