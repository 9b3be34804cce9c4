/**
 * Runs tasks one after another per key, in the order they were queued. The SDK reports a
 * participant joining before its user's name is known (an async lookup) but reports leaving at
 * once; queuing both per participant keeps "joined" before "left", so no ghost stays behind.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Resolves once every task queued so far (and any they queued) has run. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }

  run(key: string, task: () => Promise<void> | void): void {
    const previous = this.tails.get(key) ?? Promise.resolve();
    // A failed task must not stop the ones queued behind it; each task reports its own failures.
    const next = previous.then(task).catch(() => undefined);
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
  }
}
