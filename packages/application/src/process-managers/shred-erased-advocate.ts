import type { AdvocateErased } from '@vouch/domain';
import { dataOf, type ProcessManager } from './process-manager';

/**
 * Advocate erased (at once, or when the last legal hold was released) → the store
 * destroys their data key: every personal field of theirs, in every event, becomes
 * unreadable while the history and its integrity chain stay intact (invariant 10); the
 * tenant's digest is signed again (invariant 12), showing the history still verifies.
 */
export const shredErasedAdvocate: ProcessManager = {
  name: 'shred-erased-advocate',
  eventTypes: ['AdvocateErased'],
  decide(event) {
    const { advocateId } = dataOf<AdvocateErased>(event);
    return [
      { kind: 'forgetSubject', subjectId: advocateId },
      { kind: 'signDigest', reason: 'erasure' },
    ];
  },
};
