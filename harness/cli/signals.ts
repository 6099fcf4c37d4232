/**
 * SIGINT/SIGTERM during a run: the first signal aborts the run gracefully
 * (the orchestrator unwinds its teardown stack and writes a partial result);
 * a second one, or a graceful stop that takes too long, kills every process
 * the runtime started and exits at once.
 */
export interface SignalGuard extends Disposable {
  readonly signal: AbortSignal;
  /** The signal received, if any. */
  readonly received: NodeJS.Signals | undefined;
  /**
   * A stop asked by something other than a signal to this process (a wrapper
   * such as npx was signalled or is gone): as a first SIGTERM — a graceful
   * stop — and never as a second one, since a Ctrl-C at a terminal reaches
   * both harness and its wrapper.
   */
  stop(why: string): void;
}

export function guardSignals(opts: {
  onForce: () => void;
  log: (line: string) => void;
  /** How long a graceful stop may take before it is forced. */
  forceAfterMs?: number;
}): SignalGuard {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  let forceTimer: NodeJS.Timeout | undefined;

  const force = (why: string) => {
    opts.log(`${why}: killing everything now`);
    opts.onForce();
    process.exit(130);
  };
  const handler = (sig: NodeJS.Signals) => {
    if (received !== undefined) return force(`second ${sig}`);
    received = sig;
    opts.log(`${sig} received: stopping load, reverting faults, stopping targets… (again to force)`);
    controller.abort(new Error(`${sig} received`));
    forceTimer = setTimeout(() => force('graceful stop took too long'), opts.forceAfterMs ?? 15_000);
    forceTimer.unref();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);

  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    stop(why) {
      if (received !== undefined || controller.signal.aborted) return;
      received = 'SIGTERM';
      opts.log(`${why}: stopping load, reverting faults, stopping targets…`);
      controller.abort(new Error(why));
      forceTimer = setTimeout(() => force('graceful stop took too long'), opts.forceAfterMs ?? 15_000);
      forceTimer.unref();
    },
    [Symbol.dispose]() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
      if (forceTimer) clearTimeout(forceTimer);
    },
  };
}
