/**
 * Starting one instance of a component on a deployment, the same for the
 * initial start (start-topology.ts) and for a scale-out later
 * (scale-component.ts): a free port (retried when another process took it
 * before the server bound it), its env templates resolved against what it
 * sees of the other components (the edge proxies, where its edges have them),
 * its launcher's preparation in temp dirs of the run, the host's instance
 * added to the deployment before it launches — so a failed start's stop()
 * sees it — and readiness waited for.
 */
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { ComponentSpec, Edge, Topology } from '../../../model/index.ts';
import { TargetStartError } from '../../../model/index.ts';
import { proxiedPeers } from './edge-proxies.ts';
import { resolveEnv } from './env-template.ts';
import { freePort, isAddressInUse, releasePort } from './free-port.ts';
import type { HostedInstance, InstanceHost } from './instance-host.ts';
import type { Launcher } from './launchers/index.ts';
import type { BalancerControl, PeerInstance } from './launchers/types.ts';
import type { RunState } from './run-state.ts';
import { EarlyExitError } from './wait-ready.ts';

/** Attempts per instance when its free port was taken before the server bound it. */
const portAttempts = 3;

export interface StartContext {
  topology: Topology;
  runId: string;
  runDir: string;
  runState: RunState;
  signal: AbortSignal;
  log: (line: string) => void;
  host: InstanceHost;
}

/** Where a started instance goes (HostDeployment), and what it sees of the others. */
export interface InstanceSlots {
  readonly edges: readonly Edge[];
  component(name: string): HostedInstance[];
  /** As soon as the instance exists, before it is ready; a load balancer with its control. */
  add(instance: HostedInstance, balancer?: BalancerControl): void;
  remove(instance: HostedInstance): void;
}

export async function startInstance(
  spec: ComponentSpec,
  index: number,
  launcher: Launcher,
  deployment: InstanceSlots,
  ctx: StartContext,
): Promise<HostedInstance> {
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
    deployment.add(instance, prepared.balancer);
    try {
      await instance.launch(ctx.signal);
      ctx.log(`${id} ready in ${Date.now() - t0} ms`);
      return instance;
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
