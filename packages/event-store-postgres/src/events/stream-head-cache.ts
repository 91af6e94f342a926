/** A stream's head as this process last wrote it. */
export interface CachedHead {
  readonly version: number;
  readonly hash: string;
}

/**
 * The heads of the streams this process appended to most recently, so the next append
 * to one of them can plan without reading first. A stale entry is harmless: the write
 * checks the head it was planned against and the append replans from a fresh read.
 * Bounded: the least recently used entry goes first.
 */
export class StreamHeadCache {
  private readonly heads = new Map<string, CachedHead>();

  constructor(private readonly capacity: number) {}

  get(key: string): CachedHead | undefined {
    const head = this.heads.get(key);
    if (head) {
      this.heads.delete(key);
      this.heads.set(key, head);
    }
    return head;
  }

  set(key: string, head: CachedHead): void {
    this.heads.delete(key);
    this.heads.set(key, head);
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value!);
  }

  delete(key: string): void {
    this.heads.delete(key);
  }
}
