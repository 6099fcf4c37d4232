/**
 * A LIFO stack of cleanups: revert faults → stop load → stop targets, in the
 * reverse order they were set up — on success, on failure and on Ctrl-C.
 * Every cleanup runs even when an earlier one throws; errors are collected.
 */
export class TeardownStack implements AsyncDisposable {
  private readonly steps: { name: string; run: () => Promise<void> | void }[] = [];

  push(name: string, run: () => Promise<void> | void): void {
    this.steps.push({ name, run });
  }

  /** Runs and removes every step, last first. Returns the errors, labelled. */
  async unwind(): Promise<Error[]> {
    const errors: Error[] = [];
    while (this.steps.length > 0) {
      const step = this.steps.pop()!;
      try {
        await step.run();
      } catch (err) {
        errors.push(new Error(`teardown "${step.name}" failed: ${(err as Error).message}`, { cause: err }));
      }
    }
    return errors;
  }

  get size(): number {
    return this.steps.length;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.unwind();
  }
}
