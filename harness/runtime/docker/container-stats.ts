/**
 * CPU and memory of one container from the daemon's stats (`docker stats`,
 * one shot: no 1 s wait for a second reading). CPU is the container's cgroup
 * CPU time since the previous sample over the wall time between them; memory
 * is what `docker stats` shows: the cgroup's usage minus its inactive file
 * cache (cgroup v1 and v2 name that figure differently).
 */
import type { ResourceSample } from '../../../model/index.ts';

export interface StatsReading {
  cpu_stats?: { cpu_usage?: { total_usage?: number } };
  memory_stats?: { usage?: number; stats?: Record<string, number> };
}

export class ContainerStatsSampler {
  #lastTs: number;
  #lastCpuNs: number | undefined;

  constructor(startedAt: number) {
    this.#lastTs = startedAt;
  }

  sample(reading: StatsReading, now = Date.now()): ResourceSample {
    const cpuNs = reading.cpu_stats?.cpu_usage?.total_usage ?? 0;
    const seconds = Math.max(0.001, (now - this.#lastTs) / 1000);
    const used = Math.max(0, cpuNs - (this.#lastCpuNs ?? 0));
    this.#lastCpuNs = cpuNs;
    this.#lastTs = now;
    return { ts: now, cpuCores: used / 1e9 / seconds, rssBytes: memoryBytes(reading) };
  }
}

export function memoryBytes(reading: StatsReading): number {
  const usage = reading.memory_stats?.usage ?? 0;
  const stats = reading.memory_stats?.stats ?? {};
  const inactiveFile = stats.total_inactive_file ?? stats.inactive_file ?? 0;
  return Math.max(0, usage - inactiveFile);
}
