/**
 * `harness run <scenario>`: the library's `runScenario` plus the process —
 * signals, live progress on stderr, the console summary with its noise note
 * (do the targets really differ?), the gate and the exit code. `--dry-run`
 * prints the plan and starts nothing.
 */
import { InvalidInputError } from '../../model/index.ts';
import { formatCapacitySummary, formatConsoleSummary } from '../../reports/index.ts';
import { noiseNotes, parseLimits } from '../gate/index.ts';
import { renderSummary, runSummary } from '../k6/summary/run-summary.ts';
import type { SummaryLayout } from '../k6/summary/types.ts';
import { exportPathProblems, isStdout, writeExport } from '../k6/summary/write-export.ts';
import { readResults } from '../results/index.ts';
import { describePlan } from '../run/describe-plan.ts';
import { planScenario, type RunOptions, runGate, runScenario } from '../run/index.ts';
import { progressObserver } from '../run/progress.ts';
import { withProcessGuard } from './process-guard.ts';

/** NO_COLOR (no-color.org): set and not empty, no colors anywhere. */
export const colorOn = (stream: NodeJS.WriteStream): boolean =>
  stream.isTTY === true && !process.env.NO_COLOR;

export interface RunCommandOptions {
  selection: Pick<
    RunOptions,
    'runtime' | 'engine' | 'targets' | 'profiles' | 'schedules' | 'durationScale' | 'trials'
  >;
  out: string;
  quiet: boolean;
  dryRun: boolean;
  prometheus?: RunOptions['prometheus'];
  /** `--summary-export` (`-`: stdout) in k6's current or legacy layout. */
  summaryExport?: { path: string; layout: SummaryLayout };
  gate: { gate?: boolean; baseline?: string; limits?: string; summary?: string };
}

/** Runs the command; returns the exit code. */
export async function runCommand(file: string, o: RunCommandOptions): Promise<number> {
  // Gate inputs are checked before anything starts: a typo is invalid input at second 0.
  if (o.gate.limits) parseLimits(o.gate.limits, '--limits');
  if (o.gate.baseline) readResults(o.gate.baseline);
  if (o.summaryExport) {
    const problems = exportPathProblems(o.summaryExport.path, '--summary-export');
    if (problems.length > 0) throw new InvalidInputError(undefined, problems);
  }
  if (o.dryRun) {
    const { plan } = await planScenario(file, o.selection);
    process.stdout.write(`${describePlan(file, plan).join('\n')}\n`);
    return 0;
  }
  const stderr = (line: string) => void process.stderr.write(`${line}\n`);
  const progress = o.quiet ? undefined : progressObserver(process.stderr);
  const outcome = await withProcessGuard(progress?.onLog ?? stderr, (signal) =>
    runScenario(file, {
      ...o.selection,
      out: o.out,
      signal,
      // Where the results (and Prometheus) are is said even with --quiet: CI logs need it.
      ...(progress ? { observers: [progress] } : { announce: stderr }),
      ...(o.prometheus ? { prometheus: o.prometheus } : {}),
    }),
  );
  // With the JSON summary on stdout, everything for people goes to stderr.
  const human = isStdout(o.summaryExport?.path) ? process.stderr : process.stdout;
  human.write(`\n${formatConsoleSummary(outcome.results, { color: colorOn(human) })}\n`);
  // Whether the targets really differ, or the gap is within the noise of the trials.
  const noise = noiseNotes(outcome.results);
  if (noise.length > 0) human.write(`${noise.join('\n')}\n\n`);
  if (outcome.results.cells.some((c) => c.capacity))
    human.write(`${formatCapacitySummary(outcome.results, { color: colorOn(human) })}\n\n`);
  for (const f of outcome.files) human.write(`wrote ${f}\n`);
  if (o.summaryExport) {
    const summary = runSummary(outcome.results, { noColor: !colorOn(human) });
    const where = writeExport(o.summaryExport.path, renderSummary(summary, o.summaryExport.layout));
    if (where !== 'stdout') human.write(`wrote ${where}\n`);
  }
  if (outcome.results.verdict?.reason) process.stderr.write(`${outcome.results.verdict.reason}\n`);
  const { gate, baseline, limits, summary } = o.gate;
  if (!(gate || baseline || limits || summary)) return outcome.exitCode;
  const gated = await runGate({
    results: outcome.dir,
    ...(baseline ? { baseline } : {}),
    ...(limits ? { limits } : {}),
    ...(summary ? { summaryFile: summary } : {}),
  });
  const gateExit = printGate(gated.outcome);
  return outcome.exitCode === 0 ? gateExit : outcome.exitCode;
}

/** Prints a gate's notes and verdict; returns its exit code. */
export function printGate(outcome: {
  notes: string[];
  ok: boolean;
  reason?: string;
  exitCode: number;
}): number {
  for (const note of outcome.notes) process.stderr.write(`note: ${note}\n`);
  process.stdout.write(`${outcome.ok ? '✓ gate passed' : `✗ gate failed: ${outcome.reason}`}\n`);
  return outcome.exitCode;
}
