/**
 * What only the CLI does around a run: the first SIGINT/SIGTERM aborts it
 * gracefully through an AbortSignal (a second one, or a stop that takes too
 * long, kills everything at once) — and so does a wrapper above it (npx, a
 * shell) that was signalled or is gone (wrapper-watch.ts) — and a process
 * that exits anyway takes every server it started with it.
 */
import { killAllSync } from '../runtime/index.ts';
import { guardSignals } from './signals.ts';
import { watchWrappers } from './wrapper-watch.ts';

export async function withProcessGuard<T>(
  log: (line: string) => void,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  using guard = guardSignals({ onForce: killAllSync, log });
  // `npx harness`: a signal to npx stops at its shell; a wrapper gone or signalled is a SIGTERM.
  const unwatch = watchWrappers((why) => guard.stop(`harness: ${why}`));
  const onExit = () => killAllSync();
  process.on('exit', onExit);
  try {
    return await fn(guard.signal);
  } finally {
    unwatch();
    process.off('exit', onExit);
  }
}
