/**
 * What the engine is asked to run in a cell — the measured load or the
 * warm-up: the executor(s) with the profile's weights over the workload, the
 * script (relative to the scenario file), the dataset, the target's entry URL
 * and the scenario's HTTP options.
 */
import { dirname, resolve } from 'node:path';
import type { CellExecutor, Deployment, SampleSink } from '../../../model/index.ts';
import { executorsOf, parseDuration } from '../../../model/index.ts';
import type { EngineRunRequest } from '../../engine/index.ts';
import { profileWorkload } from '../../plan/profile-workload.ts';
import type { CellContext } from './cell-context.ts';

export function engineRequest(
  ctx: CellContext,
  deployment: Deployment,
  executor: CellExecutor,
  sink: SampleSink,
): EngineRunRequest {
  const { scenario, deps } = ctx;
  const script = scenario.workload.script;
  return {
    // A `scenarios` profile runs its executors at once, each with its own weights; VUs numbered across them.
    scenarios: executorsOf(executor).map(({ name, executor }) => ({
      ...(name === undefined ? {} : { name }),
      executor,
      workload: profileWorkload(scenario.workload, executor),
    })),
    workers: scenario.engine.workers,
    ...(script
      ? {
          script: {
            // A script file is relative to the scenario file that names it.
            file: resolve(dirname(resolve(deps.store.results.scenario.file)), script.file),
            ...(script.export ? { export: script.export } : {}),
          },
        }
      : {}),
    dataset: scenario.dataset,
    baseUrl: deployment.entryUrl,
    http: {
      timeoutMs: parseDuration(scenario.http.timeout),
      ...(scenario.http.maxConnections ? { maxConnections: scenario.http.maxConnections } : {}),
    },
    signal: ctx.signal,
    sink,
  };
}
