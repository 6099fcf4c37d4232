/**
 * Prometheus metrics of the service, in its own registry (no global state):
 * HTTP latency by route/method/status, Postgres call latency and errors, pool
 * usage, cache hits/misses/errors and write-behind flushes, plus Node defaults.
 * The replicated, sharded and queued data paths register their own metrics in
 * `registry` (replication lag, per-shard counts, queue depth) next to their code.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

const latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class ServiceMetrics {
  readonly registry = new Registry();
  readonly #http = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'HTTP request duration, by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });
  readonly #httpChildren = new Map<string, { observe(v: number): void }>();
  readonly dbDuration = new Histogram({
    name: 'db_client_operation_duration_seconds',
    help: 'Postgres call duration, by operation',
    labelNames: ['operation'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });
  readonly dbErrors = new Counter({
    name: 'db_client_errors_total',
    help: 'Postgres calls that failed, by operation',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  readonly cacheHits = new Counter({
    name: 'cache_hits_total',
    help: 'Item reads answered by the cache',
    registers: [this.registry],
  });
  readonly cacheMisses = new Counter({
    name: 'cache_misses_total',
    help: 'Item reads the cache could not answer',
    registers: [this.registry],
  });
  readonly cacheErrors = new Counter({
    name: 'cache_errors_total',
    help: 'Redis calls that failed, by operation',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  readonly writeBehindFlushed = new Counter({
    name: 'cache_write_behind_flushed_total',
    help: 'Items written from the cache to Postgres by the write-behind flusher',
    registers: [this.registry],
  });

  readonly #pools = new Map<string, () => PoolStats>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const pools = this.#pools;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Postgres pool connections by pool and state (total, idle, waiting = queued requests)',
      labelNames: ['pool', 'state'] as const,
      registers: [this.registry],
      collect() {
        for (const [pool, stats] of pools) {
          const s = stats();
          this.set({ pool, state: 'total' }, s.total);
          this.set({ pool, state: 'idle' }, s.idle);
          this.set({ pool, state: 'waiting' }, s.waiting);
        }
      },
    });
  }

  observeHttp(route: string, method: string, status: number, seconds: number): void {
    const key = `${route}\n${method}\n${status}`;
    let child = this.#httpChildren.get(key);
    if (child === undefined) {
      child = this.#http.labels({ route, method, status: String(status) });
      this.#httpChildren.set(key, child);
    }
    child.observe(seconds);
  }

  /** Adds a pool (`primary`, `replica-0`, `shard-2`) to the pool gauge; `stats` is read on every scrape. */
  observePool(pool: string, stats: () => PoolStats): void {
    this.#pools.set(pool, stats);
  }
}
