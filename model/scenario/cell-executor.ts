/**
 * Reading a cell's executor whatever its shape: one executor, or the named
 * executors of a `scenarios` profile that run at once. Everything that
 * describes or charts a cell's load goes through these, so a new shape
 * cannot be half-supported.
 */

import { scaleExecutor } from '../scale.ts';
import type { CellExecutor, ExecutorConfig, ScenariosProfileConfig } from './schema.ts';

/** Open model (arrival rate), closed model (VUs), or both at once in a `scenarios` profile. */
export type LoadModel = 'open' | 'closed' | 'mixed';

/** One executor of a cell, with its scenario name (undefined for a single-executor profile). */
export interface NamedExecutor {
  name: string | undefined;
  executor: ExecutorConfig;
}

export const isOpenExecutor = (e: ExecutorConfig): boolean =>
  e.executor === 'constant-arrival-rate' || e.executor === 'ramping-arrival-rate';

export function executorsOf(e: CellExecutor): NamedExecutor[] {
  if (e.executor !== 'scenarios') return [{ name: undefined, executor: e }];
  return Object.entries(e.scenarios).map(([name, executor]) => ({ name, executor }));
}

/** `mixed` when a `scenarios` profile has both open- and closed-model scenarios. */
export function modelOf(e: CellExecutor): LoadModel {
  const open = executorsOf(e).map((n) => isOpenExecutor(n.executor));
  if (open.every(Boolean)) return 'open';
  return open.some(Boolean) ? 'mixed' : 'closed';
}

/** A `scenarios` profile as a cell runs it, every duration scaled by `factor`. */
export function scenariosExecutor(profile: ScenariosProfileConfig, factor: number): CellExecutor {
  const scenarios: Record<string, ExecutorConfig> = {};
  for (const [name, e] of Object.entries(profile.scenarios)) scenarios[name] = scaleExecutor(e, factor);
  return { executor: 'scenarios', scenarios };
}
