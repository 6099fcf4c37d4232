/**
 * Value checks for architecture parameters, by parameter name. Types come from
 * each architecture's defaults; these add ranges and enumerations.
 * A check returns a problem message, or undefined when the value is fine.
 */
import { cacheModes, shardingModes } from '../service/config.ts';
import { resilienceModes } from '../service/resilience/settings.ts';

export type ParamCheck = (value: unknown) => string | undefined;

export const intIn =
  (min: number, max: number): ParamCheck =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
      ? undefined
      : `must be an integer in [${min}, ${max}]`;

export const oneOf =
  (values: readonly string[]): ParamCheck =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `must be one of ${values.join(', ')}`;

export type { CacheMode, ShardingMode } from '../service/config.ts';

export const balances = ['roundrobin', 'leastconn', 'source'] as const;
export type Balance = (typeof balances)[number];

export const paramChecks: Record<string, ParamCheck> = {
  poolSize: intIn(1, 1_000),
  cacheTtlS: intIn(1, 31_536_000),
  cacheMode: oneOf(cacheModes),
  apps: intIn(1, 64),
  replicas: intIn(1, 16),
  balance: oneOf(balances),
  checkIntervalMs: intIn(100, 60_000),
  shards: intIn(1, 64),
  sharding: oneOf(shardingModes),
  vnodes: intIn(1, 4_096),
  workers: intIn(1, 64),
  workerBatch: intIn(1, 10_000),
  drainTimeoutMs: intIn(0, 600_000),
  // resilience-params.ts: -1 = the preset's value
  resilience: oneOf(resilienceModes),
  timeoutMs: intIn(-1, 600_000),
  retries: intIn(-1, 10),
  breakerFailures: intIn(-1, 100_000),
  breakerCooldownMs: intIn(-1, 600_000),
  bulkhead: intIn(-1, 100_000),
};
