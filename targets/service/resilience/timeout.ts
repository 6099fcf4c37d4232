/**
 * A per-call deadline: the call's promise races a timer. The call itself is not
 * cancelled (the Postgres driver gets its own query_timeout for that); its
 * caller just stops waiting, with a TimeoutError.
 */
import { type Clock, systemClock } from './clock.ts';

export class TimeoutError extends Error {
  readonly ms: number;
  constructor(ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'TimeoutError';
    this.ms = ms;
  }
}

/** Runs `fn` with a deadline of `ms` (≤ 0: none). */
export function withDeadline<T>(fn: () => Promise<T>, ms: number, clock: Clock = systemClock): Promise<T> {
  if (ms <= 0) return fn();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const cancel = clock.setTimer(() => {
      if (settled) return;
      settled = true;
      reject(new TimeoutError(ms));
    }, ms);
    fn().then(
      (value) => {
        if (settled) return;
        settled = true;
        cancel();
        resolve(value);
      },
      (err: unknown) => {
        if (settled) return;
        settled = true;
        cancel();
        reject(err);
      },
    );
  });
}
