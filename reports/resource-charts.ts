/**
 * The resource section of a profile: per component (app, postgres, redis…),
 * CPU in cores and resident memory over time, one line per target and
 * instance (`replicated app-1`). With several trials, the first trial's.
 */
import type { CellResult, ResourceSample } from '../model/index.ts';
import { type ChartBand, type ChartMarker, type ChartSeries, renderLineChart } from './charts/line-chart.ts';
import { seriesColor } from './charts/palette.ts';
import type { ChartView } from './profile-charts.ts';

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
  overlays: { bands: readonly ChartBand[]; markers: readonly ChartMarker[] },
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
    const series = (pick: (s: ResourceSample) => number): ChartSeries[] =>
      entries.map(({ cell, instance, samples }) => {
        const t0 = cell.intervals[0]?.ts ?? cell.startedAt ?? samples[0]!.ts;
        const index = Number(/-(\d+)$/.exec(instance)?.[1] ?? 0);
        return {
          name: `${cell.target} ${instance}`,
          color: seriesColor(targets.indexOf(cell.target)),
          ...(index >= DASHES_FROM_INDEX ? { dashed: true } : {}),
          points: samples.map((s) => [(s.ts - t0) / 1000, pick(s)] as const),
        };
      });
    const chart = (title: string, unit: string, s: ChartSeries[]): ChartView => ({
      title,
      svg: renderLineChart({ title: `${title} — ${profile}`, unit, series: s, ...overlays }),
    });
    views.push({
      component,
      charts: [
        chart(
          `CPU — ${component}`,
          'cores',
          series((s) => s.cpuCores),
        ),
        chart(
          `Memory (RSS) — ${component}`,
          'MiB',
          series((s) => s.rssBytes / 1024 ** 2),
        ),
      ],
    });
  }
  return views;
}
