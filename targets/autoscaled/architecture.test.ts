import { describe, expect, it } from 'vitest';
import { architectureProblems, architectureScaler, resolveArchitecture } from '../index.ts';

describe('autoscaled', () => {
  it('starts as replicated with minReplicas apps behind HAProxy, each limited to maxConnPerApp in flight', () => {
    const { topology } = resolveArchitecture('autoscaled', { minReplicas: 2, maxReplicas: 4, workUs: 800 });
    const byName = Object.fromEntries(topology.components.map((c) => [c.name, c]));
    expect(topology.entry).toBe('lb');
    expect(byName.app).toMatchObject({ kind: 'service', replicas: 2, uses: ['postgres', 'replica'] });
    expect(byName.app?.env).toMatchObject({
      DATA_PATH: 'autoscaled',
      REQUEST_WORK_US: '800',
      DATABASE_REPLICA_URLS: '{{replica.urls}}',
    });
    expect(byName.lb).toMatchObject({ kind: 'haproxy', uses: ['app'] });
    expect(byName.lb?.settings).toMatchObject({ balance: 'roundrobin', serverMaxconn: 32 });
    expect(byName.replica).toMatchObject({ replicas: 1, replicaOf: 'postgres' });
  });

  it('declares its scaler from the params: cpu as a share of one core, or p95 in ms', () => {
    expect(architectureScaler('autoscaled', {})).toEqual({
      component: 'app',
      metric: 'cpu',
      target: 0.6,
      min: 1,
      max: 3,
      step: 1,
      cooldownMs: 15_000,
      tolerance: 0.1,
      periodMs: 1_000,
    });
    expect(
      architectureScaler('autoscaled', { metric: 'p95', targetP95Ms: 80, step: 2, tolerancePct: 0 }),
    ).toMatchObject({ metric: 'p95', target: 80, step: 2, tolerance: 0 });
    expect(architectureScaler('replicated', {})).toBeUndefined();
  });

  it('refuses min above max, and a balance algorithm HAProxy cannot add servers to', () => {
    expect(architectureProblems('autoscaled', { minReplicas: 4, maxReplicas: 2 })).toEqual([
      { path: 'params.minReplicas', message: 'must be ≤ maxReplicas (2), got 4' },
    ]);
    expect(architectureProblems('autoscaled', { balance: 'source' })[0]?.message).toMatch(
      /must be one of roundrobin, leastconn/,
    );
  });
});
