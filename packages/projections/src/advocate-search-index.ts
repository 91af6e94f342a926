import type { AdvocateState } from '@vouch/domain';
import type { AdvocateDirectory } from './advocate-directory';
import { readableContact } from './advocate-views';
import { insertSorted, removeSorted } from './sorted-keys';
import { normalise, words } from './text';

/** The fields advocates are indexed by; each maps a normalised value to the advocates that have it. */
export const INDEXED_FIELDS = [
  'industry',
  'segment',
  'region',
  'product',
  'useCase',
  'language',
  'seniority',
  'status',
  'consentKind',
  'word',
  'titleWord',
] as const;
export type IndexedField = (typeof INDEXED_FIELDS)[number];

/**
 * Inverted indexes over the directory (value → advocate ids), so a search costs in
 * proportion to the advocates that match rather than to all advocates. Derived data:
 * never snapshotted, rebuilt from the directory on restore.
 */
export class AdvocateSearchIndex {
  private readonly postings = new Map<IndexedField, Map<string, Set<string>>>(
    INDEXED_FIELDS.map((f) => [f, new Map()]),
  );
  // The postings each advocate is in, so a change removes exactly the old entries. The sets
  // themselves, not (field, value) pairs: no per-advocate copies of the values (memory).
  private readonly entries = new Map<string, Set<string>[]>();
  // Every indexed id in ascending order, and the postings a search walked in order: kept up to
  // date by binary insertion once made, so a first page never sorts its matches (made lazily:
  // only postings a search drove take the memory).
  private sorted: string[] | undefined;
  private readonly sortedPostings = new WeakMap<ReadonlySet<string>, string[]>();
  // Whether any posting was ever sorted: until a search sorts one (a whole rebuild, whose index
  // is built at the end of its catch-up), joins and leaves skip the WeakMap look-up.
  private anySorted = false;

  constructor(private readonly directory: AdvocateDirectory) {}

  /** The advocates with `value` in `field` (empty when none). */
  posting(field: IndexedField, value: string): ReadonlySet<string> {
    return this.postings.get(field)!.get(value) ?? EMPTY;
  }

  /** The values of `field` that have (or had) a posting, in no particular order. */
  values(field: IndexedField): IterableIterator<string> {
    return this.postings.get(field)!.keys();
  }

  /** Every indexed advocate id in ascending order. */
  allSorted(): readonly string[] {
    if (!this.sorted) this.sorted = [...this.entries.keys()].sort();
    return this.sorted;
  }

  /** The ids of one posting (as `posting` returned it) in ascending order. */
  sortedPosting(posting: ReadonlySet<string>): readonly string[] {
    let sorted = this.sortedPostings.get(posting);
    if (!sorted) {
      this.sortedPostings.set(posting, (sorted = [...posting].sort()));
      this.anySorted = true;
    }
    return sorted;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Re-indexes one advocate after its profile, status or consents changed. */
  reindexAdvocate(advocateId: string): void {
    const old = this.entries.get(advocateId);
    const state = this.directory.advocate(advocateId);
    const fresh: Set<string>[] = [];
    if (state) {
      for (const [field, value] of this.keysOf(state)) {
        const byValue = this.postings.get(field)!;
        let set = byValue.get(value);
        if (!set) byValue.set(value, (set = new Set()));
        if (!fresh.includes(set)) fresh.push(set); // a product of both advocate and account
      }
    }
    // Only the postings whose membership changed are touched, so their sorted orders stay.
    const kept = new Set(fresh);
    if (old) for (const set of old) if (!kept.has(set)) this.leave(set, advocateId);
    const before = new Set(old);
    for (const set of fresh) if (!before.has(set)) this.join(set, advocateId);
    if (!state) {
      if (old) {
        this.entries.delete(advocateId);
        if (this.sorted) removeSorted(this.sorted, advocateId);
      }
      return;
    }
    if (!old && this.sorted) insertSorted(this.sorted, advocateId);
    this.entries.set(advocateId, fresh);
  }

  private join(set: Set<string>, advocateId: string): void {
    set.add(advocateId);
    if (!this.anySorted) return;
    const sorted = this.sortedPostings.get(set);
    if (sorted) insertSorted(sorted, advocateId);
  }

  private leave(set: Set<string>, advocateId: string): void {
    set.delete(advocateId);
    if (!this.anySorted) return;
    const sorted = this.sortedPostings.get(set);
    if (sorted) removeSorted(sorted, advocateId);
  }

  /** Re-indexes every advocate of an account after the account changed. */
  reindexAccount(accountId: string): void {
    for (const id of this.directory.advocatesByAccount.get(accountId) ?? []) this.reindexAdvocate(id);
  }

  /** Rebuilds every index from the directory. */
  rebuild(): void {
    // Fresh sets, so no sorted order made for the old ones is kept.
    for (const byValue of this.postings.values()) byValue.clear();
    this.entries.clear();
    this.sorted = undefined;
    for (const id of this.directory.advocates.keys()) this.reindexAdvocate(id);
  }

  private keysOf(state: AdvocateState): [IndexedField, string][] {
    const keys: [IndexedField, string][] = [['status', state.status]];
    const add = (field: IndexedField, value: string) => keys.push([field, normalise(value)]);
    const profile = this.directory.accountOf(state)?.profile;
    if (profile) {
      add('industry', profile.industry);
      add('segment', profile.segment);
      add('region', profile.region);
      for (const p of profile.products) add('product', p);
      for (const w of words(profile.name)) keys.push(['word', w]);
    }
    const a = state.attributes;
    if (a) {
      add('seniority', a.seniority);
      for (const p of a.products) add('product', p);
      for (const u of a.useCases) add('useCase', u);
      for (const l of a.languages) add('language', l);
      for (const t of a.topics) for (const w of words(t)) keys.push(['word', w]);
    }
    // Titles are personal data: kept apart so only callers allowed to see titles search them.
    const contact = readableContact(state);
    if (contact) for (const w of words(contact.title)) keys.push(['titleWord', w]);
    for (const consent of Object.values(state.consents)) {
      for (const kind of consent.kinds) {
        if (!consent.withdrawnKinds.includes(kind)) keys.push(['consentKind', kind]);
      }
    }
    return keys;
  }
}

const EMPTY: ReadonlySet<string> = new Set();
