import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../model/index.ts';
import { architectureProblems, architectures, formatArchitectures, resolveArchitecture } from './index.ts';
import { resilienceDefaults } from './plug/resilience-params.ts';

describe('resolveArchitecture', () => {
  it('builds the monolith with defaults', () => {
    const { topology, params } = resolveArchitecture('monolith', {});
    expect(params).toEqual({ poolSize: 10, ...resilienceDefaults });
    expect(topology.entry).toBe('app');
    expect(topology.components.map((c) => `${c.name}:${c.kind}`)).toEqual([
      'postgres:postgres',
      'app:service',
    ]);
    const app = topology.components.find((c) => c.name === 'app');
    expect(app?.uses).toEqual(['postgres']);
    expect(app?.env).toMatchObject({ DATABASE_URL: '{{postgres.url}}', DB_POOL_SIZE: '10' });
  });

  it('merges params over the defaults of the cached architecture', () => {
    const { topology, params } = resolveArchitecture('cached', { cacheMode: 'write-through', poolSize: 4 });
    expect(params).toEqual({ poolSize: 4, cacheTtlS: 60, cacheMode: 'write-through', ...resilienceDefaults });
    const app = topology.components.find((c) => c.name === 'app');
    expect(app?.uses).toEqual(['postgres', 'redis']);
    expect(app?.env).toMatchObject({
      REDIS_URL: '{{redis.url}}',
      CACHE_MODE: 'write-through',
      CACHE_TTL_S: '60',
      DB_POOL_SIZE: '4',
    });
  });

  it('lists every problem: unknown params (with the valid ones), wrong types, bad values', () => {
    const problems = architectureProblems('cached', {
      pool: 3,
      cacheTtlS: '60',
      cacheMode: 'lru',
      poolSize: 0,
    });
    expect(problems.map((p) => p.path)).toEqual([
      'params.pool',
      'params.cacheTtlS',
      'params.cacheMode',
      'params.poolSize',
    ]);
    expect(problems[0]?.message).toContain('valid: poolSize, cacheTtlS, cacheMode');
    expect(problems[1]?.message).toContain('must be a number');
    expect(() => resolveArchitecture('cached', { pool: 3 })).toThrow(InvalidInputError);
  });

  it('rejects unknown architectures, naming the known ones', () => {
    expect(() => resolveArchitecture('toString', {})).toThrow(
      /available: monolith, cached, replicated, sharded, queued/,
    );
  });

  it('builds replicated: haproxy over N apps, writes to the primary, reads from M replicas', () => {
    const { topology } = resolveArchitecture('replicated', { apps: 2, replicas: 3, balance: 'leastconn' });
    expect(topology.entry).toBe('lb');
    const byName = Object.fromEntries(topology.components.map((c) => [c.name, c]));
    expect(byName.replica).toMatchObject({ kind: 'postgres', replicas: 3, replicaOf: 'postgres' });
    expect(byName.app).toMatchObject({ kind: 'service', replicas: 2, uses: ['postgres', 'replica'] });
    expect(byName.app?.env).toMatchObject({
      DATABASE_URL: '{{postgres.url}}',
      DATABASE_REPLICA_URLS: '{{replica.urls}}',
    });
    expect(byName.lb).toMatchObject({ kind: 'haproxy', uses: ['app'] });
    expect(byName.lb?.settings).toMatchObject({ balance: 'leastconn', checkIntervalMs: 500 });
  });

  it('builds sharded: K postgres shards, no single DATABASE_URL', () => {
    const { topology } = resolveArchitecture('sharded', { shards: 4, sharding: 'mod' });
    const app = topology.components.find((c) => c.name === 'app');
    expect(topology.components.find((c) => c.name === 'shard')).toMatchObject({
      kind: 'postgres',
      replicas: 4,
    });
    expect(app?.env).toMatchObject({ DATABASE_SHARD_URLS: '{{shard.urls}}', SHARDING: 'mod' });
    expect(app?.env?.DATABASE_URL).toBeUndefined();
  });

  it('builds queued: nats, the API and W workers', () => {
    const { topology } = resolveArchitecture('queued', { workers: 3 });
    const byName = Object.fromEntries(topology.components.map((c) => [c.name, c]));
    expect(byName.nats?.kind).toBe('nats');
    expect(byName.app?.env).toMatchObject({ NATS_URL: '{{nats.url}}' });
    expect(byName.app?.env?.ROLE).toBeUndefined();
    expect(byName.worker).toMatchObject({ kind: 'worker', replicas: 3, health: '/health' });
    expect(byName.worker?.env).toMatchObject({ ROLE: 'worker', NATS_URL: '{{nats.url}}' });
  });

  it('checks the new parameters', () => {
    const problems = [
      ...architectureProblems('replicated', { balance: 'random', apps: 0, replicas: 2.5 }),
      ...architectureProblems('sharded', { sharding: 'range', shards: 1000 }),
      ...architectureProblems('queued', { workers: -1, drainTimeoutMs: '1s' }),
    ];
    expect(problems.map((p) => p.path)).toEqual([
      'params.balance',
      'params.apps',
      'params.replicas',
      'params.sharding',
      'params.shards',
      'params.workers',
      'params.drainTimeoutMs',
    ]);
  });

  it('lists architectures with their params', () => {
    const text = formatArchitectures();
    for (const name of Object.keys(architectures)) expect(text).toContain(`${name}:`);
    expect(text).toContain('cacheMode = "cache-aside"');
  });
});

describe('resilience params', () => {
  it('are taken by every architecture and become the service env', () => {
    for (const name of Object.keys(architectures)) {
      const { topology } = resolveArchitecture(name, { resilience: 'on', bulkhead: 4, timeoutMs: 0 });
      for (const c of topology.components.filter((x) => x.kind === 'service' || x.kind === 'worker')) {
        expect(c.env).toMatchObject({
          RESILIENCE: 'on',
          RESILIENCE_BULKHEAD: '4',
          RESILIENCE_TIMEOUT_MS: '0',
        });
        expect(c.env).not.toHaveProperty('RESILIENCE_RETRIES');
      }
    }
  });

  it('are validated like the others', () => {
    const problems = architectureProblems('monolith', { resilience: 'maybe', retries: 11, bulkhead: -2 });
    expect(problems.map((p) => p.path)).toEqual(['params.resilience', 'params.retries', 'params.bulkhead']);
  });
});

describe('the architecture plug', () => {
  it('runs each architecture’s own data path in its service processes (DATA_PATH = its name)', async () => {
    for (const [name, arch] of Object.entries(architectures)) {
      expect(arch.name).toBe(name);
      const { topology } = resolveArchitecture(name, {});
      const services = topology.components.filter((c) => c.kind === 'service' || c.kind === 'worker');
      expect(services.length, name).toBeGreaterThan(0);
      for (const c of services) expect(c.env?.DATA_PATH, `${name}: ${c.name}`).toBe(name);
      const module = await arch.dataPath();
      expect(module.roles.length, name).toBeGreaterThan(0);
      for (const c of services) expect(module.roles).toContain(c.env?.ROLE ?? module.roles[0]);
    }
  });

  it('lists each architecture’s own params once, and the resilience params once at the end', () => {
    const text = formatArchitectures();
    expect(text.match(/ {4}resilience = "off"/g)).toHaveLength(1);
    expect(text).toContain('poolSize = 10  (1..1000)');
    expect(text).toContain('balance = "roundrobin"  (roundrobin | leastconn | source)');
  });
});

describe('cqrs, event-sourced and saga', () => {
  it('build their topologies from their knobs', () => {
    const cqrs = resolveArchitecture('cqrs', { projectors: 3 }).topology;
    const byName = Object.fromEntries(cqrs.components.map((c) => [c.name, c]));
    expect(byName.projector).toMatchObject({ kind: 'worker', replicas: 3, uses: ['readdb', 'nats'] });
    expect(byName.projector?.env).toMatchObject({ ROLE: 'projector', READ_DATABASE_URL: '{{readdb.url}}' });
    expect(byName.projector?.env?.DATABASE_URL).toBeUndefined();
    expect(byName.app?.uses).toEqual(['postgres', 'readdb', 'nats']);

    const es = resolveArchitecture('event-sourced', { snapshotEvery: 0 }).topology;
    expect(es.components.find((c) => c.name === 'app')?.env).toMatchObject({ SNAPSHOT_EVERY: '0' });

    const saga = resolveArchitecture('saga', { compensation: 'off', declinePct: 10 }).topology;
    const s = Object.fromEntries(saga.components.map((c) => [c.name, c]));
    expect(saga.components.filter((c) => c.kind === 'postgres').map((c) => c.name)).toEqual([
      'postgres',
      'inventory-db',
      'payment-db',
    ]);
    expect(s.payment?.env).toMatchObject({
      ROLE: 'payment',
      DATABASE_URL: '{{payment-db.url}}',
      PAYMENT_DECLINE_PCT: '10',
    });
    expect(s.inventory?.env).toMatchObject({ ROLE: 'inventory', DATABASE_URL: '{{inventory-db.url}}' });
    // Orders and participants talk only through the broker: they start side by side.
    expect(s.app?.uses).toEqual(['postgres', 'nats']);
    expect(s.app?.env).toMatchObject({ SAGA_COMPENSATION: 'off' });
    expect(Object.values(s.app?.env ?? {}).join(' ')).not.toMatch(/inventory|payment/);
  });

  it('check their params like the others', () => {
    const problems = [
      ...architectureProblems('cqrs', { projectors: 0, lagBoundMs: '1s' }),
      ...architectureProblems('event-sourced', { snapshotEvery: -1, snapshots: 10 }),
      ...architectureProblems('saga', { compensation: 'maybe', declinePct: 101 }),
    ];
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'params.projectors: must be an integer in [1, 64], got 0',
      'params.lagBoundMs: must be a number, got string',
      'params.snapshotEvery: must be an integer in [0, 1000000], got -1',
      expect.stringMatching(
        /^params\.snapshots: unknown parameter for "event-sourced"; valid: snapshotEvery, poolSize/,
      ),
      'params.compensation: must be one of on, off, got "maybe"',
      'params.declinePct: must be an integer in [0, 100], got 101',
    ]);
  });

  it('each have their own integrity checks; the first five rely on the ledger alone', () => {
    expect(
      Object.entries(architectures)
        .filter(([, a]) => 'verify' in a)
        .map(([n]) => n),
    ).toEqual(['cqrs', 'event-sourced', 'saga']);
  });
});
