/**
 * A real Prometheus server for the length of a run, on 127.0.0.1, through the
 * local runtime's own parts: a managed process group (tagged, tracked for
 * `killAllSync`), a state file and a temp dir for `harness clean`, a readiness
 * probe (`/-/ready`), a retry when its free port was taken. Its TSDB and its
 * generated `prometheus.yml` live in that temp dir and go with `stop()`.
 *
 * It is tagged `<run-id>-prometheus` (env HARNESS_RUN_ID, state file, dir
 * `harness-<run-id>-prometheus-XXXXXX`): it outlives every cell's deployment,
 * which owns and removes the state file named after the run id itself.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MissingDependencyError, TargetStartError } from '../../../model/index.ts';
import { findOnPath } from './find-binary.ts';
import { freePort, isAddressInUse, releasePort } from './free-port.ts';
import { childEnv, loopback } from './launchers/types.ts';
import { ManagedProcess } from './managed-process.ts';
import { httpProbe } from './probes.ts';
import { registry } from './registry.ts';
import { RunState } from './run-state.ts';
import { EarlyExitError, waitReady } from './wait-ready.ts';

export interface PrometheusServerOptions {
  /** The harness run; the server is tagged `<runId>-prometheus`. */
  runId: string;
  /** Port of its web UI and HTTP API; 0 = a free one. */
  port: number;
  /** The `prometheus.yml` to run with, given the server's own dir (for file_sd paths inside it). */
  config(dir: string): string;
  /** Other files to write into its dir before it starts (file_sd targets), by relative path. */
  files?: Record<string, string>;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** Readiness deadline, ms (default 30 000). */
  startTimeoutMs?: number;
  /** More command-line flags, e.g. `--web.enable-remote-write-receiver`. */
  extraArgs?: readonly string[];
}

export interface PrometheusServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Its temp dir: config, file_sd target files, TSDB (`data/`). */
  readonly dir: string;
  readonly configFile: string;
  /** Graceful stop (SIGTERM, then SIGKILL), then the dir and state file go. Idempotent. */
  stop(): Promise<void>;
}

const portAttempts = 3;
const gracefulStopMs = 5000;

export async function startPrometheus(opts: PrometheusServerOptions): Promise<PrometheusServer> {
  const binary = await findOnPath('prometheus');
  if (binary === undefined)
    throw new MissingDependencyError(
      'Prometheus (prometheus)',
      'run `harness setup --only prometheus`, or install it: `apt-get install prometheus`',
    );
  const id = `${opts.runId}-prometheus`;
  const state = new RunState(id);
  const dir = await mkdtemp(join(tmpdir(), `harness-${id}-`));
  registry.addDir(dir);
  state.addDir(dir);
  const configFile = join(dir, 'prometheus.yml');
  let proc: ManagedProcess | undefined;
  let port = 0;
  const cleanup = async () => {
    await proc?.stop(Date.now() + gracefulStopMs);
    if (opts.port === 0 && port !== 0) releasePort(port);
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    registry.removeDir(dir);
    state.remove();
  };

  try {
    for (const [rel, text] of Object.entries(opts.files ?? {})) {
      await mkdir(dirname(join(dir, rel)), { recursive: true });
      await writeFile(join(dir, rel), text);
    }
    await writeFile(configFile, opts.config(dir));
    for (let attempt = 1; ; attempt++) {
      port = opts.port === 0 ? await freePort() : opts.port;
      const args = [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=${loopback}:${port}`,
        '--storage.tsdb.retention.time=1d',
        ...(opts.extraArgs ?? []),
      ];
      proc = await ManagedProcess.spawn(
        { file: binary, args, cwd: dir, env: childEnv({}), stopSignal: 'SIGTERM' },
        { HARNESS_RUN_ID: id, HARNESS_OWNER_PID: String(process.pid), HARNESS_INSTANCE: 'prometheus-0' },
      );
      state.addProcess({
        instance: 'prometheus-0',
        component: 'prometheus',
        pid: proc.pid,
        pgid: proc.pgid,
        startTicks: proc.startTicks,
      });
      try {
        await waitReady({
          id: 'prometheus-0',
          probe: httpProbe(`http://${loopback}:${port}/-/ready`),
          process: proc,
          timeoutMs: opts.startTimeoutMs ?? 30_000,
          signal: opts.signal ?? new AbortController().signal,
          hint: `run it by hand to see why: ${binary} ${args.join(' ')}`,
        });
        break;
      } catch (error) {
        const retry =
          error instanceof EarlyExitError &&
          isAddressInUse(error.output) &&
          opts.port === 0 &&
          attempt < portAttempts;
        if (error instanceof EarlyExitError && isAddressInUse(error.output) && opts.port !== 0)
          throw new TargetStartError(`Prometheus could not listen on 127.0.0.1:${port}: the port is taken`, {
            hint: 'pass --prometheus-server 0 for a free port, or another port',
          });
        if (!retry) throw error;
        await proc.stop(Date.now());
        releasePort(port);
      }
    }
  } catch (error) {
    await cleanup();
    throw error;
  }

  opts.log?.(`prometheus-0 ready at http://${loopback}:${port}`);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= cleanup();
    return stopping;
  };
  return { url: `http://${loopback}:${port}`, port, dir, configFile, stop, [Symbol.asyncDispose]: stop };
}
