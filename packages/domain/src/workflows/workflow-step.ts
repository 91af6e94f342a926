import type { AdvocateCommand } from '../advocate/advocate-commands';
import type { ContentAssetCommand } from '../content-asset/content-asset-commands';
import type { ReferenceRequestCommand } from '../reference-request/reference-request-commands';
import type { DomainError } from '../shared/domain-error';

/** One command a workflow decided, addressed to the aggregate that decides it. */
export type WorkflowCommand = (
  | { readonly aggregate: 'Advocate'; readonly aggregateId: string; readonly command: AdvocateCommand }
  | {
      readonly aggregate: 'ReferenceRequest';
      readonly aggregateId: string;
      readonly command: ReferenceRequestCommand;
    }
  | {
      readonly aggregate: 'ContentAsset';
      readonly aggregateId: string;
      readonly command: ContentAssetCommand;
    }
) & {
  /**
   * SYSTEM: the step is the workflow's own doing, authorised by the caller's command (a rep's
   * self-serve reserves the advocate, which a rep may not do by hand; a requester's pick schedules
   * the advocate's engagement); its gates still hold.
   */
  readonly actsAs?: 'SYSTEM';
};

/**
 * A step of a workflow's decision: its command, and what gives its effect back should a
 * later step be refused (a step that changes nothing the later ones depend on has none).
 */
export type WorkflowStep = WorkflowCommand & {
  readonly compensate?: (refusal: DomainError) => WorkflowCommand;
};
