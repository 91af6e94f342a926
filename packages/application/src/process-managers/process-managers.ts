import { enrolApprovedNominee } from './enrol-approved-nominee';
import { informRequesterOfRelease } from './inform-requester-of-release';
import { mirrorAdvocateResponse } from './mirror-advocate-response';
import { mirrorMissedEngagement } from './mirror-missed-engagement';
import { mirrorRequestFeedback } from './mirror-request-feedback';
import type { ProcessManager } from './process-manager';
import { releaseEngagementsOfClosedRequest } from './release-engagements-of-closed-request';
import { shredErasedAdvocate } from './shred-erased-advocate';
import { suspendContentOnConsentLoss } from './suspend-content-on-consent-loss';

/** Every process manager of Vouch. */
export const PROCESS_MANAGERS: readonly ProcessManager[] = [
  enrolApprovedNominee,
  mirrorAdvocateResponse,
  mirrorMissedEngagement,
  mirrorRequestFeedback,
  informRequesterOfRelease,
  releaseEngagementsOfClosedRequest,
  suspendContentOnConsentLoss,
  shredErasedAdvocate,
];
