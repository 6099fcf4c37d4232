/** A comparison of two stored runs as Markdown: per profile, each target's metrics side by side with deltas and verdicts. */
import type { Comparison } from '../model/index.ts';
import { fmtTimestamp } from './format.ts';
import { fmtDelta, fmtMetricValue, METRIC_LABEL, mdCell, mdTable, VERDICT_ICON } from './markdown.ts';

export function renderCompareMarkdown(c: Comparison): string {
  const out: string[] = [
    `## ${mdCell(c.current.scenario)}: \`${mdCell(c.current.runId)}\` vs baseline \`${mdCell(c.baseline.runId)}\``,
    '',
    `baseline ${fmtTimestamp(c.baseline.startedAt)} · current ${fmtTimestamp(c.current.startedAt)} · ${tolerances(c)}`,
    '',
  ];
  for (const w of c.warnings) out.push(`> ⚠️ ${mdCell(w)}`, '');
  const worse = c.groups.flatMap((g) =>
    g.metrics.filter((m) => m.verdict === 'worse').map((m) => `${g.target} / ${g.profile} ${m.metric}`),
  );
  out.push(
    worse.length
      ? `**${VERDICT_ICON.worse} Worse: ${worse.map(mdCell).join(', ')}**`
      : '**No metric got worse beyond noise.**',
    '',
  );
  for (const profile of [...new Set(c.groups.map((g) => g.profile))]) {
    out.push(`### Profile \`${mdCell(profile)}\``, '');
    const rows: string[][] = [];
    for (const g of c.groups.filter((x) => x.profile === profile)) {
      for (const m of g.metrics) {
        rows.push([
          mdCell(g.target),
          METRIC_LABEL[m.metric],
          fmtMetricValue(m.metric, m.baseline),
          fmtMetricValue(m.metric, m.current),
          m.delta === null ? '–' : fmtDelta(m.metric, m.delta, m.deltaPct),
          `${VERDICT_ICON[m.verdict]} ${m.verdict}`,
          mdCell(m.reason),
        ]);
      }
    }
    out.push(
      mdTable(
        ['target', 'metric', 'baseline', 'current', 'Δ', 'verdict', 'why'],
        ['l', 'l', 'r', 'r', 'r', 'l', 'l'],
        rows,
      ),
      '',
    );
  }
  for (const k of c.onlyInBaseline) out.push(`- ${mdCell(k)}: in the baseline only`);
  for (const k of c.onlyInCurrent) out.push(`- ${mdCell(k)}: not in the baseline`);
  out.push('', methodNote(c), '');
  return out.join('\n');
}

function tolerances(c: Comparison): string {
  const t = c.settings.tolerances;
  return `tolerance ±${t.throughput * 100} % throughput, ±${t.latency * 100} % latency, ±${Number((t.errorRate * 100).toPrecision(3))} pp errors`;
}

export function methodNote(c: Comparison): string {
  return `Verdicts need both a Mann–Whitney U test (one-sided, α ${c.settings.alpha} over per-trial figures with ≥ 3 trials a side, else α ${c.settings.intervalAlpha} over per-second figures — which are autocorrelated, so the test alone overstates confidence) and a move beyond the tolerance.`;
}
