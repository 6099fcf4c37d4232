/**
 * Retries with exponential backoff and full jitter (AWS architecture blog,
 * "Exponential Backoff And Jitter"): before retry n (1-based) it sleeps a
 * uniformly random time in [0, min(maxMs, baseMs · 2^(n-1))). Only for calls
 * that are safe to repeat: the caller decides, per call, with `retries`.
 */
import { type Clock, systemClock } from './clock.ts';

export interface RetryOptions {
  /** Extra attempts after the first; 0 = call once. */
  retries: number;
  baseMs: number;
  maxMs: number;
  /** Whether this error is worth another attempt (default: any). */
  shouldRetry?: (err: unknown) => boolean;
  /** Called before each retry's backoff sleep. */
  onRetry?: (attempt: number, delayMs: number, err: unknown) => void;
  clock?: Clock;
  random?: () => number;
}

/** The full-jitter delay before retry `attempt` (1-based). */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const cap = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.floor(random() * cap);
}

export async function retry<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= opts.retries || opts.shouldRetry?.(err) === false) throw err;
      const delay = backoffDelay(attempt + 1, opts.baseMs, opts.maxMs, random);
      opts.onRetry?.(attempt + 1, delay, err);
      if (delay > 0) await clock.sleep(delay);
    }
  }
}
