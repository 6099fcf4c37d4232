/**
 * A sleep that ends early when its signal aborts: removing a toxic must release
 * the chunks it is holding at once (Toxiproxy flushes them rather than drop them).
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Sleeps until `deadline` (a performance.now() value). */
export function sleepUntil(deadline: number, signal: AbortSignal): Promise<void> {
  return sleep(deadline - performance.now(), signal);
}
