/**
 * CPU and RSS of one process tree (group and descendants), from /proc. CPU is the ticks the group's
 * members used since the previous sample (a member new since then counts
 * from its start), divided by the wall time between the samples.
 */
import type { ResourceSample } from '../../../model/index.ts';
import { clockTicksPerSecond, processTree, readRssBytes } from '../host/proc-fs.ts';

export class ResourceSampler {
  readonly #pgid: number;
  #lastTs: number;
  #lastTicks = new Map<number, number>();

  constructor(pgid: number, startedAt: number) {
    this.#pgid = pgid;
    this.#lastTs = startedAt;
  }

  sample(now = Date.now()): ResourceSample {
    const ticks = new Map<number, number>();
    let used = 0;
    let rssBytes = 0;
    for (const member of processTree(this.#pgid)) {
      ticks.set(member.pid, member.cpuTicks);
      used += Math.max(0, member.cpuTicks - (this.#lastTicks.get(member.pid) ?? 0));
      rssBytes += readRssBytes(member.pid);
    }
    const seconds = Math.max(0.001, (now - this.#lastTs) / 1000);
    this.#lastTicks = ticks;
    this.#lastTs = now;
    return { ts: now, cpuCores: used / clockTicksPerSecond / seconds, rssBytes };
  }
}
