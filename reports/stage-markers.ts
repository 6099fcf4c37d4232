/**
 * Stage boundaries of ramping executors, in seconds from the start of the
 * profile's load (after `startTime`), for the dashed markers on the charts.
 * Durations are the executor's as run (already scaled by --duration-scale).
 */

import type { CellExecutor, ExecutorConfig } from '../model/index.ts';
import { parseDuration } from '../model/index.ts';
import type { ChartMarker } from './charts/line-chart.ts';

/**
 * Concurrent scenarios: each scenario's stage boundaries, labelled with its
 * name, and a marker where a scenario with a `startTime` begins.
 */
export function stageMarkers(executor: CellExecutor): ChartMarker[] {
  if (executor.executor !== 'scenarios') return executorMarkers(executor, '');
  const markers: ChartMarker[] = [];
  for (const [name, e] of Object.entries(executor.scenarios)) {
    const start = e.startTime ? parseDuration(e.startTime) / 1000 : 0;
    if (start > 0) markers.push({ at: start, label: `${name} starts` });
    markers.push(...executorMarkers(e, `${name} `));
  }
  return markers.sort((a, b) => a.at - b.at);
}

function executorMarkers(executor: ExecutorConfig, prefix: string): ChartMarker[] {
  if (executor.executor !== 'ramping-vus' && executor.executor !== 'ramping-arrival-rate') return [];
  const unit = executor.executor === 'ramping-vus' ? ' VUs' : `/${executor.timeUnit}`;
  const markers: ChartMarker[] = [];
  let at = executor.startTime ? parseDuration(executor.startTime) / 1000 : 0;
  executor.stages.forEach((stage, i) => {
    const next = executor.stages[i + 1];
    at += parseDuration(stage.duration) / 1000;
    markers.push({ at, label: `${prefix}${next ? `→ ${next.target}${unit}` : 'end'}` });
  });
  return markers;
}
