import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

const base = { PORT: '8080', DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };

describe('parseConfig', () => {
  it('applies defaults: monolith mode', () => {
    expect(parseConfig(base)).toEqual({
      host: '127.0.0.1',
      port: 8080,
      databaseUrl: base.DATABASE_URL,
      dbPoolSize: 10,
      dbTimeoutMs: 5_000,
      redisUrl: undefined,
      cacheMode: 'cache-aside',
      cacheTtlS: 60,
      writeBehindFlushMs: 100,
    });
  });

  it('reads cached mode settings', () => {
    const c = parseConfig({
      ...base,
      REDIS_URL: 'redis://127.0.0.1:6379',
      CACHE_MODE: 'write-through',
      CACHE_TTL_S: '5',
      DB_POOL_SIZE: '32',
    });
    expect(c).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      cacheMode: 'write-through',
      cacheTtlS: 5,
      dbPoolSize: 32,
    });
  });

  it('treats empty optional values as unset', () => {
    expect(parseConfig({ ...base, REDIS_URL: '', CACHE_MODE: '' })).toMatchObject({
      redisUrl: undefined,
      cacheMode: 'cache-aside',
    });
  });

  it('reports every problem at once', () => {
    try {
      parseConfig({ PORT: 'x', DB_POOL_SIZE: '0', CACHE_MODE: 'lru', REDIS_URL: 'http://x' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'DB_POOL_SIZE', 'CACHE_MODE', 'REDIS_URL'])
        expect(problems).toContain(name);
    }
  });
});
