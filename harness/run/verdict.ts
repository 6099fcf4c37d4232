/**
 * The verdict of a finished run, in order of precedence: aborted by a signal,
 * a harness failure, failed cells (a target did not start), an abortOnFail
 * threshold, failed thresholds — each with its documented exit code.
 */

import type { RunResults } from '../../model/index.ts';
import { ExitCode, HarnessError } from '../../model/index.ts';

export function verdictOf(
  results: RunResults,
  signal: AbortSignal,
  fatal: unknown,
): NonNullable<RunResults['verdict']> {
  const failedThresholds = results.cells.flatMap((c) => c.thresholds ?? []).filter((t) => !t.ok).length;
  const thresholdsOk = failedThresholds === 0;
  const aborted = results.cells.find((c) => c.thresholds?.some((t) => t.abortedRun));
  if (signal.aborted)
    return {
      thresholdsOk,
      failedThresholds,
      exitCode: ExitCode.aborted,
      reason: String(signal.reason?.message ?? 'aborted'),
    };
  if (fatal instanceof HarnessError)
    return { thresholdsOk, failedThresholds, exitCode: fatal.exitCode, reason: fatal.message };
  if (fatal !== undefined)
    return {
      thresholdsOk,
      failedThresholds,
      exitCode: ExitCode.internal,
      reason: String((fatal as Error)?.message ?? fatal),
    };
  const failedCells = results.cells.filter((c) => c.status === 'failed');
  if (failedCells.length > 0)
    return {
      thresholdsOk,
      failedThresholds,
      exitCode: ExitCode.targetFailed,
      reason: `${failedCells.length} cell(s) failed: ${failedCells.map((c) => `${c.id} (${c.error?.message.split('\n')[0]})`).join('; ')}`,
    };
  if (aborted)
    return {
      thresholdsOk,
      failedThresholds,
      exitCode: ExitCode.thresholdsFailed,
      reason: `abortOnFail threshold stopped ${aborted.id}`,
    };
  if (!thresholdsOk)
    return {
      thresholdsOk,
      failedThresholds,
      exitCode: ExitCode.thresholdsFailed,
      reason: `${failedThresholds} threshold(s) failed`,
    };
  return { thresholdsOk, failedThresholds, exitCode: ExitCode.ok };
}
