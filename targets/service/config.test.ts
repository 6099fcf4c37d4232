import { describe, expect, it } from 'vitest';
import { ConfigError } from './env-reader.ts';
import { loadConfig } from './load-config.ts';
import { resiliencePresets } from './resilience/settings.ts';

const base = { PORT: '8080', DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };

/** The problems a config reports, one per line ('' when it loads). */
async function problems(env: Record<string, string>): Promise<string> {
  try {
    await loadConfig(env);
    return '';
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems.join('\n');
  }
}

describe('loadConfig', () => {
  it('applies defaults: the monolith data path, role api', async () => {
    const { config, settings, description } = await loadConfig(base);
    expect(config).toEqual({
      host: '127.0.0.1',
      port: 8080,
      dataPath: 'monolith',
      role: 'api',
      databaseUrl: base.DATABASE_URL,
      dbPoolSize: 10,
      dbTimeoutMs: 5_000,
      resilience: resiliencePresets.off,
    });
    expect(settings).toEqual({ databaseUrl: base.DATABASE_URL });
    expect(description).toBe('postgres');
  });

  it('runs the data path DATA_PATH names, with its own settings', async () => {
    const replicated = await loadConfig({
      ...base,
      DATA_PATH: 'replicated',
      DATABASE_REPLICA_URLS: 'postgres://u@127.0.0.1:5433/db, postgres://u@127.0.0.1:5434/db',
    });
    expect(replicated.settings).toMatchObject({
      replicaUrls: ['postgres://u@127.0.0.1:5433/db', 'postgres://u@127.0.0.1:5434/db'],
    });
    expect(replicated.description).toContain('2 replicas');

    const cached = await loadConfig({
      ...base,
      DATA_PATH: 'cached',
      REDIS_URL: 'redis://127.0.0.1:6379',
      CACHE_MODE: 'write-through',
      CACHE_TTL_S: '5',
      DB_POOL_SIZE: '32',
    });
    expect(cached.config.dbPoolSize).toBe(32);
    expect(cached.settings).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      mode: 'write-through',
      ttlS: 5,
    });
  });

  it('reads sharded without DATABASE_URL', async () => {
    const { config, settings, description } = await loadConfig({
      PORT: '1',
      DATA_PATH: 'sharded',
      DATABASE_SHARD_URLS: 'postgres://a:1/x,postgres://b:2/x,postgres://c:3/x',
      SHARDING: 'mod',
      SHARD_VNODES: '16',
    });
    expect(config.databaseUrl).toBe('');
    expect(settings).toMatchObject({ sharding: 'mod', vnodes: 16 });
    expect(description).toBe('sharded over 3 postgres (mod)');
  });

  it('reads the queued API and a worker: ROLE is checked against the data path’s roles', async () => {
    const queued = { ...base, DATA_PATH: 'queued', NATS_URL: 'nats://127.0.0.1:4222' };
    const api = await loadConfig({ ...queued, QUEUE_DRAIN_TIMEOUT_MS: '500' });
    expect(api.config.role).toBe('api');
    expect(api.settings).toMatchObject({ natsUrl: 'nats://127.0.0.1:4222', drainTimeoutMs: 500 });
    const worker = await loadConfig({ ...queued, ROLE: 'worker', WORKER_BATCH: '8' });
    expect(worker.config.role).toBe('worker');
    expect(worker.settings).toMatchObject({ workerBatch: 8 });
    expect(worker.description).toContain('worker');
    expect(await problems({ ...base, ROLE: 'worker' })).toContain('ROLE must be one of api, got "worker"');
    expect(await problems({ ...queued, ROLE: 'boss' })).toContain('ROLE must be one of api, worker');
  });

  it('names the data paths when DATA_PATH is unknown, and each path’s missing settings', async () => {
    expect(await problems({ ...base, DATA_PATH: 'mesh' })).toContain(
      'DATA_PATH must be one of monolith, cached, replicated, sharded, queued',
    );
    expect(await problems({ ...base, DATA_PATH: 'queued' })).toContain('NATS_URL is required');
    expect(await problems({ ...base, DATA_PATH: 'cached' })).toContain('REDIS_URL is required');
    expect(await problems({ ...base, DATA_PATH: 'replicated' })).toContain(
      'DATABASE_REPLICA_URLS is required',
    );
    expect(await problems({ PORT: '1', DATA_PATH: 'sharded', DATABASE_SHARD_URLS: 'mysql://x' })).toContain(
      'DATABASE_SHARD_URLS',
    );
    expect(await problems({ PORT: '1', DATA_PATH: 'monolith' })).toContain(
      'DATABASE_URL is required for DATA_PATH=monolith',
    );
  });

  it('reads each role of the new architectures with the settings that role needs', async () => {
    const nats = { NATS_URL: 'nats://127.0.0.1:4222' };
    const projector = await loadConfig({
      PORT: '1',
      DATA_PATH: 'cqrs',
      ROLE: 'projector',
      READ_DATABASE_URL: 'postgres://u@127.0.0.1:5433/read',
      ...nats,
    });
    expect(projector.config.databaseUrl).toBe(''); // a projector writes the read model only
    expect(projector.description).toBe('cqrs projector: nats → read model');
    expect(await problems({ ...base, DATA_PATH: 'cqrs', ...nats })).toContain(
      'READ_DATABASE_URL is required',
    );

    const es = await loadConfig({ ...base, DATA_PATH: 'event-sourced', SNAPSHOT_EVERY: '0' });
    expect(es.settings).toMatchObject({ snapshotEvery: 0 });
    expect(es.description).toContain('no snapshots');

    const payment = await loadConfig({
      ...base,
      ...nats,
      DATA_PATH: 'saga',
      ROLE: 'payment',
      PAYMENT_DECLINE_PCT: '5',
    });
    expect(payment.settings).toMatchObject({ declinePct: 5 });
    expect(await problems({ ...base, ...nats, DATA_PATH: 'saga', SAGA_COMPENSATION: 'maybe' })).toContain(
      'SAGA_COMPENSATION must be one of on, off',
    );
    expect(await problems({ ...base, ...nats, DATA_PATH: 'saga', ROLE: 'shipping' })).toContain(
      'ROLE must be one of api, inventory, payment',
    );
  });

  it('treats empty optional values as unset', async () => {
    const { settings } = await loadConfig({
      ...base,
      DATA_PATH: 'cached',
      REDIS_URL: 'redis://x',
      CACHE_MODE: '',
    });
    expect(settings).toMatchObject({ mode: 'cache-aside' });
  });

  it('reports every problem at once, common and the data path’s own', async () => {
    const text = await problems({
      PORT: 'x',
      DATA_PATH: 'cached',
      DB_POOL_SIZE: '0',
      CACHE_MODE: 'lru',
      REDIS_URL: 'http://x',
    });
    for (const name of ['PORT', 'DATABASE_URL', 'DB_POOL_SIZE', 'CACHE_MODE', 'REDIS_URL'])
      expect(text).toContain(name);
  });
});

describe('loadConfig: resilience', () => {
  it('takes the preset and overrides single knobs; a bulkhead alone gets as deep a queue', async () => {
    expect((await loadConfig({ ...base, RESILIENCE: 'on' })).config.resilience).toEqual(resiliencePresets.on);
    const r = (
      await loadConfig({ ...base, RESILIENCE: 'on', RESILIENCE_TIMEOUT_MS: '0', RESILIENCE_BULKHEAD: '2' })
    ).config.resilience;
    expect(r).toMatchObject({ mode: 'on', timeoutMs: 0, bulkhead: 2, bulkheadQueue: 2, retries: 2 });
    expect((await loadConfig({ ...base, RESILIENCE_BREAKER_FAILURES: '3' })).config.resilience).toMatchObject(
      {
        mode: 'off',
        breakerFailures: 3,
        timeoutMs: 0,
      },
    );
  });

  it('reports every bad knob', async () => {
    expect(
      await problems({ ...base, RESILIENCE: 'max', RESILIENCE_RETRIES: '99', RESILIENCE_BULKHEAD: '-1' }),
    ).toMatch(/RESILIENCE must be one of off, on[\s\S]*RESILIENCE_RETRIES[\s\S]*RESILIENCE_BULKHEAD/);
  });
});
