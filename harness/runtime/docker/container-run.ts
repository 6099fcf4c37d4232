/**
 * One run of a container, from a start (or restart) to its exit: what
 * `waitReady` watches — so a server that dies during its start is noticed at
 * once, with the last lines of its output — and what `kill()` waits on.
 */
import { constants } from 'node:os';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { OutputTail } from '../host/output-tail.ts';
import type { WatchedRun } from '../host/wait-ready.ts';
import type { DockerContainer, RuntimeClient } from './testcontainers-module.ts';

/** How long an exit waits for the rest of the container's output. */
const outputGraceMs = 1000;

export class ContainerRun implements WatchedRun {
  readonly tail = new OutputTail(50);
  readonly exited: Promise<number | undefined>;
  #exitCode: number | undefined;
  #done = false;

  private constructor(container: DockerContainer, output: Readable | undefined) {
    const outputEnded =
      output === undefined
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            output
              .once('end', resolve)
              .once('close', resolve)
              .once('error', () => resolve());
          });
    // `not-running`: at once if it already exited, else at its exit. The exit counts once its
    // output has all arrived (the log stream ends), so a failed start shows why it failed.
    this.exited = container.wait({ condition: 'not-running' }).then(
      async (r: { StatusCode?: number }) => {
        await Promise.race([outputEnded, sleep(outputGraceMs)]);
        return this.#finish(r.StatusCode);
      },
      () => this.#finish(undefined),
    );
  }

  /** Follows the output from `sinceSec` (0: from the container's creation) and waits for the exit. */
  static async follow(
    client: RuntimeClient,
    container: DockerContainer,
    sinceSec: number,
  ): Promise<ContainerRun> {
    let output: Readable | undefined;
    try {
      output = await client.container.logs(container, { since: sinceSec });
    } catch {
      // No output to show is no reason to fail a start.
    }
    const run = new ContainerRun(container, output);
    run.tail.follow(output ?? null);
    return run;
  }

  #finish(code: number | undefined): number | undefined {
    this.#done = true;
    this.#exitCode = code;
    return code;
  }

  isRunning(): boolean {
    return !this.#done;
  }

  describeExit(): string {
    if (!this.#done) return 'running';
    const code = this.#exitCode;
    if (code === undefined) return 'was removed';
    // 128 + n: killed by signal n (docker's convention for a container's exit status).
    const signal = Object.entries(constants.signals).find(([, n]) => code > 128 && n === code - 128)?.[0];
    return signal === undefined ? `exited with code ${code}` : `killed by ${signal} (exit status ${code})`;
  }
}
