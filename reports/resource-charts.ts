/**
 * The resource section of a profile: per component (app, postgres, redis…),
 * CPU in cores and resident memory over time, one line per target and
 * instance (`replicated app-1`). With several trials, the first trial's.
 * Interactive, on the same time axis as the profile's other charts, so the
 * crosshair shows a component's CPU at the moment latency jumped.
 */
import type { CellResult, ResourceSample } from '../model/index.ts';
import { seriesColor } from './charts/palette.ts';
import type { ChartData, ChartSpec, SeriesSpec } from './interactive/chart-data.ts';
import type { ChartView, Overlays } from './profile-charts.ts';

export interface ResourceView {
  component: string;
  charts: ChartView[];
}

const DASHES_FROM_INDEX = 1;

/** `app-1` → `app`. */
export function componentOf(instanceId: string): string {
  return instanceId.replace(/-\d+$/, '');
}

export function resourceViews(
  profile: string,
  cells: readonly CellResult[],
  targets: readonly string[],
  overlays: Overlays,
  data: ChartData,
): ResourceView[] {
  const firstTrial = cells.filter((c) => c.trial === Math.min(...cells.map((x) => x.trial)));
  const byComponent = new Map<string, { cell: CellResult; instance: string; samples: ResourceSample[] }[]>();
  for (const cell of firstTrial) {
    for (const [instance, samples] of Object.entries(cell.resources ?? {})) {
      if (samples.length === 0) continue;
      const list = byComponent.get(componentOf(instance)) ?? [];
      list.push({ cell, instance, samples });
      byComponent.set(componentOf(instance), list);
    }
  }
  const views: ResourceView[] = [];
  for (const [component, entries] of byComponent) {
    const series = (col: string): SeriesSpec[] =>
      entries.map(({ cell, instance, samples }) => {
        const t0 = cell.intervals[0]?.ts ?? cell.startedAt ?? samples[0]!.ts;
        const index = Number(/-(\d+)$/.exec(instance)?.[1] ?? 0);
        return {
          label: `${cell.target} ${instance}`,
          table: data.table(samples, () => ({
            t: samples.map((s) => (s.ts - t0) / 1000),
            cols: {
              cpu: samples.map((s) => s.cpuCores),
              rss: samples.map((s) => s.rssBytes / 1024 ** 2),
            },
          })),
          col,
          color: seriesColor(targets.indexOf(cell.target)),
          group: cell.target,
          ...(index >= DASHES_FROM_INDEX ? { dash: [6, 3] } : {}),
        };
      });
    const chart = (title: string, unit: string, format: ChartSpec['format'], s: SeriesSpec[]): ChartView => ({
      title,
      chart: data.add({
        title: `${title} — ${profile}`,
        unit,
        format,
        series: s,
        bands: overlays.bands,
        markers: overlays.markers,
        sync: `profile:${profile}`,
      }),
    });
    views.push({
      component,
      charts: [
        chart(`CPU — ${component}`, 'cores', 'cores', series('cpu')),
        chart(`Memory (RSS) — ${component}`, 'MiB', 'mib', series('rss')),
      ],
    });
  }
  return views;
}
