/**
 * Service configuration from the environment. Pure: `parseConfig(env)` returns
 * the config or throws a ConfigError listing every problem at once.
 *
 * The data path follows from what is set:
 * - DATABASE_SHARD_URLS → sharded (DATABASE_URL not needed);
 * - NATS_URL → queued (ROLE=api publishes writes, ROLE=worker persists them);
 * - DATABASE_REPLICA_URLS → replicated (reads on replicas);
 * - REDIS_URL → cached; otherwise the monolith path.
 */

import { type ResilienceSettings, resilienceModes, resiliencePresets } from './resilience/settings.ts';

export const cacheModes = ['cache-aside', 'write-through', 'write-behind'] as const;
export type CacheMode = (typeof cacheModes)[number];
export const shardingModes = ['consistent', 'mod'] as const;
export type ShardingMode = (typeof shardingModes)[number];
export const roles = ['api', 'worker'] as const;
export type Role = (typeof roles)[number];

export interface ServiceConfig {
  host: string;
  port: number;
  /** `api` serves the HTTP API; `worker` (queued) consumes writes and serves /health and /metrics. */
  role: Role;
  /** The primary (or only) Postgres; '' in sharded mode. */
  databaseUrl: string;
  dbPoolSize: number;
  /** Client-side timeout for one query and for acquiring a pooled connection, ms. */
  dbTimeoutMs: number;
  /** Set → cached mode. */
  redisUrl: string | undefined;
  cacheMode: CacheMode;
  cacheTtlS: number;
  /** write-behind: how often dirty items are flushed to Postgres, ms. */
  writeBehindFlushMs: number;
  /** Non-empty → replicated mode: reads round-robin over these hot standbys. */
  replicaUrls: string[];
  /** How often replication lag is sampled, ms. */
  replicationSampleMs: number;
  /** Non-empty → sharded mode: one Postgres per shard, in shard order. */
  shardUrls: string[];
  sharding: ShardingMode;
  /** Virtual nodes per shard on the consistent-hash ring. */
  shardVnodes: number;
  /** Set → queued mode. */
  natsUrl: string | undefined;
  /** /admin/verify waits at most this long for the queue to drain, ms. */
  queueDrainTimeoutMs: number;
  /** Worker: messages persisted in one transaction, at most. */
  workerBatch: number;
  /** Timeouts, retries, breaker and bulkhead per dependency (RESILIENCE=on|off + RESILIENCE_* overrides). */
  resilience: ResilienceSettings;
}

/** RESILIENCE_* overrides: env name → knob and range. */
const resilienceEnv: [string, Exclude<keyof ResilienceSettings, 'mode'>, number, number][] = [
  ['RESILIENCE_TIMEOUT_MS', 'timeoutMs', 0, 600_000],
  ['RESILIENCE_RETRIES', 'retries', 0, 10],
  ['RESILIENCE_RETRY_BASE_MS', 'retryBaseMs', 1, 60_000],
  ['RESILIENCE_RETRY_MAX_MS', 'retryMaxMs', 1, 600_000],
  ['RESILIENCE_BREAKER_FAILURES', 'breakerFailures', 0, 100_000],
  ['RESILIENCE_BREAKER_FAILURE_RATE', 'breakerFailureRate', 0, 100],
  ['RESILIENCE_BREAKER_WINDOW_MS', 'breakerWindowMs', 100, 600_000],
  ['RESILIENCE_BREAKER_MIN_CALLS', 'breakerMinCalls', 1, 100_000],
  ['RESILIENCE_BREAKER_COOLDOWN_MS', 'breakerCooldownMs', 1, 600_000],
  ['RESILIENCE_BREAKER_HALF_OPEN_CALLS', 'breakerHalfOpenCalls', 1, 1_000],
  ['RESILIENCE_BULKHEAD', 'bulkhead', 0, 100_000],
  ['RESILIENCE_BULKHEAD_QUEUE', 'bulkheadQueue', 0, 100_000],
];

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid service configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

const pgUrl = /^postgres(ql)?:\/\//;

export function parseConfig(env: Env): ServiceConfig {
  const problems: string[] = [];
  const str = (name: string): string | undefined =>
    env[name] === undefined || env[name] === '' ? undefined : env[name];
  const int = (name: string, fallback: number | undefined, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) {
      if (fallback === undefined) problems.push(`${name} is required`);
      return fallback ?? 0;
    }
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer in [${min}, ${max}], got "${raw}"`);
      return fallback ?? 0;
    }
    return n;
  };
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const raw = str(name) ?? fallback;
    if (!(values as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
      return fallback;
    }
    return raw as T;
  };
  const urlList = (name: string): string[] => {
    const urls = (str(name) ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter((u) => u !== '');
    const bad = urls.filter((u) => !pgUrl.test(u));
    if (bad.length > 0) problems.push(`${name}: every URL must start with postgres://, got "${bad[0]}"`);
    return urls;
  };

  const port = int('PORT', undefined, 1, 65_535);
  const shardUrls = urlList('DATABASE_SHARD_URLS');
  if (shardUrls.length > 1_000) problems.push('DATABASE_SHARD_URLS: at most 1000 shards');
  const replicaUrls = urlList('DATABASE_REPLICA_URLS');
  const databaseUrl = str('DATABASE_URL') ?? '';
  if (databaseUrl === '') {
    if (shardUrls.length === 0)
      problems.push('DATABASE_URL (or DATABASE_SHARD_URLS) is required (postgres://user@host:port/db)');
  } else if (!pgUrl.test(databaseUrl)) problems.push('DATABASE_URL must start with postgres://');

  const redisUrl = str('REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl))
    problems.push('REDIS_URL must start with redis://');
  const natsUrl = str('NATS_URL');
  if (natsUrl !== undefined && !/^(nats|tls):\/\//.test(natsUrl))
    problems.push('NATS_URL must start with nats://');

  const role = oneOf('ROLE', roles, 'api');
  if (role === 'worker' && natsUrl === undefined) problems.push('ROLE=worker needs NATS_URL');
  const modes = [
    shardUrls.length > 0 && 'DATABASE_SHARD_URLS',
    replicaUrls.length > 0 && 'DATABASE_REPLICA_URLS',
    redisUrl !== undefined && 'REDIS_URL',
    natsUrl !== undefined && 'NATS_URL',
  ].filter((m): m is string => m !== false);
  if (modes.length > 1) problems.push(`choose one data path; set together: ${modes.join(', ')}`);

  const config: ServiceConfig = {
    host: str('HOST') ?? '127.0.0.1',
    port,
    role,
    databaseUrl,
    dbPoolSize: int('DB_POOL_SIZE', 10, 1, 1_000),
    dbTimeoutMs: int('DB_TIMEOUT_MS', 5_000, 1, 600_000),
    redisUrl,
    cacheMode: oneOf('CACHE_MODE', cacheModes, 'cache-aside'),
    cacheTtlS: int('CACHE_TTL_S', 60, 1, 31_536_000),
    writeBehindFlushMs: int('WRITE_BEHIND_FLUSH_MS', 100, 1, 60_000),
    replicaUrls,
    replicationSampleMs: int('REPLICATION_SAMPLE_MS', 1_000, 50, 60_000),
    shardUrls,
    sharding: oneOf('SHARDING', shardingModes, 'consistent'),
    shardVnodes: int('SHARD_VNODES', 128, 1, 4_096),
    natsUrl,
    queueDrainTimeoutMs: int('QUEUE_DRAIN_TIMEOUT_MS', 30_000, 0, 600_000),
    workerBatch: int('WORKER_BATCH', 256, 1, 10_000),
    resilience: { ...resiliencePresets[oneOf('RESILIENCE', resilienceModes, 'off')] },
  };
  const r = config.resilience;
  for (const [name, knob, min, max] of resilienceEnv) r[knob] = int(name, r[knob], min, max);
  // A bulkhead set on its own gets a queue as deep as itself.
  if (str('RESILIENCE_BULKHEAD') !== undefined && str('RESILIENCE_BULKHEAD_QUEUE') === undefined)
    r.bulkheadQueue = r.bulkhead;
  if (r.retryMaxMs < r.retryBaseMs)
    problems.push('RESILIENCE_RETRY_MAX_MS must be ≥ RESILIENCE_RETRY_BASE_MS');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** One line for the start-up log: which data path this process runs. */
export function describeMode(c: ServiceConfig): string {
  if (c.shardUrls.length > 0) return `sharded over ${c.shardUrls.length} postgres (${c.sharding})`;
  if (c.natsUrl !== undefined)
    return c.role === 'worker' ? 'queue worker: nats → postgres' : 'queued: writes → nats, reads ← postgres';
  if (c.replicaUrls.length > 0)
    return `replicated: writes → primary, reads → ${c.replicaUrls.length} replicas`;
  if (c.redisUrl !== undefined) return `postgres + redis (${c.cacheMode})`;
  return 'postgres';
}
