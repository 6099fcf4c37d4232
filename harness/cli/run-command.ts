/**
 * `harness run <scenario>`: the library's `runScenario` plus the process —
 * signals, live progress on stderr, the console summary, the gate and the
 * exit code. `--dry-run` prints the plan and starts nothing.
 */
import { formatCapacitySummary, formatConsoleSummary } from '../../reports/index.ts';
import { parseLimits } from '../gate/index.ts';
import { readResults } from '../results/index.ts';
import { describePlan } from '../run/describe-plan.ts';
import { planScenario, type RunOptions, runGate, runScenario } from '../run/index.ts';
import { progressObserver } from '../run/progress.ts';
import { withProcessGuard } from './process-guard.ts';

export interface RunCommandOptions {
  selection: Pick<RunOptions, 'runtime' | 'targets' | 'profiles' | 'schedules' | 'durationScale' | 'trials'>;
  out: string;
  quiet: boolean;
  dryRun: boolean;
  prometheus?: RunOptions['prometheus'];
  gate: { gate?: boolean; baseline?: string; limits?: string; summary?: string };
}

/** Runs the command; returns the exit code. */
export async function runCommand(file: string, o: RunCommandOptions): Promise<number> {
  // Gate inputs are checked before anything starts: a typo is invalid input at second 0.
  if (o.gate.limits) parseLimits(o.gate.limits, '--limits');
  if (o.gate.baseline) readResults(o.gate.baseline);
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
  const color = process.stdout.isTTY === true;
  process.stdout.write(`\n${formatConsoleSummary(outcome.results, { color })}\n`);
  if (outcome.results.cells.some((c) => c.capacity))
    process.stdout.write(`\n${formatCapacitySummary(outcome.results, { color })}\n`);
  for (const f of outcome.files) process.stdout.write(`wrote ${f}\n`);
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
