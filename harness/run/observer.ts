/**
 * Run observers implement optional lifecycle hooks, as vitest's reporters do.
 * Live progress is one of them; anything that wants to follow a run (a
 * Prometheus exporter, a test) is another.
 */
import type { CellResult, Deployment, IntervalSample, RunResults } from '../../model/index.ts';

export interface RunObserver {
  onRunStart?(results: RunResults): void;
  onCellStart?(cell: CellResult): void;
  /** The cell's topology is up and ready, before seeding and load: its instances and their addresses. */
  onDeploymentReady?(cell: CellResult, deployment: Deployment): void;
  onInterval?(cell: CellResult, sample: IntervalSample): void;
  /** An interval of the cell's warm-up: not part of its figures (`cell.warmup`). */
  onWarmupInterval?(cell: CellResult, sample: IntervalSample): void;
  onCellEnd?(cell: CellResult): void;
  onRunEnd?(results: RunResults): void;
  /** Human-readable progress lines (startup times, seeding, warnings). */
  onLog?(line: string): void;
}

/** Fans one event out to many observers; an observer that throws never breaks the run. */
export function combineObservers(observers: RunObserver[]): Required<RunObserver> {
  const call =
    <K extends keyof RunObserver>(key: K) =>
    (...args: Parameters<Required<RunObserver>[K]>) => {
      for (const o of observers) {
        try {
          (o[key] as ((...a: unknown[]) => void) | undefined)?.(...args);
        } catch {
          // A broken observer must not cost the measurement.
        }
      }
    };
  return {
    onRunStart: call('onRunStart'),
    onCellStart: call('onCellStart'),
    onDeploymentReady: call('onDeploymentReady'),
    onInterval: call('onInterval'),
    onWarmupInterval: call('onWarmupInterval'),
    onCellEnd: call('onCellEnd'),
    onRunEnd: call('onRunEnd'),
    onLog: call('onLog'),
  };
}
