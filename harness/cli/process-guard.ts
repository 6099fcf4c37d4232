/**
 * What only the CLI does around a run: the first SIGINT/SIGTERM aborts it
 * gracefully through an AbortSignal (a second one, or a stop that takes too
 * long, kills everything at once), and a process that exits anyway takes
 * every server it started with it.
 */
import { killAllSync } from '../runtime/index.ts';
import { guardSignals } from './signals.ts';

export async function withProcessGuard<T>(
  log: (line: string) => void,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  using guard = guardSignals({ onForce: killAllSync, log });
  const onExit = () => killAllSync();
  process.on('exit', onExit);
  try {
    return await fn(guard.signal);
  } finally {
    process.off('exit', onExit);
  }
}
