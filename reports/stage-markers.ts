/**
 * Stage boundaries of ramping executors, in seconds from the start of the
 * profile's load (after `startTime`), for the dashed markers on the charts.
 * Durations are the executor's as run (already scaled by --duration-scale).
 */
import { parseDuration } from '../harness/scenario/duration.ts';
import type { ExecutorConfig } from '../harness/scenario/schema.ts';
import type { ChartMarker } from './charts/line-chart.ts';

export function stageMarkers(executor: ExecutorConfig): ChartMarker[] {
  if (executor.executor !== 'ramping-vus' && executor.executor !== 'ramping-arrival-rate') return [];
  const unit = executor.executor === 'ramping-vus' ? ' VUs' : `/${executor.timeUnit}`;
  const markers: ChartMarker[] = [];
  let at = executor.startTime ? parseDuration(executor.startTime) / 1000 : 0;
  executor.stages.forEach((stage, i) => {
    const next = executor.stages[i + 1];
    at += parseDuration(stage.duration) / 1000;
    markers.push({ at, label: next ? `→ ${next.target}${unit}` : 'end' });
  });
  return markers;
}
