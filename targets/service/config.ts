/**
 * Service configuration from the environment. Pure: `parseConfig(env)` returns
 * the config or throws a ConfigError listing every problem at once.
 */

export const cacheModes = ['cache-aside', 'write-through', 'write-behind'] as const;
export type CacheMode = (typeof cacheModes)[number];

export interface ServiceConfig {
  host: string;
  port: number;
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
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid service configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

export function parseConfig(env: Env): ServiceConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number | undefined, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') {
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

  const port = int('PORT', undefined, 1, 65_535);
  const databaseUrl = env.DATABASE_URL ?? '';
  if (databaseUrl === '') problems.push('DATABASE_URL is required (postgres://user@host:port/db)');
  else if (!/^postgres(ql)?:\/\//.test(databaseUrl))
    problems.push('DATABASE_URL must start with postgres://');

  const redisUrl = env.REDIS_URL === undefined || env.REDIS_URL === '' ? undefined : env.REDIS_URL;
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl))
    problems.push('REDIS_URL must start with redis://');

  const mode = env.CACHE_MODE === undefined || env.CACHE_MODE === '' ? 'cache-aside' : env.CACHE_MODE;
  if (!(cacheModes as readonly string[]).includes(mode)) {
    problems.push(`CACHE_MODE must be one of ${cacheModes.join(', ')}, got "${mode}"`);
  }

  const config: ServiceConfig = {
    host: env.HOST === undefined || env.HOST === '' ? '127.0.0.1' : env.HOST,
    port,
    databaseUrl,
    dbPoolSize: int('DB_POOL_SIZE', 10, 1, 1_000),
    dbTimeoutMs: int('DB_TIMEOUT_MS', 5_000, 1, 600_000),
    redisUrl,
    cacheMode: mode as CacheMode,
    cacheTtlS: int('CACHE_TTL_S', 60, 1, 31_536_000),
    writeBehindFlushMs: int('WRITE_BEHIND_FLUSH_MS', 100, 1, 60_000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
