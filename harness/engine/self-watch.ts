import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import type { GeneratorStats } from '../../model/index.ts';

/**
 * The generator watching itself: event-loop lag and process CPU since the
 * previous sample. A lagging loop sends late and reads late, so the numbers
 * it measured include the generator's own delay.
 */
export class SelfWatch {
  private readonly lag: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private cpu = process.cpuUsage();

  start(): void {
    this.lag.enable();
    this.cpu = process.cpuUsage();
  }

  /** Stats since the previous sample; `elapsedMs` is the wall time they cover. */
  sample(elapsedMs: number): GeneratorStats {
    const cpu = process.cpuUsage(this.cpu);
    this.cpu = process.cpuUsage();
    // The histogram holds ns; with no sample yet (shorter than its resolution) it reports NaN-like extremes.
    const hasLag = this.lag.count > 0;
    const stats: GeneratorStats = {
      eventLoopLagP99Ms: hasLag ? round2(this.lag.percentile(99) / 1e6) : 0,
      eventLoopLagMaxMs: hasLag ? round2(this.lag.max / 1e6) : 0,
      cpuCores: elapsedMs > 0 ? round2((cpu.user + cpu.system) / 1000 / elapsedMs) : 0,
    };
    this.lag.reset();
    return stats;
  }

  stop(): void {
    this.lag.disable();
  }
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
