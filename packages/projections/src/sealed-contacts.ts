import type { AdvocateContact, AdvocateState } from '@vouch/domain';
import type { SealedValue } from '@vouch/event-store';
import type { AdvocateDirectorySnapshot } from './advocate-directory';
import { readableContact } from './advocate-views';
import type { SnapshotKeys } from './snapshot-keys';

/** An advocate as saved: the contact sealed under the advocate's key, in its place. */
export type SealedAdvocateState = Omit<AdvocateState, 'contact'> & { readonly contact?: SealedValue };

/** The directory as saved: no contact in plain text. */
export interface SealedDirectorySnapshot extends Omit<AdvocateDirectorySnapshot, 'advocates'> {
  readonly advocates: [string, SealedAdvocateState][];
}

/**
 * Remembers the sealed form of each contact object: a contact that did not change since
 * the last save is not sealed (nor its key looked up) again. States are immutable, so an
 * object seen before holds the same values.
 */
export type SealedContactCache = WeakMap<AdvocateContact, SealedValue>;

/** Contacts sealed per call of `sealMany` (their keys looked up together). */
export const SEAL_BATCH = 4096;

/** Seals every readable contact of the directory snapshot (invariant 10): no contact is saved in plain text. */
export async function sealContacts(
  snapshot: AdvocateDirectorySnapshot,
  keys: SnapshotKeys,
  cache: SealedContactCache,
): Promise<SealedDirectorySnapshot> {
  // The contacts not sealed before, sealed together (their keys looked up in one go).
  const fresh: { subjectId: string; values: AdvocateContact }[] = [];
  for (const [id, state] of snapshot.advocates) {
    const contact = state.contact === undefined ? undefined : readableContact(state);
    if (contact && !cache.has(contact)) fresh.push({ subjectId: id, values: contact });
  }
  // In batches: the first save after a catch-up seals every contact, and one call would hold
  // every advocate's unwrapped key at once (≈ 30 MB at 100k advocates) beside the snapshot.
  for (let start = 0; start < fresh.length; start += SEAL_BATCH) {
    const batch = fresh.slice(start, start + SEAL_BATCH);
    const sealedNow = await keys.sealMany(batch);
    sealedNow.forEach((sealed, i) => sealed && cache.set(batch[i]!.values, sealed));
  }
  const advocates: [string, SealedAdvocateState][] = [];
  for (const [id, state] of snapshot.advocates) {
    if (state.contact === undefined) {
      advocates.push([id, state as SealedAdvocateState]);
      continue;
    }
    const contact = readableContact(state);
    // Replaced in place, so a restored state has its members in the order a replay gives.
    advocates.push([id, { ...state, contact: contact ? cache.get(contact) : undefined }]);
  }
  return { ...snapshot, advocates };
}

/** The directory snapshot back, with the contacts of advocates who are not erased. */
export async function openContacts(
  saved: SealedDirectorySnapshot,
  keys: SnapshotKeys,
  cache: SealedContactCache,
): Promise<AdvocateDirectorySnapshot> {
  const sealed = saved.advocates.flatMap(([, state]) => (state.contact ? [state.contact] : []));
  const opened = sealed.length > 0 ? await keys.openMany(sealed) : [];
  let next = 0;
  const advocates: [string, AdvocateState][] = [];
  for (const [id, state] of saved.advocates) {
    if (state.contact === undefined) {
      advocates.push([id, state as AdvocateState]);
      continue;
    }
    const contact = opened[next++] as AdvocateContact | undefined;
    if (contact) cache.set(contact, state.contact);
    advocates.push([id, { ...state, contact }]);
  }
  return { ...saved, advocates };
}
