/**
 * harness executors as k6 `options.scenarios` entries — the same six
 * executors under the same names and options, so the mapping is mostly a
 * copy. What k6 needs that harness defaults itself is filled in the way
 * harness fills it (an arrival-rate executor's VU pool); what k6 does not
 * have is left out (`weights` become the scenario's own request mix).
 * Pure functions of the config: tested as data.
 */

import type { ExecutorConfig } from '../../../model/index.ts';
import { formatDuration, parseDuration } from '../../../model/index.ts';
import { planExecutor } from '../../engine/plan/index.ts';

export type K6Scenario = Record<string, unknown> & { executor: string; exec: string };

/**
 * k6's scenario for a harness executor, run by the function `exec`, starting
 * `offsetMs` later than the executor's own `startTime` (profiles chained one after another).
 */
export function k6Scenario(e: ExecutorConfig, exec: string, offsetMs = 0): K6Scenario {
  const { weights: _weights, startTime, gracefulStop, tags, ...rest } = e;
  const start = (startTime === undefined ? 0 : parseDuration(startTime)) + offsetMs;
  const out: K6Scenario = { ...rest, exec };
  const plan = planExecutor(e);
  // k6 requires preAllocatedVUs: the pool harness's engine would use (engine/plan/vu-defaults.ts).
  if (plan.model === 'open')
    Object.assign(out, { preAllocatedVUs: plan.preAllocatedVUs, maxVUs: plan.maxVUs });
  if (start > 0) out.startTime = formatDuration(start);
  if (gracefulStop !== undefined) out.gracefulStop = gracefulStop;
  if (tags !== undefined) out.tags = tags;
  return out;
}

/**
 * When an executor is certainly done, ms after the run's start: its start,
 * its last iteration start, and the graceful stop (and ramp-down) k6 gives
 * iterations still in flight. The next profile starts there.
 */
export function executorEndMs(e: ExecutorConfig, offsetMs = 0): number {
  const plan = planExecutor(e);
  const rampDown = plan.model === 'closed' ? plan.gracefulRampDownMs : 0;
  return offsetMs + plan.startTimeMs + plan.endMs + Math.max(plan.gracefulStopMs, rampDown);
}

/** A k6 scenario name: k6 takes letters, digits, `_` and `-`. */
export const k6ScenarioName = (name: string): string => name.replace(/[^A-Za-z0-9_-]/g, '_');

/** A JS identifier for a scenario's exec function, unique among `taken`. */
export function execName(scenario: string, taken: Set<string>): string {
  const base = `run_${scenario.replace(/[^A-Za-z0-9_]/g, '_')}`;
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}
