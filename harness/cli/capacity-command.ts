/**
 * `harness capacity <scenario>`: the scenario's targets, each searched for
 * the highest open-model rate that meets its thresholds (the SLO) — its own
 * capacity profiles, or one with the preset's defaults, flags over either.
 * Prints per target the capacity with its uncertainty and the bottleneck,
 * and (with a sweep) the USL fit. Exit codes as `harness run`: 0 when every
 * target met the SLO at some rate, 3 when one met it at none, 2 invalid
 * input, 5 a target failed to start, 130 aborted.
 */
import { formatCapacitySummary } from '../../reports/index.ts';
import { describePlan } from '../run/describe-plan.ts';
import { type CapacityOverrides, planScenario, type RunOptions, runScenario } from '../run/index.ts';
import { progressObserver } from '../run/progress.ts';
import { withProcessGuard } from './process-guard.ts';
import { colorOn } from './run-command.ts';

export interface CapacityCommandOptions {
  selection: Pick<RunOptions, 'runtime' | 'targets' | 'durationScale' | 'trials'>;
  search: CapacityOverrides;
  out: string;
  quiet: boolean;
  dryRun: boolean;
}

export async function capacityCommand(file: string, o: CapacityCommandOptions): Promise<number> {
  const selection = { ...o.selection, capacity: o.search };
  if (o.dryRun) {
    const { plan, notes } = await planScenario(file, selection);
    process.stdout.write(`${[...notes, ...describePlan(file, plan)].join('\n')}\n`);
    return 0;
  }
  const stderr = (line: string) => void process.stderr.write(`${line}\n`);
  const progress = o.quiet ? undefined : progressObserver(process.stderr);
  const outcome = await withProcessGuard(progress?.onLog ?? stderr, (signal) =>
    runScenario(file, {
      ...selection,
      out: o.out,
      signal,
      ...(progress ? { observers: [progress] } : { announce: stderr }),
    }),
  );
  process.stdout.write(`\n${formatCapacitySummary(outcome.results, { color: colorOn(process.stdout) })}\n`);
  for (const f of outcome.files) process.stdout.write(`wrote ${f}\n`);
  if (outcome.results.verdict?.reason) process.stderr.write(`${outcome.results.verdict.reason}\n`);
  return outcome.exitCode;
}
