/**
 * The Postgres pool with instrumented queries: every call is timed and counted
 * by operation name, and any failure becomes a DependencyError (→ 503).
 * Named operations are sent as prepared statements.
 */
import pg from 'pg';
import { DependencyError, withTimeout } from './errors.ts';
import type { ServiceMetrics } from './metrics.ts';
import type { DependencyPolicy } from './resilience/policy.ts';

export const schemaSql = `
CREATE TABLE IF NOT EXISTS items (
  id bigint PRIMARY KEY,
  value text NOT NULL,
  version int NOT NULL,
  updated_at timestamptz DEFAULT now()
);
CREATE TABLE IF NOT EXISTS orders (
  id bigserial PRIMARY KEY,
  item_id bigint NOT NULL,
  qty int NOT NULL,
  created_at timestamptz DEFAULT now()
);`;

export interface QueryOptions {
  /** Send as a named prepared statement (hot paths). */
  prepare?: boolean;
  /** Overrides the default client-side timeout, ms. */
  timeoutMs?: number;
  /** Safe to repeat (a read, an idempotent upsert): the resilience policy may retry it. */
  idempotent?: boolean;
  /** Bypasses the resilience policy (admin work: seed, verify; health pings). */
  direct?: boolean;
}

/**
 * Whether a Postgres error says the database is unwell (connection lost,
 * refused, out of resources, shutting down, a timeout) rather than that the
 * statement was wrong or hit a constraint: only the former feed the breaker.
 */
export function isPgFailure(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return ['08', '53', '57', '58', 'XX'].includes(code.slice(0, 2));
}

export class Db {
  readonly pool: pg.Pool;
  readonly #metrics: ServiceMetrics;
  readonly #timeoutMs: number;
  readonly #policy: DependencyPolicy | undefined;

  /** `name` labels its pool in /metrics: `primary`, `replica-0`, `shard-2`. */
  readonly name: string;

  /** `policy`: timeouts, retries, breaker and bulkhead for this pool's calls (resilience/policy.ts). */
  constructor(
    url: string,
    poolSize: number,
    timeoutMs: number,
    metrics: ServiceMetrics,
    name = 'primary',
    policy?: DependencyPolicy,
  ) {
    this.name = name;
    this.#policy = policy;
    this.pool = new pg.Pool({
      connectionString: url,
      max: poolSize,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      idleTimeoutMillis: 30_000,
      application_name: 'harness-service',
    });
    // An idle client whose server went away emits here; without a listener it would crash the process.
    this.pool.on('error', (err) => console.error(`[service] idle postgres client: ${err.message}`));
    this.#metrics = metrics;
    this.#timeoutMs = timeoutMs;
    metrics.observePool(name, () => ({
      total: this.pool.totalCount,
      idle: this.pool.idleCount,
      waiting: this.pool.waitingCount,
    }));
  }

  async query<R extends pg.QueryResultRow>(
    operation: string,
    text: string,
    values: unknown[] = [],
    options: QueryOptions = {},
  ): Promise<pg.QueryResult<R>> {
    const config = {
      text,
      values,
      ...(options.prepare === true ? { name: operation } : {}),
      ...(options.timeoutMs === undefined ? {} : { query_timeout: options.timeoutMs }),
    } as pg.QueryConfig;
    const start = performance.now();
    try {
      return await this.#guard(() => this.pool.query<R>(config), options);
    } catch (err) {
      this.#metrics.dbErrors.inc({ operation });
      throw new DependencyError('postgres', err);
    } finally {
      this.#metrics.dbDuration.observe({ operation }, (performance.now() - start) / 1000);
    }
  }

  /** Runs `fn` in a transaction on one client (again, on a retry, when `options.idempotent`). */
  async transaction<T>(
    operation: string,
    fn: (client: pg.PoolClient) => Promise<T>,
    options: Pick<QueryOptions, 'idempotent' | 'direct'> = {},
  ): Promise<T> {
    const start = performance.now();
    try {
      return await this.#guard(() => this.#transaction(fn), options);
    } catch (err) {
      this.#metrics.dbErrors.inc({ operation });
      throw err instanceof DependencyError ? err : new DependencyError('postgres', err);
    } finally {
      this.#metrics.dbDuration.observe({ operation }, (performance.now() - start) / 1000);
    }
  }

  #guard<T>(call: () => Promise<T>, options: Pick<QueryOptions, 'idempotent' | 'direct'>): Promise<T> {
    return this.#policy === undefined || options.direct === true
      ? call()
      : this.#policy.run(call, { idempotent: options.idempotent === true });
  }

  async #transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient | undefined;
    let failure: Error | undefined;
    try {
      client = await this.pool.connect();
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      failure = err instanceof Error ? err : new Error(String(err));
      await client?.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client?.release(failure); // a failed client is discarded, not reused
    }
  }

  ensureSchema(): Promise<unknown> {
    return this.query('ensure-schema', schemaSql, [], { direct: true });
  }

  ping(timeoutMs: number): Promise<unknown> {
    return withTimeout(this.query('ping', 'SELECT 1', [], { direct: true }), timeoutMs, 'postgres');
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
