import type { ScenarioInput } from './schema.ts';

/**
 * Identity function that gives a scenario file editor typing, as vitest's
 * `defineConfig` does. Validation happens when the file is loaded
 * (`loadScenario`), where every problem is reported with its path.
 */
export function defineScenario(input: ScenarioInput): ScenarioInput {
  return input;
}
