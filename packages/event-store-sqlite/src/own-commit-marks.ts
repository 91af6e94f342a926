/**
 * Which of this connection's commits last wrote each stream, for write marks: SQLite's
 * `data_version` counts only other connections' commits. Bounded: a forgotten stream
 * answers the newest commit forgotten so far, which no later commit to it can equal, so
 * its mark may change without a write (a needless read) but never stays put across one.
 */
export class OwnCommitMarks {
  private readonly last = new Map<string, number>();
  private commits = 0;
  private forgotten = 0;

  constructor(private readonly capacity = 50_000) {}

  /** The number the next commit will get (`committed` returns it). */
  upcoming(): number {
    return this.commits + 1;
  }

  /** Records one commit that wrote these streams (keys from `streamKey`); returns its number. */
  committed(streams: Iterable<string>): number {
    this.commits += 1;
    for (const key of streams) {
      this.last.delete(key); // re-inserted last: the oldest written leave first
      this.last.set(key, this.commits);
    }
    while (this.last.size > this.capacity) {
      const [oldest, commit] = this.last.entries().next().value!;
      this.last.delete(oldest);
      this.forgotten = Math.max(this.forgotten, commit);
    }
    return this.commits;
  }

  /** The commit of this connection that last wrote the stream (or a stand-in, see above). */
  of(key: string): number {
    return this.last.get(key) ?? this.forgotten;
  }
}
