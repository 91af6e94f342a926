import type { AdvocateErased } from '@vouch/domain';
import { dataOf, type ProcessManager } from './process-manager';

/**
 * Advocate erased (at once, or when the last legal hold was released) → the store
 * destroys their data key: every personal field of theirs, in every event, becomes
 * unreadable while the history and its integrity chain stay intact (invariant 10); the
 * tenant's digest is signed again (invariant 12).
 */
export const shredErasedAdvocate: ProcessManager = {
  name: 'shred-erased-advocate',
  eventTypes: ['AdvocateErased'],
  async handle(event, context) {
    const { advocateId } = dataOf<AdvocateErased>(event);
    await context.store.forgetSubject(context.tenantId, advocateId);
    // Invariant 12: a signed digest right after the erasure shows the history still verifies.
    await context.signDigest?.('erasure');
  },
};
