/**
 * The end-of-run summary for the terminal: one compact table per profile with
 * the targets side by side (like k6's end-of-test summary, but comparing),
 * then threshold verdicts, generator-bound warnings and the overall verdict.
 */
import type { CellResult, RunResults } from '../model/index.ts';
import { cellLabel, runAxes } from './cell-label.ts';
import { describeExecutor } from './describe-executor.ts';
import { fmtInt, fmtMs, fmtPct, fmtRate, fmtThresholdActual } from './format.ts';
import { generatorNotesOf, isGeneratorBound, vuPoolNotesOf } from './load-warnings.ts';
import { profileFindings } from './run-findings.ts';
import { type Paint, paint, textTable } from './text-table.ts';

export interface ConsoleSummaryOptions {
  /** ANSI colours (default false: plain text, safe for logs and files). */
  color?: boolean;
}

export function formatConsoleSummary(results: RunResults, opts: ConsoleSummaryOptions = {}): string {
  const p = paint(opts.color ?? false);
  const trials = results.options.trials;
  const out: string[] = [];
  out.push(`${p.bold(results.scenario.name)} ${p.dim(`· run ${results.runId} ·`)} ${statusWord(results, p)}`);
  if (results.status !== 'completed') {
    const reason = results.verdict?.reason ? `: ${results.verdict.reason}` : '';
    out.push(p.red(p.bold(`✗ ${results.status.toUpperCase()} RUN — results are incomplete${reason}`)));
  }
  const { profiles, targets } = runAxes(results);
  for (const profile of profiles) {
    const cells = results.cells.filter((c) => c.profile === profile);
    out.push('', `${p.bold(`profile ${profile}`)} ${p.dim(`— ${describeExecutor(cells[0]!.executor)}`)}`);
    out.push(comparison(cells, trials, p));
    const scenarios = scenarioLines(cells, trials, p);
    if (scenarios) out.push(scenarios);
    const findings = findingLines(cells, trials, targets, p);
    if (findings) out.push('', findings);
    const th = thresholdLines(cells, trials, p);
    if (th) out.push('', th);
  }
  const bound = results.cells.filter(isGeneratorBound);
  const slow = results.cells.filter((c) => vuPoolNotesOf(c).length > 0);
  if (bound.length || slow.length) out.push('');
  for (const c of bound) {
    const notes = generatorNotesOf(c).join('; ') || 'generator saturated';
    out.push(
      p.yellow(
        `⚠ generator-bound: ${cellLabel(c, trials)} / ${c.profile} — ${notes}. These figures measure the load generator, not the target.`,
      ),
    );
  }
  for (const c of slow) {
    out.push(
      p.yellow(`⚠ target too slow: ${cellLabel(c, trials)} / ${c.profile} — ${vuPoolNotesOf(c).join('; ')}.`),
    );
  }
  const failedCells = results.cells.filter((c) => c.status === 'failed' || c.status === 'aborted');
  for (const c of failedCells) {
    out.push(
      p.red(`✗ ${cellLabel(c, trials)} / ${c.profile} ${c.status}${c.error ? `: ${c.error.message}` : ''}`),
    );
  }
  const all = results.cells.flatMap((c) => c.thresholds ?? []);
  if (all.length) {
    const failed = all.filter((t) => !t.ok).length;
    out.push(
      '',
      failed === 0
        ? p.green(p.bold(`✓ all ${all.length} threshold checks passed`))
        : p.red(p.bold(`✗ ${failed} of ${all.length} threshold checks failed`)),
    );
  }
  return `${out.join('\n')}\n`;
}

function statusWord(results: RunResults, p: Paint): string {
  return results.status === 'completed' ? p.green(results.status) : p.red(results.status);
}

function comparison(cells: CellResult[], trials: number, p: Paint): string {
  const head = ['target', 'status', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'dropped'].map(
    p.dim,
  );
  const rows = cells.map((c) => {
    const s = c.summary;
    const err = fmtPct(s?.errorRate);
    return [
      p.bold(cellLabel(c, trials)) + (isGeneratorBound(c) ? p.yellow(' ⚠') : ''),
      c.status === 'completed' ? c.status : p.red(c.status),
      fmtRate(s?.rate),
      fmtMs(s?.duration.med),
      fmtMs(s?.duration.p95),
      fmtMs(s?.duration.p99),
      fmtMs(s?.duration.max),
      s && s.failed > 0 ? p.red(err) : err,
      fmtInt(s?.droppedIterations),
    ];
  });
  return textTable(
    [head, ...rows],
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

/** The analysis of each cell in a sentence, then a table of fault impact and the faults that failed. */
function findingLines(cells: CellResult[], trials: number, targets: string[], p: Paint): string | null {
  const f = profileFindings(cells, trials, targets);
  const out: string[] = [];
  if (f.analyses.length) {
    out.push(
      textTable([
        ['', p.dim('analysis')],
        ...f.analyses.map((a) => [p.dim(a.kind), `${p.bold(a.cell)} ${a.sentence}`]),
      ]),
    );
  }
  if (f.faults.length) {
    const head = [
      'fault',
      'target',
      'at',
      'for',
      'errors during',
      'p99 during',
      'detected',
      'recovered',
      'avail.',
    ];
    const rows = f.faults.map((r) => [
      r.fault,
      p.bold(r.cell),
      r.at,
      r.duration,
      r.errors[1].worst ? p.red(r.errors[1].text) : r.errors[1].text,
      r.p99[1].worst ? p.red(`${r.p99[1].text} ms`) : `${r.p99[1].text} ms`,
      r.detect.text,
      r.recover.ok === false ? p.red(r.recover.text) : r.recover.text,
      r.availability.worst ? p.red(r.availability.text) : r.availability.text,
    ]);
    if (out.length) out.push('');
    out.push(
      textTable(
        [head.map(p.dim), ...rows],
        ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
      ),
    );
  }
  for (const line of f.failures) out.push(p.yellow(`  ⚠ fault not applied: ${line}`));
  return out.length ? out.join('\n') : null;
}

/** One line per threshold, its verdict in each cell side by side. */
function thresholdLines(cells: CellResult[], trials: number, p: Paint): string | null {
  const keys = [
    ...new Set(cells.flatMap((c) => (c.thresholds ?? []).map((t) => `${t.metric} ${t.expression}`))),
  ];
  if (keys.length === 0) return null;
  const rows = keys.map((key) => {
    const verdicts = cells.map((c) =>
      (c.thresholds ?? []).find((t) => `${t.metric} ${t.expression}` === key),
    );
    const allOk = verdicts.every((t) => t === undefined || t.ok);
    const row = [allOk ? p.green('✓') : p.red('✗'), key];
    verdicts.forEach((t, i) => {
      const label = cellLabel(cells[i]!, trials);
      if (!t) {
        row.push(p.dim(`${label} –`));
        return;
      }
      const text = `${label} ${t.ok ? '✓' : '✗'} ${fmtThresholdActual(t.metric, t.expression, t.actual)}`;
      row.push(t.ok ? p.green(text) : p.red(text));
    });
    return row;
  });
  return textTable([['', p.dim('thresholds')], ...rows]);
}

/** Concurrent scenarios: each cell's iterations and dropped iterations per scenario, one line a cell. */
function scenarioLines(cells: readonly CellResult[], trials: number, p: Paint): string | undefined {
  const lines = cells.flatMap((c) => {
    const by = c.summary?.byScenario;
    if (by === undefined) return [];
    const each = Object.entries(by).map(
      ([name, s]) =>
        `${name} ${s.iterations} iterations${s.droppedIterations > 0 ? p.yellow(`, ${s.droppedIterations} dropped`) : ''}`,
    );
    return [`  ${p.dim('scenarios')}  ${cellLabel(c, trials)}: ${each.join(' · ')}`];
  });
  return lines.length === 0 ? undefined : lines.join('\n');
}
