import { describe, expect, it } from 'vitest';
import { ConfigError, describeMode, parseConfig } from './config.ts';
import { resiliencePresets } from './resilience/settings.ts';

const base = { PORT: '8080', DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };

describe('parseConfig', () => {
  it('applies defaults: monolith mode', () => {
    const c = parseConfig(base);
    expect(c).toEqual({
      host: '127.0.0.1',
      port: 8080,
      role: 'api',
      databaseUrl: base.DATABASE_URL,
      dbPoolSize: 10,
      dbTimeoutMs: 5_000,
      redisUrl: undefined,
      cacheMode: 'cache-aside',
      cacheTtlS: 60,
      writeBehindFlushMs: 100,
      replicaUrls: [],
      replicationSampleMs: 1_000,
      shardUrls: [],
      sharding: 'consistent',
      shardVnodes: 128,
      natsUrl: undefined,
      queueDrainTimeoutMs: 30_000,
      workerBatch: 256,
      resilience: resiliencePresets.off,
    });
    expect(describeMode(c)).toBe('postgres');
  });

  it('reads replicated mode: replica URLs, comma-separated', () => {
    const c = parseConfig({
      ...base,
      DATABASE_REPLICA_URLS: 'postgres://u@127.0.0.1:5433/db, postgres://u@127.0.0.1:5434/db',
    });
    expect(c.replicaUrls).toEqual(['postgres://u@127.0.0.1:5433/db', 'postgres://u@127.0.0.1:5434/db']);
    expect(describeMode(c)).toContain('2 replicas');
  });

  it('reads sharded mode without DATABASE_URL', () => {
    const c = parseConfig({
      PORT: '1',
      DATABASE_SHARD_URLS: 'postgres://a:1/x,postgres://b:2/x,postgres://c:3/x',
      SHARDING: 'mod',
      SHARD_VNODES: '16',
    });
    expect(c).toMatchObject({ databaseUrl: '', sharding: 'mod', shardVnodes: 16 });
    expect(c.shardUrls).toHaveLength(3);
    expect(describeMode(c)).toBe('sharded over 3 postgres (mod)');
  });

  it('reads queued mode for the API and a worker', () => {
    const api = parseConfig({ ...base, NATS_URL: 'nats://127.0.0.1:4222', QUEUE_DRAIN_TIMEOUT_MS: '500' });
    expect(api).toMatchObject({ role: 'api', natsUrl: 'nats://127.0.0.1:4222', queueDrainTimeoutMs: 500 });
    const worker = parseConfig({
      ...base,
      NATS_URL: 'nats://127.0.0.1:4222',
      ROLE: 'worker',
      WORKER_BATCH: '8',
    });
    expect(worker).toMatchObject({ role: 'worker', workerBatch: 8 });
    expect(describeMode(worker)).toContain('worker');
  });

  it('rejects a worker without NATS, two data paths at once, bad lists and modes', () => {
    const problems = (env: Record<string, string>) => {
      try {
        parseConfig(env);
        return '';
      } catch (err) {
        return (err as ConfigError).problems.join('\n');
      }
    };
    expect(problems({ ...base, ROLE: 'worker' })).toContain('ROLE=worker needs NATS_URL');
    expect(problems({ ...base, ROLE: 'boss' })).toContain('ROLE must be one of api, worker');
    expect(problems({ ...base, REDIS_URL: 'redis://x', NATS_URL: 'nats://x' })).toContain(
      'choose one data path',
    );
    expect(problems({ PORT: '1', DATABASE_SHARD_URLS: 'mysql://x' })).toContain('DATABASE_SHARD_URLS');
    expect(problems({ ...base, SHARDING: 'range' })).toContain('SHARDING must be one of consistent, mod');
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

describe('parseConfig: resilience', () => {
  it('takes the preset and overrides single knobs; a bulkhead alone gets as deep a queue', () => {
    expect(parseConfig({ ...base, RESILIENCE: 'on' }).resilience).toEqual(resiliencePresets.on);
    const r = parseConfig({
      ...base,
      RESILIENCE: 'on',
      RESILIENCE_TIMEOUT_MS: '0',
      RESILIENCE_BULKHEAD: '2',
    }).resilience;
    expect(r).toMatchObject({ mode: 'on', timeoutMs: 0, bulkhead: 2, bulkheadQueue: 2, retries: 2 });
    expect(parseConfig({ ...base, RESILIENCE_BREAKER_FAILURES: '3' }).resilience).toMatchObject({
      mode: 'off',
      breakerFailures: 3,
      timeoutMs: 0,
    });
  });

  it('reports every bad knob', () => {
    expect(() =>
      parseConfig({ ...base, RESILIENCE: 'max', RESILIENCE_RETRIES: '99', RESILIENCE_BULKHEAD: '-1' }),
    ).toThrow(/RESILIENCE must be one of off, on[\s\S]*RESILIENCE_RETRIES[\s\S]*RESILIENCE_BULKHEAD/);
  });
});
