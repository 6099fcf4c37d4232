/**
 * The stage a profile is in at a given time, for live progress: a preset's
 * named phase (`spike`, `step-4 @ 800/s`), or a ramping executor's stage
 * (`stage 2/3 → 50`); with concurrent scenarios, the scenarios running and
 * their stages (`readers, writers stage 1/2 → 5`). Pure: the time is an argument.
 */

import type { CellExecutor, ExecutorConfig, PresetConfig } from '../../model/index.ts';
import { parseDuration } from '../../model/index.ts';
import { planExecutor } from '../engine/plan/index.ts';
import { presetPhases } from '../profiles/index.ts';

export function currentStage(
  executor: CellExecutor,
  preset: PresetConfig | undefined,
  elapsedMs: number,
): string | undefined {
  if (preset) {
    const phase = presetPhases(preset).find((p) => elapsedMs >= p.startMs && elapsedMs < p.endMs);
    if (!phase) return undefined;
    return phase.startRate === phase.endRate
      ? `${phase.name} @ ${phase.startRate}/s`
      : `${phase.name} → ${phase.endRate}/s`;
  }
  if (executor.executor === 'scenarios') return scenariosStage(executor.scenarios, elapsedMs);
  return executorStage(executor, elapsedMs);
}

function executorStage(executor: ExecutorConfig, elapsedMs: number): string | undefined {
  if (!('stages' in executor)) return undefined;
  let end = 0;
  for (const [i, stage] of executor.stages.entries()) {
    end += parseDuration(stage.duration);
    if (elapsedMs < end) return `stage ${i + 1}/${executor.stages.length} → ${stage.target}`;
  }
  return undefined;
}

/** The scenarios between their start and their end at `elapsedMs`, each with its stage if it ramps. */
function scenariosStage(scenarios: Record<string, ExecutorConfig>, elapsedMs: number): string | undefined {
  const running: string[] = [];
  for (const [name, e] of Object.entries(scenarios)) {
    const plan = planExecutor(e);
    const since = elapsedMs - plan.startTimeMs;
    if (since < 0 || since >= plan.endMs) continue;
    const stage = executorStage(e, since);
    running.push(stage === undefined ? name : `${name} ${stage}`);
  }
  return running.length === 0 ? undefined : running.join(', ');
}
