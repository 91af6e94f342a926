/**
 * A push source as an async iterator, for GraphQL subscriptions: `push` queues a value,
 * `fail` ends the iteration with an error, and `return()` (the client unsubscribed or
 * disconnected) runs `onClose` once. Holds at most `capacity` undelivered values: a
 * client that far behind is ended rather than let the server's memory grow.
 */
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private readonly waiting: ((result: IteratorResult<T>) => void)[] = [];
  private failure: Error | undefined;
  private closed = false;

  constructor(
    private readonly onClose: () => void,
    private readonly capacity = 1000,
  ) {}

  push(value: T): void {
    if (this.closed || this.failure) return;
    const next = this.waiting.shift();
    if (next) next({ value, done: false });
    else if (this.buffer.length < this.capacity) this.buffer.push(value);
    else this.fail(new Error('The subscriber fell too far behind; subscribe again.'));
  }

  fail(error: Error): void {
    if (this.closed || this.failure) return;
    this.failure = error;
    this.close();
  }

  next(): Promise<IteratorResult<T>> {
    const value = this.buffer.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    for (const resolve of this.waiting.splice(0)) resolve({ value: undefined, done: true });
  }
}
