/**
 * The service's common configuration from the environment — what every data
 * path shares. Pure: `parseConfig(new EnvReader(env))` reads it and records
 * problems on the reader (see env-reader.ts).
 *
 * The data path is named, never inferred: DATA_PATH=<architecture> (default
 * `monolith`) picks the entry of targets/architectures.ts whose data path this
 * process runs; that data path reads its own settings (REDIS_URL, NATS_URL, …)
 * and its ROLE (`api`, a queue `worker`, a cqrs `projector`, a saga participant).
 */
import { architectureNames } from '../architectures.ts';
import type { EnvReader } from './env-reader.ts';
import { type ResilienceSettings, resilienceModes, resiliencePresets } from './resilience/settings.ts';

export interface ServiceConfig {
  host: string;
  port: number;
  /** The architecture whose data path this process runs (DATA_PATH). */
  dataPath: string;
  /** ROLE as given (default `api`); the data path checks it against its own roles. */
  role: string;
  /** DATABASE_URL: the primary (or only) Postgres; '' when unset (sharded has none). */
  databaseUrl: string;
  dbPoolSize: number;
  /** Client-side timeout for one query and for acquiring a pooled connection, ms. */
  dbTimeoutMs: number;
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

const pgUrl = /^postgres(ql)?:\/\//;

export function parseConfig(env: EnvReader): ServiceConfig {
  const port = env.int('PORT', undefined, 1, 65_535);
  const dataPath = env.oneOf('DATA_PATH', architectureNames, 'monolith');
  const databaseUrl = env.str('DATABASE_URL') ?? '';
  if (databaseUrl !== '' && !pgUrl.test(databaseUrl))
    env.problems.push(`DATABASE_URL must start with postgres://, got "${databaseUrl}"`);

  const config: ServiceConfig = {
    host: env.str('HOST') ?? '127.0.0.1',
    port,
    dataPath,
    role: env.str('ROLE') ?? 'api',
    databaseUrl,
    dbPoolSize: env.int('DB_POOL_SIZE', 10, 1, 1_000),
    dbTimeoutMs: env.int('DB_TIMEOUT_MS', 5_000, 1, 600_000),
    resilience: { ...resiliencePresets[env.oneOf('RESILIENCE', resilienceModes, 'off')] },
  };
  const r = config.resilience;
  for (const [name, knob, min, max] of resilienceEnv) r[knob] = env.int(name, r[knob], min, max);
  // A bulkhead set on its own gets a queue as deep as itself.
  if (env.str('RESILIENCE_BULKHEAD') !== undefined && env.str('RESILIENCE_BULKHEAD_QUEUE') === undefined)
    r.bulkheadQueue = r.bulkhead;
  if (r.retryMaxMs < r.retryBaseMs)
    env.problems.push('RESILIENCE_RETRY_MAX_MS must be ≥ RESILIENCE_RETRY_BASE_MS');
  return config;
}

/** DATABASE_URL for the data paths that need it: a problem on the reader when it is missing. */
export function requireDatabaseUrl(env: EnvReader, config: ServiceConfig): string {
  if (config.databaseUrl === '' && env.str('DATABASE_URL') === undefined)
    env.problems.push(
      `DATABASE_URL is required for DATA_PATH=${config.dataPath} (postgres://user@host:port/db)`,
    );
  return config.databaseUrl;
}
