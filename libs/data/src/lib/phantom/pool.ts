// Bounded concurrency for file writes: at most `limit` in flight, so that rendering and I/O
// overlap without thousands of frames queued in memory.

/** Runs async jobs with at most `limit` in flight; `drain` waits for all and rethrows a failure. */
export class Pool {
  private readonly running = new Set<Promise<void>>();
  private failure: unknown = undefined;

  constructor(private readonly limit: number) {}

  /** Start `job`, first waiting for a free slot. */
  async add(job: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    this.throwIfFailed();
    const p: Promise<void> = job()
      .catch((err: unknown) => {
        this.failure ??= err;
      })
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.race(this.running);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
