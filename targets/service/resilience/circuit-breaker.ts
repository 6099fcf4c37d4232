/**
 * A circuit breaker for one dependency.
 * - closed: calls go through; it opens after `failures` consecutive failures,
 *   or when at least `minCalls` calls in the last `windowMs` failed at a rate
 *   ≥ `failureRate`.
 * - open: calls fail at once with CircuitOpenError, for `cooldownMs`.
 * - half-open: up to `halfOpenCalls` trial calls go through (more fail fast);
 *   one failure re-opens it, `halfOpenCalls` successes close it.
 * Only errors `isFailure` accepts count; others (a constraint violation: the
 * dependency answered) count as successes.
 */
import { type Clock, systemClock } from './clock.ts';
import { RollingWindow } from './rolling-window.ts';

export type CircuitState = 'closed' | 'half-open' | 'open';

export class CircuitOpenError extends Error {
  constructor(name: string) {
    super(`circuit breaker for ${name} is open`);
    this.name = 'CircuitOpenError';
  }
}

export interface CircuitBreakerOptions {
  name: string;
  /** Consecutive failures that open the circuit; 0 = only the rate opens it. */
  failures: number;
  /** 0–1; 0 = only consecutive failures open it. */
  failureRate: number;
  windowMs: number;
  minCalls: number;
  cooldownMs: number;
  halfOpenCalls: number;
  isFailure?: (err: unknown) => boolean;
  onTransition?: (to: CircuitState, from: CircuitState) => void;
  clock?: Clock;
}

export class CircuitBreaker {
  readonly #opts: CircuitBreakerOptions;
  readonly #clock: Clock;
  readonly #window: RollingWindow;
  #state: CircuitState = 'closed';
  #consecutive = 0;
  #openedAt = 0;
  #trials = 0;
  #trialSuccesses = 0;

  constructor(opts: CircuitBreakerOptions) {
    this.#opts = opts;
    this.#clock = opts.clock ?? systemClock;
    this.#window = new RollingWindow(opts.windowMs);
  }

  /** The state now (an open circuit whose cool-down is over reads as half-open). */
  get state(): CircuitState {
    if (this.#state === 'open' && this.#clock.now() - this.#openedAt >= this.#opts.cooldownMs) {
      this.#to('half-open');
    }
    return this.#state;
  }

  async call<T>(fn: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open') throw new CircuitOpenError(this.#opts.name);
    const trial = state === 'half-open';
    if (trial) {
      if (this.#trials >= this.#opts.halfOpenCalls) throw new CircuitOpenError(this.#opts.name);
      this.#trials++;
    }
    try {
      const result = await fn();
      this.#succeeded(trial);
      return result;
    } catch (err) {
      if (this.#opts.isFailure?.(err) === false) this.#succeeded(trial);
      else this.#failed(trial);
      throw err;
    }
  }

  #succeeded(trial: boolean): void {
    if (trial) {
      if (this.#state !== 'half-open') return;
      if (++this.#trialSuccesses >= this.#opts.halfOpenCalls) this.#to('closed');
      return;
    }
    this.#consecutive = 0;
    this.#window.record(this.#clock.now(), true);
  }

  #failed(trial: boolean): void {
    if (trial) {
      if (this.#state === 'half-open') this.#to('open');
      return;
    }
    if (this.#state !== 'closed') return; // a straggler from before the circuit opened
    const now = this.#clock.now();
    this.#consecutive++;
    this.#window.record(now, false);
    const { calls, failures } = this.#window.totals(now);
    const byCount = this.#opts.failures > 0 && this.#consecutive >= this.#opts.failures;
    const byRate =
      this.#opts.failureRate > 0 &&
      calls >= this.#opts.minCalls &&
      failures / calls >= this.#opts.failureRate;
    if (byCount || byRate) this.#to('open');
  }

  #to(next: CircuitState): void {
    const from = this.#state;
    if (from === next) return;
    this.#state = next;
    if (next === 'open') this.#openedAt = this.#clock.now();
    this.#trials = 0;
    this.#trialSuccesses = 0;
    if (next === 'closed') {
      this.#consecutive = 0;
      this.#window.reset();
    }
    this.#opts.onTransition?.(next, from);
  }
}
