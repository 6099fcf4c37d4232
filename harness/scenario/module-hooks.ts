/**
 * Scenario and flow files import `harness` (`defineScenario`, the VuApi
 * types) from wherever they live. Before the first one is imported, the
 * resolve hook that maps `harness` to this package is registered — once per
 * thread, by whoever loads a scenario: the CLI, or a program calling
 * `runScenario` (worker threads register it in their bootstrap).
 */
import { register } from 'node:module';

let registered = false;

export function registerScenarioHooks(): void {
  if (registered) return;
  register(new URL('./resolve-harness.mjs', import.meta.url));
  registered = true;
}
