import { describe, expect, it } from 'vitest';
import type { CapacityResult, CapacityStepRecord, InstanceCpu } from '../../model/index.ts';
import { findBottleneck } from './bottleneck.ts';

function step(offered: number, over: Partial<CapacityStepRecord> = {}): CapacityStepRecord {
  return {
    offered,
    achieved: offered,
    durationS: 15,
    p95: 5,
    p99: 8,
    errorRate: 0,
    dropped: 0,
    generatorBound: false,
    sloMet: true,
    index: 1,
    repeat: 1,
    phase: 'step-up',
    reason: '',
    startedAt: 0,
    endedAt: 0,
    window: { from: 0, to: 0 },
    p50: 2,
    verdict: 'pass',
    failures: [],
    thresholds: [],
    generator: { meanCores: 0.3, maxCores: 0.35, lagP99MaxMs: 2, threads: 1, notes: [] },
    instances: [],
    ...over,
  };
}

const cpu = (instance: string, kind: string, cores: number): InstanceCpu => ({
  instance,
  component: instance.replace(/-\d+$/, ''),
  kind,
  cores,
});

const result = (
  lower: number | null,
  upper: number | null,
  stop: CapacityResult['stop'] = 'converged',
): CapacityResult => ({
  capacity: lower,
  bracket: { lower, upper, halfWidth: lower !== null && upper !== null ? (upper - lower) / 2 : null },
  stop,
  curve: [],
  hottest: null,
  steps: 0,
  notes: [],
});

describe('findBottleneck', () => {
  it('names a single-threaded service at a full core at the first failing rate', () => {
    const steps = [
      step(800, { index: 1, instances: [cpu('app-0', 'service', 0.6), cpu('postgres-0', 'postgres', 0.5)] }),
      step(1600, {
        index: 2,
        verdict: 'fail',
        instances: [cpu('app-0', 'service', 0.97), cpu('postgres-0', 'postgres', 0.9)],
      }),
    ];
    const b = findBottleneck(result(800, 1600), steps, 2)!;
    expect(b).toMatchObject({
      kind: 'component',
      component: 'app',
      instance: 'app-0',
      atRate: 1600,
      step: 2,
    });
    expect(b.reason).toBe(
      'app-0 (service) used 0.97 cores of the 1 core it can use (97 %) at 1600/s, the first rate that failed',
    );
    // Postgres (a process per connection) is judged against the machine's 2 cores: 45 %
    expect(b.components.map((c) => [c.component, c.limitCores, Math.round(c.utilization * 100)])).toEqual([
      ['app', 1, 97],
      ['postgres', 2, 45],
    ]);
  });

  it('names the component that saturates past the knee when it read below the mark at the knee itself', () => {
    const steps = [
      step(6400, {
        index: 1,
        instances: [cpu('app-0', 'service', 0.64), cpu('postgres-0', 'postgres', 0.39)],
      }),
      step(12800, {
        index: 2,
        verdict: 'fail',
        instances: [cpu('app-0', 'service', 0.92), cpu('postgres-0', 'postgres', 0.36)],
      }),
      step(6600, {
        index: 3,
        verdict: 'fail',
        instances: [cpu('app-0', 'service', 0.71), cpu('postgres-0', 'postgres', 0.36)],
      }),
    ];
    const b = findBottleneck(result(6400, 6600), steps, 2)!;
    expect(b).toMatchObject({
      kind: 'component',
      component: 'app',
      instance: 'app-0',
      atRate: 12800,
      step: 2,
    });
    expect(b.reason).toBe(
      'app-0 (service) used 0.92 cores of the 1 core it can use (92 %) at 12800/s, past the first rate that failed (6600/s: 71 %)',
    );
  });

  it('names Postgres when it uses most of every core, and the busiest of several replicas', () => {
    const steps = [
      step(1200, {
        verdict: 'fail',
        instances: [
          cpu('app-0', 'service', 0.4),
          cpu('app-1', 'service', 0.55),
          cpu('postgres-0', 'postgres', 1.8),
        ],
      }),
    ];
    const b = findBottleneck(result(1000, 1200), steps, 2)!;
    expect(b).toMatchObject({ kind: 'component', component: 'postgres' });
    expect(b.components.find((c) => c.component === 'app')).toMatchObject({ instances: 2, cores: 0.55 });
  });

  it('says "machine" when no instance is saturated but every core is busy, and who used them', () => {
    const steps = [
      step(1200, {
        verdict: 'fail',
        instances: [cpu('app-0', 'service', 0.7), cpu('postgres-0', 'postgres', 0.6)],
        generator: { meanCores: 0.4, maxCores: 0.5, lagP99MaxMs: 3, threads: 1, notes: [] },
        machine: { cores: 2, busyCores: 1.95 },
      }),
    ];
    const b = findBottleneck(result(1000, 1200), steps, 2)!;
    expect(b.kind).toBe('machine');
    expect(b.reason).toMatch(
      /the target 1\.3 cores, the load generator 0\.4 cores, other processes 0\.25 cores/,
    );
  });

  it('says "none" when nothing was CPU-bound: the limit is elsewhere', () => {
    const steps = [
      step(250, {
        verdict: 'fail',
        instances: [cpu('api-0', 'command', 0.1)],
        machine: { cores: 2, busyCores: 0.6 },
      }),
    ];
    const b = findBottleneck(result(240, 250), steps, 2)!;
    expect(b.kind).toBe('none');
    expect(b.reason).toMatch(/^nothing was CPU-bound at 250\/s.*a queue or a service time$/);
  });

  it('names other processes on a shared machine as a suspect when nothing of the target was CPU-bound', () => {
    const steps = [
      step(250, {
        verdict: 'fail',
        instances: [cpu('app-0', 'service', 0.1)],
        machine: { cores: 2, busyCores: 1.5 },
      }),
    ];
    // 1.5 busy − 0.1 target − 0.3 generator = 1.1 cores of others
    expect(findBottleneck(result(240, 250), steps, 2)!.reason).toMatch(
      /, or the machine's other processes, which used 1\.1 cores of its 2 cores during this step/,
    );
  });

  it('judges the highest rate that held when none failed, skipping generator-bound steps', () => {
    const steps = [
      step(400, { index: 1, instances: [cpu('app-0', 'service', 0.9)] }),
      step(800, { index: 2, verdict: 'generator-bound', instances: [cpu('app-0', 'service', 1)] }),
    ];
    expect(findBottleneck(result(400, null, 'max-rate'), steps, 2)).toMatchObject({
      kind: 'component',
      step: 1,
      atRate: 400,
    });
  });

  it('says "generator" when the search stopped at the generator', () => {
    const steps = [
      step(400, { index: 1 }),
      step(800, {
        index: 2,
        verdict: 'generator-bound',
        generator: {
          meanCores: 0.98,
          maxCores: 1,
          lagP99MaxMs: 40,
          threads: 1,
          notes: ['generator CPU at 1.00 cores'],
        },
      }),
    ];
    expect(findBottleneck(result(400, null, 'generator'), steps, 2)).toMatchObject({
      kind: 'generator',
      atRate: 800,
      reason: 'the load generator could not offer 800/s: generator CPU at 1.00 cores',
    });
  });

  it('says "machine" when the generator lagged on a fraction of its core while every core was busy', () => {
    const steps = [
      step(1600, { index: 1, instances: [cpu('app-0', 'service', 0.8)] }),
      step(3200, {
        index: 2,
        verdict: 'generator-bound',
        instances: [cpu('app-0', 'service', 0.95), cpu('postgres-0', 'postgres', 0.7)],
        generator: {
          meanCores: 0.2,
          maxCores: 0.22,
          lagP99MaxMs: 45,
          threads: 1,
          notes: ['generator event-loop lag p99 reached 45.0 ms'],
        },
        machine: { cores: 2, busyCores: 1.98 },
      }),
    ];
    const b = findBottleneck(result(1600, null, 'generator'), steps, 2)!;
    expect(b).toMatchObject({ kind: 'machine', atRate: 3200, step: 2 });
    expect(b.reason).toMatch(
      /^the load generator fell behind at 3200\/s \(generator event-loop lag p99 reached 45\.0 ms\) while using 0\.2 cores of its 1 core: the machine's 2 cores were 99 % busy — the target 1\.65 cores, the load generator 0\.2 cores, other processes 0\.13 cores\. On this machine the capacity is at least 1600\/s/,
    );
  });

  it('is null before any informative step', () => {
    expect(findBottleneck(result(null, null, 'aborted'), [], 2)).toBeNull();
  });
});
