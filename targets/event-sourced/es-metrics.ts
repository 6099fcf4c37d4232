/**
 * What the event-sourced path exposes in /metrics, beside the common ones:
 * - es_events_appended_total{stream}: events written (item, order);
 * - es_replay_seconds{source="snapshot"|"log"}: rebuilding an aggregate (load
 *   and fold), from a snapshot or from the first event — p50/p99 (summary);
 * - es_replay_events{source}: events folded per rebuild — p50/p99;
 * - es_snapshots_written_total; es_log_events: the log's length (last seq).
 */
import { Counter, Gauge, Summary } from 'prom-client';
import type { Db } from '../service/db.ts';
import type { ServiceMetrics } from '../service/metrics.ts';

export type ReplaySource = 'snapshot' | 'log';

export class EventSourcedMetrics {
  readonly appended: Counter<'stream'>;
  readonly replaySeconds: Summary<'source'>;
  readonly replayEvents: Summary<'source'>;
  readonly snapshotsWritten: Counter;

  constructor(metrics: ServiceMetrics, db: Db) {
    const registers = [metrics.registry];
    this.appended = new Counter({
      name: 'es_events_appended_total',
      help: 'Events appended to the log, by stream type',
      labelNames: ['stream'] as const,
      registers,
    });
    this.replaySeconds = new Summary({
      name: 'es_replay_seconds',
      help: 'Time to rebuild an aggregate (load + fold), from its latest snapshot or from its first event',
      labelNames: ['source'] as const,
      percentiles: [0.5, 0.99],
      registers,
    });
    this.replayEvents = new Summary({
      name: 'es_replay_events',
      help: 'Events folded to rebuild an aggregate, from its latest snapshot or from its first event',
      labelNames: ['source'] as const,
      percentiles: [0.5, 0.99],
      registers,
    });
    this.snapshotsWritten = new Counter({
      name: 'es_snapshots_written_total',
      help: 'Snapshots stored (one every N events of a stream)',
      registers,
    });
    new Gauge({
      name: 'es_log_events',
      help: 'Events in the log (its last sequence number)',
      registers,
      async collect() {
        const { rows } = await db
          .query<{ n: string }>('es-log-length', 'SELECT coalesce(max(seq), 0) AS n FROM es_events', [], {
            direct: true,
          })
          .catch(() => ({ rows: [] as { n: string }[] }));
        if (rows[0] === undefined) this.reset();
        else this.set(Number(rows[0].n));
      },
    });
  }
}
