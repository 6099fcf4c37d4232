/**
 * One instance as a container (testcontainers' GenericContainer over the
 * empty image, host network): the launcher's ProcessSpec is its command.
 * The chaos verbs map to Docker's: kill → `docker kill --signal`, pause and
 * resume → `docker pause`/`unpause` (the cgroup freezer: every process of
 * the container stops), restart → its stop signal, then `docker start` of
 * the same container, so the same port (host network) and the same
 * bind-mounted data — limit → `docker update --cpus/--memory`, sample → the
 * daemon's stats. `stop()` removes the container. CPU hogs run
 * on the host beside it, as with the local runtime: one machine, one CPU.
 *
 * The server is the container's PID 1 (no init): the servers harness
 * launches handle their stop signal and reap their own children, and a
 * SIGKILL of PID 1 takes the whole container down, as it should. (A user's
 * `command` whose shell stays PID 1 ignores SIGTERM: it is SIGKILLed at the
 * stop deadline.)
 */
import type { StartedTestContainer } from 'testcontainers';
import type { ComponentSpec, ResourceLimits, ResourceSample, Revertible } from '../../../model/index.ts';
import { AbortedError, TargetStartError } from '../../../model/index.ts';
import { CpuHogs } from '../host/cpu-hog.ts';
import type { HostContext, HostedInstance } from '../host/instance-host.ts';
import type { PreparedInstance } from '../host/launchers/index.ts';
import { waitReady } from '../host/wait-ready.ts';
import { containerRegistry } from './container-registry.ts';
import { ContainerRun } from './container-run.ts';
import { containerSpec } from './container-spec.ts';
import { ContainerStatsSampler } from './container-stats.ts';
import { createContainer } from './create-container.ts';
import type { DockerContainer, RuntimeClient, Testcontainers } from './testcontainers-module.ts';
import { applyLimits } from './update-limits.ts';

export interface DockerHostContext extends HostContext {
  tc: Testcontainers;
  client: RuntimeClient;
}

const restartGraceMs = 3000;

export class DockerInstance implements HostedInstance {
  readonly id: string;
  readonly component: string;
  readonly kind: ComponentSpec['kind'];
  readonly index: number;
  readonly host: string;
  readonly port: number;
  readonly url: string;
  readonly spec: ComponentSpec;
  readonly #prepared: PreparedInstance;
  readonly #ctx: DockerHostContext;
  #started: StartedTestContainer | undefined;
  #starting: Promise<unknown> | undefined;
  #run: ContainerRun | undefined;
  #sampler: ContainerStatsSampler | undefined;
  #pid: number | undefined;
  #paused = false;
  #stopped = false;
  #removing: Promise<void> | undefined;
  readonly #limits = new Set<Revertible>();
  readonly #hogs: CpuHogs;

  constructor(spec: ComponentSpec, index: number, prepared: PreparedInstance, ctx: DockerHostContext) {
    this.spec = spec;
    this.component = spec.name;
    this.kind = spec.kind;
    this.index = index;
    this.id = `${spec.name}-${index}`;
    this.host = prepared.host;
    this.port = prepared.port;
    this.url = prepared.url;
    this.#prepared = prepared;
    this.#ctx = ctx;
    this.#hogs = new CpuHogs({ runId: ctx.runId, instanceId: this.id, runState: ctx.runState });
  }

  /** The container's main process, as the host sees it. */
  get pid(): number | undefined {
    return this.#pid;
  }

  /** The container id, once created. */
  get containerId(): string | undefined {
    return this.#started?.getId();
  }

  async launch(signal: AbortSignal): Promise<void> {
    if (this.#stopped) throw new Error(`${this.id}: the deployment is stopped`);
    if (signal.aborted) throw new AbortedError(`start of ${this.id} aborted`);
    const process = this.#prepared.process;
    if (process !== undefined) {
      const spec = containerSpec({
        process,
        dirs: this.#ctx.dirs,
        tags: {
          HARNESS_RUN_ID: this.#ctx.runId,
          HARNESS_OWNER_PID: String(globalThis.process.pid),
          HARNESS_INSTANCE: this.id,
        },
      });
      const starting = createContainer(this.#ctx.tc, spec, {
        runId: this.#ctx.runId,
        instance: this.id,
        component: this.component,
      });
      this.#starting = starting;
      let started: StartedTestContainer;
      try {
        started = await starting;
      } catch (error) {
        throw new TargetStartError(
          `${this.id}: Docker could not start its container: ${(error as Error).message}`,
          {
            hint: 'the image is the host-root image with host dirs bind-mounted; `docker events` and the daemon log say more',
            cause: error,
          },
        );
      }
      containerRegistry.add(started.getId());
      this.#started = started;
      // A stop() that ran while the container was being created did not see it: it goes now.
      if (this.#stopped) {
        await this.#remove(Date.now());
        throw new Error(`${this.id}: the deployment is stopped`);
      }
      await this.#follow(0);
    }
    await this.#waitReady(signal);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const container = this.#own('kill');
    await container.kill({ signal });
    // A SIGKILL is certain death: return once it happened, so callers can measure from there.
    if (signal === 'SIGKILL') await Promise.race([this.#run?.exited, sleep(2000)]);
  }

  async pause(): Promise<void> {
    await this.#own('pause').pause();
    this.#paused = true;
  }

  async resume(): Promise<void> {
    await this.#own('resume').unpause();
    this.#paused = false;
  }

  async restart(): Promise<void> {
    const container = this.#own('restart');
    if (this.#stopped) throw new Error(`${this.id}: the deployment is stopped`);
    await this.#halt(container, Date.now() + restartGraceMs);
    const since = Math.floor(Date.now() / 1000);
    // The same container: the same port (host network), the same bind-mounted data.
    await container.start();
    await this.#follow(since);
    await this.#waitReady(new AbortController().signal);
  }

  isRunning(): boolean {
    if (this.#prepared.process === undefined) return true;
    return this.#run?.isRunning() ?? false;
  }

  async sample(): Promise<ResourceSample> {
    const container = this.#container();
    if (container === undefined || this.#sampler === undefined || !this.isRunning())
      return { ts: Date.now(), cpuCores: 0, rssBytes: 0 };
    const reading = await container.stats({ stream: false, 'one-shot': true } as { stream: false });
    return this.#sampler.sample(reading);
  }

  async limit(limits: ResourceLimits): Promise<Revertible> {
    const container = this.#own('limit');
    if (this.#stopped) throw new Error(`${this.id}: the deployment is stopped`);
    const applied = await applyLimits(container, limits);
    this.#ctx.log(`${this.id} limited to ${applied.describe} (docker update)`);
    const handle: Revertible = {
      revert: async () => {
        if (this.#limits.delete(handle)) await applied.revert();
      },
    };
    this.#limits.add(handle);
    return handle;
  }

  async stressCpu(workers: number): Promise<Revertible> {
    if (this.#stopped) throw new Error(`${this.id}: the deployment is stopped`);
    return this.#hogs.start(workers);
  }

  /** Part of `Deployment.stop()`: its stop signal until `graceDeadline`, then SIGKILL; then removed. */
  async stop(graceDeadline: number): Promise<void> {
    this.#stopped = true;
    this.#limits.clear(); // they go with the container
    await this.#starting?.catch(() => {});
    await Promise.all([this.#remove(graceDeadline), this.#hogs.stopAll()]);
  }

  /** Once, however many callers: a start that raced a stop and the stop itself. */
  #remove(graceDeadline: number): Promise<void> {
    this.#removing ??= this.#removeOnce(graceDeadline);
    return this.#removing;
  }

  async #removeOnce(graceDeadline: number): Promise<void> {
    const started = this.#started;
    if (started === undefined) return;
    const container = this.#container()!;
    await this.#halt(container, graceDeadline);
    await container.remove({ force: true, v: true }).catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404) throw error;
    });
    containerRegistry.remove(started.getId());
  }

  /**
   * The launcher's own stop signal (SIGINT: Postgres's fast shutdown — `docker
   * stop` would send SIGTERM, its smart shutdown that waits for clients), wait
   * for the exit until `graceDeadline`, then SIGKILL. A paused container is
   * unpaused first: a frozen process cannot handle a signal.
   */
  async #halt(container: DockerContainer, graceDeadline: number): Promise<void> {
    const run = this.#run;
    if (this.#paused) await container.unpause().catch(() => {});
    this.#paused = false;
    if (run === undefined || !run.isRunning()) return;
    await container.kill({ signal: this.#prepared.process?.stopSignal ?? 'SIGTERM' }).catch(() => {});
    const left = graceDeadline - Date.now();
    if (left > 0) await Promise.race([run.exited, sleep(left)]);
    if (run.isRunning()) {
      await container.kill({ signal: 'SIGKILL' }).catch(() => {});
      await Promise.race([run.exited, sleep(2000)]);
    }
  }

  async #follow(sinceSec: number): Promise<void> {
    const container = this.#container()!;
    this.#run = await ContainerRun.follow(this.#ctx.client, container, sinceSec);
    this.#sampler = new ContainerStatsSampler(Date.now());
    this.#pid = (await container.inspect()).State.Pid || undefined;
  }

  #waitReady(signal: AbortSignal): Promise<void> {
    return waitReady({
      id: this.id,
      probe: this.#prepared.probe,
      process: this.#run,
      timeoutMs: this.spec.startTimeoutMs ?? 30_000,
      signal,
      hint: this.#prepared.hint,
    });
  }

  #container(): DockerContainer | undefined {
    const id = this.#started?.getId();
    return id === undefined ? undefined : this.#ctx.client.container.getById(id);
  }

  #own(verb: string): DockerContainer {
    const container = this.#container();
    if (container === undefined) {
      throw new Error(
        `${this.id}: cannot ${verb} an ${this.kind} component — harness did not start a container for it`,
      );
    }
    return container;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
