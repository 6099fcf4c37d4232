/**
 * Runs a fault timeline (`planFaults`) against a deployment with timers,
 * relative to the start of the load. Each fault has its own chain — its
 * revert waits for its apply, a slow restart does not hold up other faults.
 * `stop()` (or aborting `signal`) cancels what has not run yet and reverts,
 * newest first, every applied fault that is still in place: the first entry
 * of the teardown stack (revert faults → stop load → stop targets).
 */
import type { Deployment, FaultSpec } from '../../model/index.ts';
import { inject as realInject } from '../injectors/index.ts';
import type { AppliedFault, InjectContext } from '../injectors/types.ts';
import type { FaultEvent } from './plan.ts';

export type FaultScheduleEvent =
  | { type: 'applied'; event: FaultEvent; applied: AppliedFault }
  | { type: 'reverted'; event: FaultEvent | undefined; applied: AppliedFault }
  | { type: 'failed'; event: FaultEvent; action: FaultEvent['action']; error: Error };

export interface RunFaultScheduleOptions {
  /** Aborting reverts everything applied (as `stop()`). */
  signal?: AbortSignal;
  onEvent?: (event: FaultScheduleEvent) => void;
  log?: (line: string) => void;
  /** When the load started, ms since the epoch (default now): `at` counts from here. */
  startedAt?: number;
  /** Default: the injectors (tests pass a fake). */
  inject?: (deployment: Deployment, fault: FaultSpec, ctx: InjectContext) => Promise<AppliedFault>;
}

export interface FaultSchedule {
  /** Every fault applied so far, in the order applied. */
  readonly applied: readonly AppliedFault[];
  /** Applies and reverts that failed. */
  readonly failures: readonly { event: FaultEvent; error: Error }[];
  /** Resolves once every event has run, or the schedule was stopped. */
  readonly done: Promise<void>;
  /** Cancels pending events and reverts what is still applied, newest first. Idempotent. */
  stop(): Promise<void>;
}

export function runFaultSchedule(
  deployment: Deployment,
  timeline: readonly FaultEvent[],
  opts: RunFaultScheduleOptions = {},
): FaultSchedule {
  const log = opts.log ?? (() => {});
  const doInject = opts.inject ?? realInject;
  const startedAt = opts.startedAt ?? Date.now();
  const applied: AppliedFault[] = [];
  const byIndex = new Map<number, AppliedFault>();
  const failures: { event: FaultEvent; error: Error }[] = [];
  const chains = new Map<number, Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let pending = timeline.length;
  let stopped = false;
  let stopping: Promise<void> | undefined;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  if (pending === 0) resolveDone();

  const emit = (e: FaultScheduleEvent) => {
    try {
      opts.onEvent?.(e);
    } catch (error) {
      log(`fault schedule: onEvent threw: ${String(error)}`);
    }
  };
  const fail = (event: FaultEvent, error: unknown) => {
    const err = error instanceof Error ? error : new Error(String(error));
    failures.push({ event, error: err });
    log(`${event.label}: ${event.action} failed: ${err.message}`);
    emit({ type: 'failed', event, action: event.action, error: err });
  };

  const run = async (event: FaultEvent): Promise<void> => {
    if (stopped) return;
    if (event.action === 'apply') {
      try {
        const fault = await doInject(deployment, event.fault, { log });
        applied.push(fault);
        byIndex.set(event.index, fault);
        emit({ type: 'applied', event, applied: fault });
      } catch (error) {
        fail(event, error);
      }
      return;
    }
    const fault = byIndex.get(event.index);
    if (fault === undefined || fault.revertedAt !== undefined) return;
    try {
      await fault.revert();
      emit({ type: 'reverted', event, applied: fault });
    } catch (error) {
      fail(event, error);
    }
  };

  for (const event of timeline) {
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        const previous = chains.get(event.index) ?? Promise.resolve();
        const next = previous.then(() => run(event));
        chains.set(event.index, next);
        void next.finally(() => {
          if (--pending === 0) resolveDone();
        });
      },
      Math.max(0, startedAt + event.at - Date.now()),
    );
    timers.add(timer);
  }

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      // An apply in flight finishes first, so what it applied is reverted too.
      await Promise.allSettled(chains.values());
      for (const fault of [...applied].reverse()) {
        if (!fault.reversible || fault.revertedAt !== undefined) continue;
        try {
          await fault.revert();
          log(`${fault.label}: reverted at stop`);
          emit({ type: 'reverted', event: undefined, applied: fault });
        } catch (error) {
          log(`${fault.label}: revert at stop failed: ${String(error)}`);
        }
      }
      resolveDone();
    })();
    return stopping;
  };
  opts.signal?.addEventListener('abort', () => void stop(), { once: true });
  if (opts.signal?.aborted) void stop();

  return { applied, failures, done, stop };
}
