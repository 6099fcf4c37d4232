/**
 * Repeats a probe until it succeeds, the deadline passes, the process exits
 * (noticed at once, not at the deadline) or the start is aborted.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { AbortedError, TargetStartError } from '../../../model/index.ts';
import type { Probe } from './probes.ts';

/** What readiness watches besides the probe: a process or a container that may die first. */
export interface WatchedRun {
  isRunning(): boolean;
  /** Resolves when it has exited. */
  readonly exited: Promise<unknown>;
  readonly tail: { text(): string };
  /** `exited with code 1`, `killed by SIGKILL`. */
  describeExit(): string;
}

export interface WaitReadyOptions {
  /** Instance id for messages: `postgres-0`. */
  id: string;
  probe: Probe;
  /** Absent for `external` components. */
  process: WatchedRun | undefined;
  timeoutMs: number;
  signal: AbortSignal;
  hint: string;
}

/** Thrown when the process died during start; `output` lets the caller spot a taken port. */
export class EarlyExitError extends TargetStartError {
  readonly output: string;
  constructor(message: string, output: string, hint: string) {
    super(message, { hint });
    this.output = output;
  }
}

export async function waitReady(opts: WaitReadyOptions): Promise<void> {
  const started = Date.now();
  const deadline = started + opts.timeoutMs;
  let lastError: unknown;
  let pause = 25;
  for (;;) {
    if (opts.signal.aborted) throw new AbortedError(`start of ${opts.id} aborted`);
    const proc = opts.process;
    if (proc !== undefined && !proc.isRunning()) {
      const output = proc.tail.text();
      throw new EarlyExitError(
        `${opts.id} ${proc.describeExit()} ${Date.now() - started} ms into its start${outputSection(output)}`,
        output,
        opts.hint,
      );
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new TargetStartError(
        `${opts.id} was not ready within its ${opts.timeoutMs} ms deadline (startTimeoutMs); last probe: ${reason(lastError)}${outputSection(proc?.tail.text() ?? '')}`,
        { hint: opts.hint },
      );
    }
    const attempt = AbortSignal.any([opts.signal, AbortSignal.timeout(Math.min(remaining, 2000))]);
    try {
      await opts.probe(attempt);
      return;
    } catch (error) {
      lastError = error;
    }
    // Wake early when the process exits or the start is aborted.
    const wake = new AbortController();
    const sleepSignal = AbortSignal.any([wake.signal, opts.signal]);
    await Promise.race([
      sleep(Math.min(pause, Math.max(0, deadline - Date.now())), undefined, { signal: sleepSignal }).catch(
        () => {},
      ),
      proc?.exited ?? new Promise(() => {}),
    ]);
    wake.abort();
    pause = Math.min(pause * 2, 200);
  }
}

function reason(error: unknown): string {
  if (error === undefined) return 'none';
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}

function outputSection(output: string): string {
  return output.trim() === '' ? '\n(no output)' : `\n--- last lines of its output ---\n${output}`;
}
