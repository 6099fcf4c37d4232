/**
 * The resilience metrics, by dependency (`primary`, `replica-N`, `shard-N`,
 * `redis`, `nats`), in the service's registry:
 * circuit_state (0 closed, 1 half-open, 2 open), circuit_transitions_total{to},
 * bulkhead_rejected_total, bulkhead_in_flight, dependency_retries_total,
 * dependency_timeouts_total.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { CircuitState } from './circuit-breaker.ts';

const stateValue: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

export interface DependencyGauges {
  state(): CircuitState;
  inFlight(): number;
}

export class ResilienceMetrics {
  readonly #gauges = new Map<string, DependencyGauges>();
  readonly transitions: Counter<'dependency' | 'to'>;
  readonly rejected: Counter<'dependency'>;
  readonly retries: Counter<'dependency'>;
  readonly timeouts: Counter<'dependency'>;

  constructor(registry: Registry) {
    const gauges = this.#gauges;
    new Gauge({
      name: 'circuit_state',
      help: 'Circuit breaker state by dependency: 0 closed, 1 half-open, 2 open',
      labelNames: ['dependency'] as const,
      registers: [registry],
      collect() {
        for (const [dependency, g] of gauges) this.set({ dependency }, stateValue[g.state()]);
      },
    });
    new Gauge({
      name: 'bulkhead_in_flight',
      help: 'Calls in flight through the bulkhead, by dependency',
      labelNames: ['dependency'] as const,
      registers: [registry],
      collect() {
        for (const [dependency, g] of gauges) this.set({ dependency }, g.inFlight());
      },
    });
    this.transitions = new Counter({
      name: 'circuit_transitions_total',
      help: 'Circuit breaker state changes, by dependency and new state',
      labelNames: ['dependency', 'to'] as const,
      registers: [registry],
    });
    this.rejected = new Counter({
      name: 'bulkhead_rejected_total',
      help: 'Calls refused because the bulkhead and its queue were full, by dependency',
      labelNames: ['dependency'] as const,
      registers: [registry],
    });
    this.retries = new Counter({
      name: 'dependency_retries_total',
      help: 'Retried calls (idempotent only), by dependency',
      labelNames: ['dependency'] as const,
      registers: [registry],
    });
    this.timeouts = new Counter({
      name: 'dependency_timeouts_total',
      help: 'Calls that passed the resilience deadline, by dependency',
      labelNames: ['dependency'] as const,
      registers: [registry],
    });
  }

  /** Adds a dependency: its gauges are read on every scrape, its counters start at 0. */
  add(dependency: string, gauges: DependencyGauges): void {
    this.#gauges.set(dependency, gauges);
    this.rejected.inc({ dependency }, 0);
    this.retries.inc({ dependency }, 0);
    this.timeouts.inc({ dependency }, 0);
  }
}
