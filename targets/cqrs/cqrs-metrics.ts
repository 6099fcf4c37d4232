/**
 * What the cqrs path exposes in /metrics, beside the common ones and the
 * event stream's queue_* gauges:
 * - API: cqrs_reads_total{entity, freshness="fresh"|"behind"|"stale"} (ack-tracker.ts)
 *   and cqrs_outbox_events (events committed, not yet published);
 * - projectors: cqrs_projection_lag_seconds — from the write model storing a
 *   write to the read model committing it, p50/p99 (summary) —,
 *   cqrs_events_projected_total{entity} and cqrs_projection_failures_total.
 */
import { Counter, Gauge, Summary } from 'prom-client';
import type { ServiceMetrics } from '../service/metrics.ts';
import type { ReadFreshness } from './ack-tracker.ts';

export function readMetrics(
  metrics: ServiceMetrics,
  backlog: () => Promise<number>,
): Counter<'entity' | 'freshness'> {
  new Gauge({
    name: 'cqrs_outbox_events',
    help: 'Domain events committed in the write model and not yet published to the broker',
    registers: [metrics.registry],
    async collect() {
      const n = await backlog().catch(() => undefined);
      if (n === undefined) this.reset();
      else this.set(n);
    },
  });
  return new Counter({
    name: 'cqrs_reads_total',
    help: 'Queries answered from the read model, by freshness: fresh, behind (missed writes younger than the lag bound) or stale (missed a write older than it)',
    labelNames: ['entity', 'freshness'] as const,
    registers: [metrics.registry],
  });
}

export type ReadCounter = Counter<'entity' | 'freshness'>;
export type { ReadFreshness };

export class ProjectorMetrics {
  readonly lag: Summary;
  readonly projected: Counter<'entity'>;
  readonly failures: Counter;
  readonly poison: Counter;

  constructor(metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.lag = new Summary({
      name: 'cqrs_projection_lag_seconds',
      help: 'From the write model storing a write to the read model committing its event',
      percentiles: [0.5, 0.99],
      registers,
    });
    this.projected = new Counter({
      name: 'cqrs_events_projected_total',
      help: 'Events projected into the read model by this projector (redeliveries included)',
      labelNames: ['entity'] as const,
      registers,
    });
    this.failures = new Counter({
      name: 'cqrs_projection_failures_total',
      help: 'Batches that failed to project and were nak-ed for redelivery',
      registers,
    });
    this.poison = new Counter({
      name: 'cqrs_poison_events_total',
      help: 'Messages that were not events and were terminated',
      registers,
    });
  }
}
