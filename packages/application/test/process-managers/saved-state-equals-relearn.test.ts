import fc from 'fast-check';
import type { ProcessManager } from '../../src/process-managers/process-manager';
import { enrolApprovedNominee } from '../../src/process-managers/enrol-approved-nominee';
import { releaseEngagementsOfClosedRequest } from '../../src/process-managers/release-engagements-of-closed-request';
import { suspendContentOnConsentLoss } from '../../src/process-managers/suspend-content-on-consent-loss';
import { commandsOf, recorded } from '../support/process-manager-spec';

type Step = readonly [string, Record<string, unknown>];

const stepOf = (type: string, data: Record<string, unknown>): Step => [type, data];

/**
 * Folds `steps` from the manager's initial state, or — when `savedAfter` is given — folds the
 * first `savedAfter` steps, saves the state, sends it through JSON (as every store does) and
 * restores it before folding the rest. Answers the decisions on the steps after `from` and
 * the state saved at the end.
 */
function run<S>(manager: ProcessManager<S>, steps: readonly Step[], from: number, savedAfter?: number) {
  const codec = manager.savedState!;
  let state = manager.initialState!();
  const decided: unknown[] = [];
  steps.forEach(([type, data], i) => {
    if (i === savedAfter) state = codec.restore(JSON.parse(JSON.stringify(codec.save(state))));
    const event = recorded(i + 1, type, data);
    if (i >= from) decided.push(commandsOf(manager.decide(event, state)));
    state = manager.evolve!(state, event);
  });
  if (savedAfter === steps.length) state = codec.restore(JSON.parse(JSON.stringify(codec.save(state))));
  return { decided, saved: codec.save(state) };
}

/** The saved-state path and the relearn path decide the same and end in the same state, wherever the save falls. */
function savedEqualsRelearnt<S>(manager: ProcessManager<S>, step: fc.Arbitrary<Step>): void {
  fc.assert(
    fc.property(
      fc
        .array(step, { maxLength: 60 })
        .chain((steps) => fc.tuple(fc.constant(steps), fc.integer({ min: 0, max: steps.length }))),
      ([steps, split]) => {
        expect(run(manager, steps, split, split)).toEqual(run(manager, steps, split));
      },
    ),
    { numRuns: 300 },
  );
}

const id = (prefix: string, n = 4) => fc.integer({ min: 1, max: n }).map((i) => `${prefix}${i}`);

describe('a saved process-manager state equals the state relearnt from the log', () => {
  it('release engagements of a closed request', () => {
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc
        .tuple(fc.option(id('r'), { nil: undefined }), id('g', 8), id('a'))
        .map(([requestId, engagementId, advocateId]) =>
          stepOf('EngagementReserved', { ...(requestId ? { requestId } : {}), engagementId, advocateId }),
        ),
      fc
        .tuple(fc.constantFrom('EngagementCompleted', 'EngagementReleased'), id('g', 8))
        .map(([type, engagementId]) => stepOf(type, { engagementId })),
      fc
        .tuple(fc.constantFrom('RequestCancelled', 'RequestLapsed'), id('r'))
        .map(([type, requestId]) => stepOf(type, { requestId })),
    );
    savedEqualsRelearnt(releaseEngagementsOfClosedRequest, step);
  });

  it('suspend content on consent loss', () => {
    const kinds = fc.constantFrom('CASE_STUDY', 'QUOTE', 'LOGO');
    const reliance = fc
      .tuple(fc.constantFrom('ADVOCATE', 'ACCOUNT'), id('h', 2), id('k', 3))
      .map(([holder, holderId, consentId]) => ({ holder, holderId, consentId, consentVersion: 1 }));
    const lostKinds = fc.option(fc.uniqueArray(kinds, { minLength: 1 }), { nil: undefined });
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.tuple(id('c'), kinds).map(([contentId, kind]) => stepOf('ContentDrafted', { contentId, kind })),
      fc
        .tuple(
          fc.constantFrom('ContentPublished', 'ContentReinstated'),
          id('c'),
          fc.array(reliance, { maxLength: 3 }),
        )
        .map(([type, contentId, reliesOn]) => stepOf(type, { contentId, reliesOn })),
      fc
        .tuple(fc.constantFrom('ContentSuspended', 'ContentRetired'), id('c'))
        .map(([type, contentId]) => stepOf(type, { contentId })),
      fc
        .tuple(id('h', 2), id('k', 3), lostKinds)
        .map(([advocateId, consentId, k]) =>
          stepOf('ConsentWithdrawn', { advocateId, consentId, ...(k ? { kinds: k } : {}) }),
        ),
      fc
        .tuple(id('h', 2), id('k', 3))
        .map(([advocateId, consentId]) => stepOf('ConsentExpired', { advocateId, consentId })),
      fc
        .tuple(id('h', 2), id('k', 3), lostKinds)
        .map(([accountId, consentId, k]) =>
          stepOf('AccountConsentWithdrawn', { accountId, consentId, ...(k ? { kinds: k } : {}) }),
        ),
    );
    savedEqualsRelearnt(suspendContentOnConsentLoss, step);
  });

  it('enrol approved nominee', () => {
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.tuple(id('n', 6), id('p'), fc.string({ maxLength: 8 })).map(([nominationId, candidateId, name]) =>
        stepOf('NominationSubmitted', {
          nominationId,
          accountId: 'acme',
          candidateId,
          candidate: { name, email: `${name}@example.com`, title: 'CTO' },
          attributes: { industries: ['Retail'] },
          evidenceKind: 'NPS',
          evidence: `said ${name}`,
          nominatedBy: 'otto',
        }),
      ),
      fc
        .tuple(
          fc.constantFrom('NominationApproved', 'NominationRejected', 'NominationWithdrawn'),
          id('n', 6),
          id('p'),
        )
        .map(([type, nominationId, candidateId]) =>
          stepOf(type, { nominationId, candidateId, accountId: 'acme' }),
        ),
    );
    savedEqualsRelearnt(enrolApprovedNominee, step);
  });

  it('refuses a saved state of a shape it does not know', () => {
    expect(() => releaseEngagementsOfClosedRequest.savedState!.restore({ count: 1 })).toThrow();
    expect(() => suspendContentOnConsentLoss.savedState!.restore([1, 2])).toThrow();
  });
});
