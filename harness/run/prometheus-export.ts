/**
 * `harness run --prometheus <port>` / `--prometheus-server [port]`: harness's
 * own metrics on GET /metrics (a RunObserver fed from interval samples), and
 * on request a real Prometheus that scrapes them and every service instance
 * of the running cell (file_sd, rewritten when a cell's targets are up and
 * emptied when it ends). `stop()` closes both; the run calls it on success,
 * failure and abort, and `killAllSync` reaches the Prometheus process on a
 * forced exit.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { prometheusConfig, serviceTargets, type TargetGroup } from '../../dashboards/index.ts';
import { InvalidInputError } from '../errors.ts';
import { HarnessMetrics } from '../metrics/prometheus/harness-metrics.ts';
import { startMetricsServer } from '../metrics/prometheus/metrics-server.ts';
import { requestInfosOf } from '../metrics/prometheus/request-info.ts';
import type { RunResults } from '../results/types.ts';
import { startPrometheus } from '../runtime/index.ts';
import type { RunObserver } from './observer.ts';

export interface PrometheusOptions {
  /** Port of harness's /metrics on 127.0.0.1; 0 or absent = a free one. */
  port?: number;
  /** Also start a Prometheus server on this port (0 = a free one). */
  server?: { port: number };
  /** After the last cell, before Prometheus stops (tests query it here). */
  beforeStop?(info: PrometheusInfo, results: RunResults): Promise<void>;
}

export interface PrometheusInfo {
  /** `http://127.0.0.1:<port>/metrics` */
  exporterUrl: string;
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
  const metrics = new HarnessMetrics({ testid: runId });
  const port = opts.port ?? 0;
  const exporter = await startMetricsServer({
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
  const info: PrometheusInfo = { exporterUrl: exporter.url };
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
            exporter: `127.0.0.1:${exporter.port}`,
            serviceTargetFiles: [join(dir, TARGETS_FILE)],
          }),
      });
      info.serverUrl = server.url;
      info.configFile = server.configFile;
      stopServer = () => server.stop();
      const file = join(server.dir, TARGETS_FILE);
      // Atomic: Prometheus must never read half a file. The temp name does not match `*.json`.
      writeTargets = (groups) => {
        const tmp = join(server.dir, 'targets', '.service.json.tmp');
        writeFileSync(tmp, `${JSON.stringify(groups, null, 2)}\n`);
        renameSync(tmp, file);
      };
    } catch (err) {
      await exporter.close();
      throw err;
    }
  }

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
    onInterval: (cell, sample) => metrics.recordInterval(cell, sample),
    onCellEnd: (cell) => {
      metrics.endCell(cell);
      writeTargets([]);
    },
  };
  let stopping: Promise<void> | undefined;
  return {
    info,
    observer,
    beforeStop: (results) => opts.beforeStop?.(info, results) ?? Promise.resolve(),
    stop: () => {
      stopping ??= stopServer().finally(() => exporter.close());
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
