/**
 * The gate as Markdown, written for a GitHub job summary
 * (`$GITHUB_STEP_SUMMARY`): the verdict in the heading, a table per profile
 * with ✅/❌ per target, deltas against the baseline with coloured verdicts,
 * and every check in a collapsed details section.
 */
import { COMPARE_METRICS, type GateOutcome, type GateSuite } from '../model/index.ts';
import { fmtTimestamp } from './format.ts';
import { fmtDelta, fmtMetricValue, METRIC_LABEL, mdCell, mdTable, VERDICT_ICON } from './markdown.ts';

export interface GateMarkdownOptions {
  /** Markdown placed right under the heading (the verdicts between targets). */
  preface?: string;
}

export function renderGateMarkdown(outcome: GateOutcome, opts: GateMarkdownOptions = {}): string {
  const out: string[] = [];
  const head = outcome.ok ? '✅ Performance gate passed' : `❌ Performance gate failed — ${outcome.reason}`;
  out.push(`## ${head}`, '');
  const meta = [
    `scenario **${mdCell(outcome.scenario)}**`,
    `run \`${mdCell(outcome.runId)}\``,
    fmtTimestamp(outcome.startedAt),
    `exit code ${outcome.exitCode}`,
  ];
  if (outcome.comparison) meta.push(`baseline \`${mdCell(outcome.comparison.baseline.runId)}\``);
  out.push(meta.join(' · '), '');
  if (opts.preface) out.push(opts.preface.trimEnd(), '');
  if (outcome.limits.length > 0)
    out.push(
      `Regression limits: ${outcome.limits.map((l) => `\`${l.metric} ${l.text}\``).join(', ')} — a metric fails only when it passes its limit **and** the change is beyond noise.`,
      '',
    );
  for (const c of outcome.runChecks.filter((x) => !x.ok)) out.push(`> ❌ ${mdCell(c.message)}`, '');

  const profiles = [...new Set(outcome.suites.map((s) => s.profile))];
  for (const profile of profiles) {
    const suites = outcome.suites.filter((s) => s.profile === profile);
    out.push(`### Profile \`${mdCell(profile)}\``, '');
    const headCols = ['', 'target', ...COMPARE_METRICS.map((m) => METRIC_LABEL[m]), 'thresholds'];
    if (outcome.comparison) headCols.push('regression limits');
    out.push(
      mdTable(
        headCols,
        headCols.map((_, i) => (i >= 2 && i < 2 + COMPARE_METRICS.length ? 'r' : 'l')),
        suites.map((s) => row(s, outcome.comparison !== undefined)),
      ),
      '',
    );
  }
  if (outcome.comparison)
    out.push(
      `Δ against the baseline: ${VERDICT_ICON.worse} worse · ${VERDICT_ICON.better} better · ${VERDICT_ICON.inconclusive} moved but within noise · ${VERDICT_ICON['no-change']} no change.`,
      '',
    );
  const warnings = [
    ...outcome.notes,
    ...outcome.suites.flatMap((s) =>
      s.checks
        .filter((c) => c.ok && c.warning)
        .map((c) => `${s.target} / ${s.profile}: ${c.name} — ${c.warning}`),
    ),
  ];
  for (const w of warnings) out.push(`> ⚠️ ${mdCell(w)}`, '>');
  if (warnings.length) out.splice(out.length - 1, 1, '');

  const checks = [
    ...outcome.runChecks.map((c) => ({ suite: 'run', c })),
    ...outcome.suites.flatMap((s) => s.checks.map((c) => ({ suite: `${s.target} / ${s.profile}`, c }))),
  ];
  out.push(
    '<details>',
    `<summary>All ${checks.length} checks (${checks.filter((x) => !x.c.ok).length} failed)</summary>`,
    '',
    mdTable(
      ['', 'cell', 'check', 'actual', 'expected'],
      ['l', 'l', 'l', 'l', 'l'],
      checks.map(({ suite, c }) => [
        c.ok ? (c.warning ? '⚠️' : '✅') : '❌',
        mdCell(suite),
        mdCell(`${c.kind}: ${c.name}`),
        mdCell(c.actual),
        mdCell(c.expected),
      ]),
    ),
    '',
    '</details>',
    '',
  );
  return out.join('\n');
}

function row(s: GateSuite, compared: boolean): string[] {
  const failed = s.checks.some((c) => !c.ok);
  const thresholds = s.checks.filter((c) => c.kind === 'threshold');
  const passed = thresholds.filter((c) => c.ok).length;
  const cells = [failed ? '❌' : '✅', mdCell(s.target)];
  for (const m of COMPARE_METRICS) {
    const mc = s.comparison?.metrics.find((x) => x.metric === m);
    const value = fmtMetricValue(m, s.figures[m]);
    cells.push(
      mc && mc.delta !== null
        ? `${value} ${VERDICT_ICON[mc.verdict]} ${fmtDelta(m, mc.delta, mc.deltaPct)}`
        : value,
    );
  }
  cells.push(
    thresholds.length === 0
      ? '–'
      : `${passed}/${thresholds.length}${passed < thresholds.length ? ' ❌' : ''}`,
  );
  if (compared) {
    const limits = s.checks.filter((c) => c.kind === 'regression');
    cells.push(
      !s.comparison
        ? 'not in baseline'
        : limits
            .filter((c) => !c.ok || c.warning)
            .map((c) => `${c.ok ? '⚠️' : '❌'} ${mdCell(c.name)}`)
            .join(', ') || `✅ ${limits.length}/${limits.length}`,
    );
  }
  return cells;
}
