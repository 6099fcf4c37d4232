/**
 * Starting a topology on this machine, whatever runs its instances — local
 * processes or Docker containers (the `InstanceHost`): the launchers prepare
 * each instance the same way, the host turns it into something that
 * launches, stops and takes faults. Components start as soon as what they
 * use is ready (independent ones concurrently), and the replicas of one
 * component concurrently too. With `edgeProxies`, fault proxies go on those
 * edges before their `from` starts (see edge-proxies.ts). A failed or
 * aborted start stops whatever it started, then throws.
 */
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StartOptions, Topology } from '../../../model/index.ts';
import { AbortedError, HarnessError, TargetStartError } from '../../../model/index.ts';
import { HostDeployment } from './deployment.ts';
import { selectEdges, startEdge } from './edge-proxies.ts';
import type { InstanceHost } from './instance-host.ts';
import { launchers } from './launchers/index.ts';
import { registry } from './registry.ts';
import { RunState } from './run-state.ts';
import { type StartContext, startInstance } from './start-instance.ts';
import { type PlannedComponent, planStart } from './start-plan.ts';

export async function startTopology(
  topology: Topology,
  options: StartOptions,
  host: InstanceHost,
): Promise<HostDeployment> {
  if (!/^[A-Za-z0-9._-]+$/.test(options.runId)) {
    throw new TargetStartError(`run id "${options.runId}" must be letters, digits, ".", "_" or "-"`);
  }
  const plan = planStart(topology, launchers);
  const edges = selectEdges(topology, options.edgeProxies);
  const proxyFactory = options.proxyFactory;
  if (edges.length > 0 && proxyFactory === undefined)
    throw new TargetStartError(
      options.edgeProxies?.length
        ? 'edgeProxies needs a proxyFactory (chaos: startFaultProxy) to start the proxies'
        : `${topology.name} has regions: the links between them need a proxyFactory (chaos: startFaultProxy)`,
    );
  options.signal?.throwIfAborted();
  const log = options.log ?? (() => {});
  const began = Date.now();

  const runState = new RunState(options.runId);
  const runDir = await mkdtemp(join(tmpdir(), `harness-${options.runId}-`));
  registry.addDir(runDir);
  runState.addDir(runDir);
  // Servers that run as another user (Postgres as `postgres`) must get through to their own dirs.
  await chmod(runDir, 0o711);

  const levels = new Map([...plan].map(([name, p]) => [name, p.level]));
  const deployment = new HostDeployment({ runId: options.runId, topology, levels, runDir, runState });
  const failFast = new AbortController();
  const signal =
    options.signal === undefined ? failFast.signal : AbortSignal.any([failFast.signal, options.signal]);
  const ctx: StartContext = { topology, runId: options.runId, runDir, runState, signal, log, host };
  let firstError: unknown;

  const started = new Map<string, Promise<void>>();
  const startComponent = (name: string): Promise<void> => {
    let promise = started.get(name);
    if (promise === undefined) {
      const planned = plan.get(name)!;
      promise = Promise.all(planned.deps.map(startComponent)).then(async () => {
        // Proxies on the edges out of this component, before it starts: it gets their addresses.
        for (const edge of edges.filter((e) => e.from === name)) {
          signal.throwIfAborted();
          deployment.addEdge(await startEdge(edge, deployment.component(edge.to), proxyFactory!, log));
        }
        await startReplicas(planned, deployment, ctx);
        deployment.startTimes[name] = Date.now() - began;
      });
      promise.catch((error: unknown) => {
        firstError ??= error;
        failFast.abort();
      });
      started.set(name, promise);
    }
    return promise;
  };

  const results = await Promise.allSettled(topology.components.map((c) => startComponent(c.name)));
  if (results.some((r) => r.status === 'rejected')) {
    await deployment.stop();
    if (options.signal?.aborted) throw new AbortedError('start interrupted');
    throw firstError instanceof HarnessError
      ? firstError
      : new TargetStartError(`${topology.name}: start failed: ${String(firstError)}`, {
          cause: firstError,
        });
  }
  log(`${topology.name} ready in ${Date.now() - began} ms`);
  // Later starts (Deployment.scale) go through the same loop, each with its own signal.
  const { signal: _startSignal, ...scaling } = ctx;
  deployment.enableScaling(scaling);
  return deployment;
}

async function startReplicas(
  planned: PlannedComponent,
  deployment: HostDeployment,
  ctx: StartContext,
): Promise<void> {
  const { spec } = planned;
  const launcher = launchers[spec.kind]!(ctx.host.launcherOptions);
  const indexes = Array.from({ length: spec.replicas ?? 1 }, (_, index) => index);
  // allSettled: the component settles only once no replica is still starting, so a
  // failed start's stop() sees every instance that will ever exist.
  const results = await Promise.allSettled(
    indexes.map((index) => startInstance(spec, index, launcher, deployment, ctx)),
  );
  const failed = results.find((r) => r.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
}
