import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../harness/errors.ts';
import { architectureProblems, architectures, formatArchitectures, resolveArchitecture } from './index.ts';

describe('resolveArchitecture', () => {
  it('builds the monolith with defaults', () => {
    const { topology, params } = resolveArchitecture('monolith', {});
    expect(params).toEqual({ poolSize: 10 });
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
    expect(params).toEqual({ poolSize: 4, cacheTtlS: 60, cacheMode: 'write-through' });
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
    expect(() => resolveArchitecture('toString', {})).toThrow(/available: monolith, cached/);
  });

  it('lists architectures with their params', () => {
    const text = formatArchitectures();
    for (const name of Object.keys(architectures)) expect(text).toContain(`${name}:`);
    expect(text).toContain('cacheMode = "cache-aside"');
  });
});
