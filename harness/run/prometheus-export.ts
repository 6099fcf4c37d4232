/**
 * `harness run --prometheus <port>` / `--prometheus-server [port]` /
 * `--prometheus-remote-write <url>`: harness's own metrics on GET /metrics (a
 * RunObserver fed from interval samples), on request a real Prometheus that
 * scrapes them and every service instance of the running cell (file_sd,
 * rewritten when a cell's targets are up and emptied when it ends), and on
 * request the same series pushed to a remote-write endpoint as k6's
 * Prometheus output pushes them. `stop()` closes all of them (a last push
 * first); the run calls it on success, failure and abort, and `killAllSync`
 * reaches the Prometheus process on a forced exit.
 */

import { createServer } from 'node:net';
import { join } from 'node:path';
import { prometheusConfig, serviceTargets, type TargetGroup } from '../../dashboards/index.ts';
import type { RunResults } from '../../model/index.ts';
import { InvalidInputError, UrlTarget } from '../../model/index.ts';
import { HarnessMetrics } from '../metrics/prometheus/harness-metrics.ts';
import { startMetricsServer } from '../metrics/prometheus/metrics-server.ts';
import { RemoteWriter } from '../metrics/prometheus/remote-write/remote-writer.ts';
import { requestInfosOf } from '../metrics/prometheus/request-info.ts';
import { writeAtomicSync } from '../results/atomic-write.ts';
import { startPrometheus } from '../runtime/index.ts';
import type { RunObserver } from './observer.ts';

export interface PrometheusOptions {
  /** Port of harness's /metrics on 127.0.0.1; 0 or absent = a free one. */
  port?: number;
  /** Also start a Prometheus server on this port (0 = a free one). */
  server?: { port: number };
  /** Push the series to this remote-write URL (loopback only) every `intervalMs` (default 5 s, as k6). */
  remoteWrite?: { url: string; intervalMs?: number };
  log?: (line: string) => void;
  /** After the last cell, before Prometheus stops (tests query it here). */
  beforeStop?(info: PrometheusInfo, results: RunResults): Promise<void>;
}

export interface PrometheusInfo {
  /** `http://127.0.0.1:<port>/metrics`; '' when only pushing (remote write). */
  exporterUrl: string;
  /** Where series are pushed, with --prometheus-remote-write. */
  remoteWriteUrl?: string;
  /** `http://127.0.0.1:<port>`, when a server was started. */
  serverUrl?: string;
  configFile?: string;
}

export interface RunExport {
  readonly info: PrometheusInfo;
  readonly observer: RunObserver;
  beforeStop(results: RunResults): Promise<void>;
  stop(): Promise<void>;
}

const TARGETS_FILE = join('targets', 'service.json');

/** Starts the exporter, then the server; a failure stops what was started and rethrows. */
export async function startRunExport(runId: string, opts: PrometheusOptions): Promise<RunExport> {
  // A taken port is a flag to change, said before anything starts.
  if (opts.server && opts.server.port !== 0 && !(await canListen(opts.server.port)))
    throw new InvalidInputError(
      undefined,
      [{ path: '--prometheus-server', message: `port ${opts.server.port} on 127.0.0.1 is in use` }],
      'choose another port, or 0 for any free one: --prometheus-server 0',
    );
  if (opts.remoteWrite) {
    const url = UrlTarget.safeParse({ name: 'remote-write', url: opts.remoteWrite.url });
    if (!url.success)
      throw new InvalidInputError(
        undefined,
        [{ path: '--prometheus-remote-write', message: url.error.issues.map((i) => i.message).join('; ') }],
        'e.g. --prometheus-remote-write http://127.0.0.1:9090/api/v1/write (Prometheus with --web.enable-remote-write-receiver)',
      );
  }
  const metrics = new HarnessMetrics({ testid: runId });
  let latestMs: number | undefined;
  const writer = opts.remoteWrite
    ? new RemoteWriter({
        url: opts.remoteWrite.url,
        registry: metrics.registry,
        latestMs: () => latestMs,
        ...(opts.remoteWrite.intervalMs ? { intervalMs: opts.remoteWrite.intervalMs } : {}),
        ...(opts.log ? { log: opts.log } : {}),
      })
    : undefined;
  // Only pushing: no /metrics endpoint to serve.
  const serve = opts.port !== undefined || opts.server !== undefined || writer === undefined;
  const port = opts.port ?? 0;
  const exporter = !serve
    ? undefined
    : await startMetricsServer({
        port,
        render: () => metrics.metrics(),
        contentType: metrics.registry.contentType,
      }).catch((err: NodeJS.ErrnoException) => {
        throw new InvalidInputError(
          undefined,
          [
            {
              path: '--prometheus',
              message: `port ${port} on 127.0.0.1 ${err.code === 'EADDRINUSE' ? 'is in use' : `cannot be used: ${err.message}`}`,
            },
          ],
          'choose another port, or 0 for any free one: --prometheus 0',
        );
      });
  const info: PrometheusInfo = {
    exporterUrl: exporter?.url ?? '',
    ...(writer ? { remoteWriteUrl: opts.remoteWrite!.url } : {}),
  };
  let writeTargets = (_groups: TargetGroup[]) => {};
  let stopServer = async () => {};
  if (opts.server) {
    try {
      const server = await startPrometheus({
        runId,
        port: opts.server.port,
        files: { [TARGETS_FILE]: '[]\n' },
        config: (dir) =>
          prometheusConfig({
            exporter: `127.0.0.1:${exporter!.port}`,
            serviceTargetFiles: [join(dir, TARGETS_FILE)],
          }),
      });
      info.serverUrl = server.url;
      info.configFile = server.configFile;
      stopServer = () => server.stop();
      const file = join(server.dir, TARGETS_FILE);
      // Atomic: Prometheus must never read half a file. The temp name does not match `*.json`.
      writeTargets = (groups) => writeAtomicSync(file, `${JSON.stringify(groups, null, 2)}\n`);
    } catch (err) {
      await exporter?.close();
      throw err;
    }
  }

  writer?.start();
  const observer: RunObserver = {
    onRunStart: (results) => metrics.setRequests(requestInfosOf(results.scenario.config)),
    onCellStart: (cell) => {
      metrics.startCell(cell);
      writeTargets([]);
    },
    onDeploymentReady: (cell, deployment) =>
      writeTargets(
        serviceTargets({
          target: cell.target,
          profile: cell.profile,
          arch: cell.targetKind,
          instances: deployment.instances.filter((i) => i.kind === 'service' || i.kind === 'worker'),
        }),
      ),
    onInterval: (cell, sample) => {
      metrics.recordInterval(cell, sample);
      latestMs = sample.ts + sample.durationMs;
    },
    onCellEnd: (cell) => {
      metrics.endCell(cell);
      writeTargets([]);
      void writer?.flush();
    },
  };
  let stopping: Promise<void> | undefined;
  return {
    info,
    observer,
    beforeStop: (results) => opts.beforeStop?.(info, results) ?? Promise.resolve(),
    stop: () => {
      stopping ??= (writer?.stop() ?? Promise.resolve()).then(stopServer).finally(() => exporter?.close());
      return stopping;
    },
  };
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}
