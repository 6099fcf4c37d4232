import { describe, expect, it } from 'vitest';
import { ContainerStatsSampler, memoryBytes } from './container-stats.ts';

describe('container stats', () => {
  it('CPU is the cgroup time used between two samples over the wall time between them', () => {
    const sampler = new ContainerStatsSampler(1_000);
    // 0.5 s of CPU in the first 1 s (since the start), then 1.5 s in the next 2 s.
    expect(sampler.sample({ cpu_stats: { cpu_usage: { total_usage: 0.5e9 } } }, 2_000).cpuCores).toBeCloseTo(
      0.5,
    );
    expect(sampler.sample({ cpu_stats: { cpu_usage: { total_usage: 2e9 } } }, 4_000).cpuCores).toBeCloseTo(
      0.75,
    );
  });

  it('memory is usage minus inactive file cache, as `docker stats` shows it (cgroup v1 and v2)', () => {
    expect(memoryBytes({ memory_stats: { usage: 100e6, stats: { total_inactive_file: 30e6 } } })).toBe(70e6);
    expect(memoryBytes({ memory_stats: { usage: 100e6, stats: { inactive_file: 40e6 } } })).toBe(60e6);
    expect(memoryBytes({})).toBe(0);
  });
});
