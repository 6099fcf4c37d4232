/**
 * A capacity cell spelled out, as an analysis of its profile: one sentence
 * (the capacity, its knee, why the search stopped, the bottleneck), every
 * step in the order run — offered and achieved rate, latency, errors, drops,
 * its verdict, the generator's CPU and the machine's — and each component's
 * CPU at the knee against what it can use.
 */
import type { CellCapacity, CellResult } from '../model/index.ts';
import type { AnalysisTable, AnalysisView } from './analysis-view.ts';
import { DASH, fmtInt, fmtMs, fmtPct, fmtRate } from './format.ts';

export function capacityAnalysisViews(
  cells: readonly CellResult[],
  label: (c: CellResult) => string,
): AnalysisView[] {
  return cells.flatMap((c) => (c.capacity ? [{ cell: label(c), ...capacityAnalysis(c.capacity) }] : []));
}

/** The search's answer in one line (console, Markdown, the report's analysis). */
export function capacitySentence(c: CellCapacity): string {
  const { lower, upper } = c.bracket;
  const found =
    c.capacity === null
      ? 'no rate met the SLO'
      : `capacity ${rate(c.capacity)}/s at the SLO (${upper === null ? 'a lower bound' : `knee between ${rate(lower ?? 0)} and ${rate(upper)}/s`})`;
  const spread =
    c.repeats.spread === null
      ? ''
      : `, spread ${fmtPct(c.repeats.spread)} over ${c.repeats.repeats} searches`;
  return `${found}${spread}; ${c.steps.length} steps, stopped: ${c.stop}${c.bottleneck ? `; bottleneck: ${c.bottleneck.reason}` : ''}`;
}

function capacityAnalysis(c: CellCapacity): Omit<AnalysisView, 'cell'> {
  const notes = [...c.notes];
  if (c.generatorBoundSteps.length > 0)
    notes.push(
      `Steps ${c.generatorBoundSteps.join(', ')} were generator-bound: they measured the load generator, and count neither way.`,
    );
  const tables: AnalysisTable[] = [stepsTable(c)];
  const knee = c.bottleneck?.components ?? [];
  if (knee.length > 0)
    tables.push({
      caption: `CPU at ${rate(c.bottleneck!.atRate)}/s (step ${c.bottleneck!.step}): the busiest instance of each component`,
      columns: ['kind', 'instances', 'cores', 'can use', 'used'],
      rows: knee.map((k) => ({
        label: k.component,
        highlight: k.component === c.bottleneck?.component,
        cells: [
          { text: k.kind },
          { text: String(k.instances) },
          { text: cores(k.cores) },
          { text: cores(k.limitCores) },
          { text: fmtPct(k.utilization), ...(k.utilization >= 0.85 ? { ok: false } : {}) },
        ],
      })),
    });
  return { kind: 'capacity', sentence: capacitySentence(c), ok: c.capacity !== null, notes, tables };
}

function stepsTable(c: CellCapacity): AnalysisTable {
  const searches = new Set(c.steps.map((s) => s.repeat)).size;
  return {
    caption: 'Steps, in the order run',
    columns: [
      ...(searches > 1 ? ['search'] : []),
      'why',
      'offered/s',
      'achieved/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'errors',
      'dropped',
      'verdict',
      'generator cores',
      'machine busy',
      'busiest instance',
    ],
    rows: c.steps.map((s) => {
      const top = s.instances[0];
      return {
        label: `step ${s.index}`,
        highlight: s.index === c.capacityStep,
        cells: [
          ...(searches > 1 ? [{ text: String(s.repeat) }] : []),
          { text: s.phase },
          { text: fmtRate(s.offered) },
          { text: fmtRate(s.achieved) },
          { text: fmtMs(s.p50) },
          { text: fmtMs(s.p95) },
          { text: fmtMs(s.p99) },
          { text: fmtPct(s.errorRate) },
          { text: fmtInt(s.dropped) },
          s.verdict === 'pass'
            ? { text: s.index === c.capacityStep ? '✓ held — capacity' : '✓ held', ok: true }
            : s.verdict === 'fail'
              ? { text: `✗ ${s.failures.join(', ')}`, ok: false }
              : { text: '⚠ generator-bound' },
          { text: cores(s.generator.meanCores) },
          { text: s.machine ? `${cores(s.machine.busyCores)} of ${s.machine.cores}` : DASH },
          { text: top ? `${top.instance} ${cores(top.cores)}` : DASH },
        ],
      };
    }),
  };
}

function rate(r: number): string {
  return r >= 100 ? fmtInt(r) : String(Number(r.toPrecision(3)));
}

function cores(c: number): string {
  return String(Number(c.toFixed(2)));
}
