/**
 * A binary heap that hands out its items best first, by a comparator that returns a
 * negative number when `a` comes before `b`. Built in linear time from the items, so a
 * caller that takes only the first few of many pays little more than one pass over them.
 */
export class BestFirstQueue<T> {
  private readonly items: T[];

  constructor(
    items: Iterable<T>,
    private readonly before: (a: T, b: T) => number,
  ) {
    this.items = [...items];
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  get size(): number {
    return this.items.length;
  }

  /** The best item without taking it. */
  peek(): T | undefined {
    return this.items[0];
  }

  /** Takes the best item out. */
  take(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** Puts an item in. */
  add(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.before(items[i]!, items[parent]!) >= 0) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  private siftDown(start: number): void {
    const items = this.items;
    const n = items.length;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) return;
      const right = left + 1;
      const child = right < n && this.before(items[right]!, items[left]!) < 0 ? right : left;
      if (this.before(items[child]!, items[i]!) >= 0) return;
      [items[i], items[child]] = [items[child]!, items[i]!];
      i = child;
    }
  }
}
