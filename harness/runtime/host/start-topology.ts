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
import type { ComponentSpec, StartOptions, Topology } from '../../../model/index.ts';
import { AbortedError, HarnessError, TargetStartError } from '../../../model/index.ts';
import { HostDeployment } from './deployment.ts';
import { proxiedPeers, selectEdges, startEdge } from './edge-proxies.ts';
import { resolveEnv } from './env-template.ts';
import { freePort, isAddressInUse, releasePort } from './free-port.ts';
import type { InstanceHost } from './instance-host.ts';
import { type Launcher, launchers } from './launchers/index.ts';
import type { PeerInstance } from './launchers/types.ts';
import { registry } from './registry.ts';
import { RunState } from './run-state.ts';
import { type PlannedComponent, planStart } from './start-plan.ts';
import { EarlyExitError } from './wait-ready.ts';

/** Attempts per instance when its free port was taken before the server bound it. */
const portAttempts = 3;

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
      'edgeProxies needs a proxyFactory (chaos: startFaultProxy) to start the proxies',
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
  return deployment;
}

interface StartContext {
  topology: Topology;
  runId: string;
  runDir: string;
  runState: RunState;
  signal: AbortSignal;
  log: (line: string) => void;
  host: InstanceHost;
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

async function startInstance(
  spec: ComponentSpec,
  index: number,
  launcher: Launcher,
  deployment: HostDeployment,
  ctx: StartContext,
): Promise<void> {
  const id = `${spec.name}-${index}`;
  for (let attempt = 1; ; attempt++) {
    ctx.signal.throwIfAborted();
    const t0 = Date.now();
    const port = launcher.needsPort ? (spec.port ?? (await freePort())) : 0;
    let env: Record<string, string>;
    // What this component sees of another: the proxies, where its edge to it has them.
    const peers = (name: string): PeerInstance[] => {
      const instances = deployment.component(name);
      const edge = deployment.edges.find((e) => e.from === spec.name && e.to === name);
      return edge === undefined ? instances : proxiedPeers(edge, instances);
    };
    try {
      env = resolveEnv(spec.env, {
        components: peers,
        self: { host: '127.0.0.1', port, index },
      });
    } catch (error) {
      throw new TargetStartError(`${id}: env: ${(error as Error).message}`);
    }
    const dirs: string[] = [];
    const prepared = await launcher.prepare({
      runId: ctx.runId,
      spec,
      index,
      instanceId: id,
      port,
      env,
      signal: ctx.signal,
      log: ctx.log,
      component: (name) => {
        const peer = ctx.topology.components.find((c) => c.name === name);
        return peer === undefined ? undefined : { spec: peer, instances: peers(name) };
      },
      makeTempDir: async () => {
        const dir = await mkdtemp(join(ctx.runDir, `${id}-`));
        ctx.runState.addDir(dir);
        dirs.push(dir);
        return dir;
      },
    });
    const instance = ctx.host.create(spec, index, prepared, {
      runId: ctx.runId,
      runState: ctx.runState,
      log: ctx.log,
      dirs,
    });
    deployment.add(instance);
    try {
      await instance.launch(ctx.signal);
      ctx.log(`${id} ready in ${Date.now() - t0} ms`);
      break;
    } catch (error) {
      // Another process took the port between our probe and the bind: try another one.
      const retry =
        error instanceof EarlyExitError &&
        isAddressInUse(error.output) &&
        spec.port === undefined &&
        attempt < portAttempts;
      if (!retry) throw error;
      ctx.log(`${id}: port ${port} was taken, retrying on another`);
      await instance.stop(Date.now());
      deployment.remove(instance);
      releasePort(port);
    }
  }
}
