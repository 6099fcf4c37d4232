/**
 * One dependency's resilience policy, composed from the wrappers:
 *   retry( breaker( bulkhead( deadline( call ))))
 * - retry is outermost and only for idempotent calls; it does not retry a call
 *   the breaker or the bulkhead refused, nor an error `isFailure` rejects;
 * - every attempt passes the breaker (an open breaker fails fast, before
 *   taking a bulkhead slot), so attempts, not requests, feed its statistics;
 * - the deadline runs inside the bulkhead: queue wait is bounded by the
 *   in-flight calls' deadlines, and a timed-out call frees its slot.
 * Knobs set to 0 drop their wrapper (RESILIENCE=off: the call runs bare).
 * Errors come out raw (TimeoutError, CircuitOpenError, BulkheadFullError or
 * the call's own): the data path wraps them in a DependencyError (→ 503).
 */
import type { Registry } from 'prom-client';
import { Bulkhead, BulkheadFullError } from './bulkhead.ts';
import { CircuitBreaker, CircuitOpenError } from './circuit-breaker.ts';
import { type Clock, systemClock } from './clock.ts';
import { ResilienceMetrics } from './resilience-metrics.ts';
import { retry } from './retry.ts';
import { breakerEnabled, type ResilienceSettings } from './settings.ts';
import { TimeoutError, withDeadline } from './timeout.ts';

export interface CallOptions {
  /** Safe to repeat (reads, idempotent upserts): may be retried. */
  idempotent?: boolean;
}

export interface PolicyOptions {
  /** Errors that say nothing about the dependency's health (default: all count). */
  isFailure?: (err: unknown) => boolean;
  clock?: Clock;
  random?: () => number;
}

/** Errors a policy produced itself, rather than the dependency. */
export function isRefusal(err: unknown): boolean {
  return err instanceof CircuitOpenError || err instanceof BulkheadFullError;
}

export class DependencyPolicy {
  readonly name: string;
  readonly settings: ResilienceSettings;
  readonly breaker: CircuitBreaker | undefined;
  readonly bulkhead: Bulkhead | undefined;
  readonly #metrics: ResilienceMetrics;
  readonly #isFailure: (err: unknown) => boolean;
  readonly #clock: Clock;
  readonly #random: () => number;

  constructor(
    name: string,
    settings: ResilienceSettings,
    metrics: ResilienceMetrics,
    opts: PolicyOptions = {},
  ) {
    this.name = name;
    this.settings = settings;
    this.#metrics = metrics;
    this.#clock = opts.clock ?? systemClock;
    this.#random = opts.random ?? Math.random;
    const isFailure = opts.isFailure ?? (() => true);
    this.#isFailure = (err) =>
      !(err instanceof BulkheadFullError) && (err instanceof TimeoutError || isFailure(err));
    const s = settings;
    if (breakerEnabled(s)) {
      this.breaker = new CircuitBreaker({
        name,
        failures: s.breakerFailures,
        failureRate: s.breakerFailureRate / 100,
        windowMs: s.breakerWindowMs,
        minCalls: s.breakerMinCalls,
        cooldownMs: s.breakerCooldownMs,
        halfOpenCalls: s.breakerHalfOpenCalls,
        isFailure: this.#isFailure,
        clock: this.#clock,
        onTransition: (to) => metrics.transitions.inc({ dependency: name, to }),
      });
    }
    if (s.bulkhead > 0) {
      this.bulkhead = new Bulkhead({
        limit: s.bulkhead,
        queue: s.bulkheadQueue,
        onReject: () => metrics.rejected.inc({ dependency: name }),
      });
    }
    metrics.add(name, {
      state: () => this.breaker?.state ?? 'closed',
      inFlight: () => this.bulkhead?.inFlight ?? 0,
    });
  }

  run<T>(fn: () => Promise<T>, opts: CallOptions = {}): Promise<T> {
    const retries = opts.idempotent === true ? this.settings.retries : 0;
    if (retries === 0) return this.#attempt(fn);
    return retry(() => this.#attempt(fn), {
      retries,
      baseMs: this.settings.retryBaseMs,
      maxMs: this.settings.retryMaxMs,
      shouldRetry: (err) => !isRefusal(err) && this.#isFailure(err),
      onRetry: () => this.#metrics.retries.inc({ dependency: this.name }),
      clock: this.#clock,
      random: this.#random,
    });
  }

  #attempt<T>(fn: () => Promise<T>): Promise<T> {
    const timed = (): Promise<T> =>
      this.settings.timeoutMs > 0
        ? withDeadline(fn, this.settings.timeoutMs, this.#clock).catch((err: unknown) => {
            if (err instanceof TimeoutError) this.#metrics.timeouts.inc({ dependency: this.name });
            throw err;
          })
        : fn();
    const bulk = this.bulkhead === undefined ? timed : () => this.bulkhead!.run(timed);
    return this.breaker === undefined ? bulk() : this.breaker.call(bulk);
  }
}

/** The policies of one process, one per dependency name, sharing the metrics. */
export class Resilience {
  readonly settings: ResilienceSettings;
  readonly #metrics: ResilienceMetrics;
  readonly #policies = new Map<string, DependencyPolicy>();
  readonly #clock: Clock;

  constructor(settings: ResilienceSettings, registry: Registry, clock: Clock = systemClock) {
    this.settings = settings;
    this.#metrics = new ResilienceMetrics(registry);
    this.#clock = clock;
  }

  for(dependency: string, opts: Omit<PolicyOptions, 'clock'> = {}): DependencyPolicy {
    let policy = this.#policies.get(dependency);
    if (policy === undefined) {
      policy = new DependencyPolicy(dependency, this.settings, this.#metrics, {
        ...opts,
        clock: this.#clock,
      });
      this.#policies.set(dependency, policy);
    }
    return policy;
  }
}
