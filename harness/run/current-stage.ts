/**
 * The stage a profile is in at a given time, for live progress: a preset's
 * named phase (`spike`, `step-4 @ 800/s`), or a ramping executor's stage
 * (`stage 2/3 → 50`). Pure: the time is an argument.
 */
import { presetPhases } from '../profiles/index.ts';
import type { PresetConfig } from '../profiles/preset-schema.ts';
import { parseDuration } from '../scenario/duration.ts';
import type { ExecutorConfig } from '../scenario/schema.ts';

export function currentStage(
  executor: ExecutorConfig,
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
  if (!('stages' in executor)) return undefined;
  let end = 0;
  for (const [i, stage] of executor.stages.entries()) {
    end += parseDuration(stage.duration);
    if (elapsedMs < end) return `stage ${i + 1}/${executor.stages.length} → ${stage.target}`;
  }
  return undefined;
}
