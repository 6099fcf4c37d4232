/**
 * The CLI: thin. It parses argv, lazily imports the part of harness a command
 * needs (so `--help` is instant), and is the only place that exits.
 */

import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const EXIT_HELP = `
Exit codes:
  0    success
  1    internal error (a bug in harness)
  2    invalid input: scenario file, flag or results file (nothing was started)
  3    a threshold failed (also when an abortOnFail threshold stopped a cell early)
  4    a metric regressed against the baseline
  5    a target failed to start, or a server or tool it needs is missing (k6 for --engine k6)
  130  aborted by SIGINT/SIGTERM (to harness, or to a wrapper such as npx)`;

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Collects a repeatable option's values. */
const repeat = (v: string, all: string[]) => [...all, v];

function positiveNumber(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number, e.g. 0.1');
  return n;
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

function port(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535)
    throw new InvalidArgumentError('expected a port number 0..65535 (0: a free port), e.g. 9464');
  return n;
}

function httpUrl(v: string): string {
  if (!/^https?:\/\/[^/\s]+/.test(v))
    throw new InvalidArgumentError('expected an http(s) URL, e.g. http://127.0.0.1:9090');
  return v;
}

function hostPort(v: string): string {
  if (!/^[\w.-]+:\d{1,5}$/.test(v)) throw new InvalidArgumentError('expected host:port, e.g. 127.0.0.1:9464');
  return v;
}

/** `--summary-layout`: k6's current handleSummary JSON (what k6 tools read) or its legacy --summary-export file. */
function summaryLayoutOption(): Option {
  return new Option(
    '--summary-layout <layout>',
    "layout of --summary-export: k6's handleSummary JSON (current) or k6's legacy --summary-export file",
  )
    .choices(['current', 'legacy'])
    .default('current');
}

/** `--engine`: harness's own engine, or the k6 binary (K6_BIN or PATH). */
function engineOption(): Option {
  return new Option(
    '--engine <name>',
    'load generator: http (built in) or k6 (the k6 binary: K6_BIN, or k6 on PATH)',
  )
    .choices(['http', 'k6'])
    .default('http');
}

/** Prometheus's port when `--prometheus-server` is given without one. */
const PROMETHEUS_DEFAULT_PORT = 9090;

/** `--runtime`: the names of harness/runtime's map, spelled out so `--help` needs no import. */
function runtimeOption(): Option {
  return new Option('--runtime <name>', 'where targets run: local processes, or Docker containers')
    .choices(['local', 'docker'])
    .default('local');
}

const program = new Command('harness')
  .description('Load-testing and chaos benchmark harness: compare architectures under load and faults.')
  .version(pkg.version)
  .showHelpAfterError()
  .addHelpText('after', EXIT_HELP)
  .exitOverride();

program
  .command('run')
  .description('run a scenario: start each target, drive its profiles, store results, render the report')
  .argument('<scenario>', 'scenario file (.ts, .js, .yaml, .json)')
  .option('--targets <names>', 'only these targets (comma-separated)', list)
  .option('--profiles <names>', 'only these profiles (comma-separated)', list)
  .option('--schedules <names>', 'only these fault schedules (comma-separated)', list)
  .option('--out <dir>', 'results directory', 'results')
  .option(
    '--duration-scale <factor>',
    'multiply every duration by this factor (e.g. 0.1 in CI)',
    positiveNumber,
    1,
  )
  .option('--trials <n>', 'repeat each target × profile cell n times', positiveInt)
  .addOption(runtimeOption())
  .option('-q, --quiet', 'no live progress')
  .option('--dry-run', 'validate the scenario and print the plan; start nothing')
  .option('--gate', 'CI gate: thresholds and (with --baseline) regression limits set the exit code')
  .option('--baseline <results>', 'a stored run to gate against (regressions beyond noise fail the run)')
  .option('--limits <limits>', 'regression limits, e.g. "p95=+10%,throughput=-5%,errorRate=+0.5pp"')
  .option('--summary <file>', 'append the Markdown gate summary to this file, e.g. "$GITHUB_STEP_SUMMARY"')
  .option(
    '--prometheus <port>',
    'serve harness metrics at 127.0.0.1:<port>/metrics for Prometheus (0: a free port)',
    port,
  )
  .option(
    '--prometheus-server [port]',
    `start a Prometheus on 127.0.0.1:<port> (default ${PROMETHEUS_DEFAULT_PORT}, 0: a free port) that scrapes harness and every service; it stops with the run`,
    port,
  )
  .option(
    '--prometheus-remote-write <url>',
    "push harness metrics (k6's names) to a Prometheus remote-write endpoint every 5 s, e.g. http://127.0.0.1:9090/api/v1/write",
    httpUrl,
  )
  .option(
    '--summary-export <file>',
    "write k6's end-of-test summary of the run as JSON to this file (- for stdout)",
  )
  .addOption(summaryLayoutOption())
  .addOption(engineOption())
  .action(async (file: string, opts) => {
    const { runCommand } = await import('./run-command.ts');
    const server = opts.prometheusServer as number | true | undefined;
    const prometheus =
      opts.prometheus === undefined && server === undefined && opts.prometheusRemoteWrite === undefined
        ? undefined
        : {
            ...(opts.prometheus !== undefined ? { port: opts.prometheus as number } : {}),
            ...(server !== undefined
              ? { server: { port: server === true ? PROMETHEUS_DEFAULT_PORT : server } }
              : {}),
            ...(opts.prometheusRemoteWrite
              ? { remoteWrite: { url: opts.prometheusRemoteWrite as string } }
              : {}),
          };
    process.exitCode = await runCommand(file, {
      selection: {
        durationScale: opts.durationScale,
        runtime: opts.runtime,
        engine: opts.engine,
        ...(opts.targets ? { targets: opts.targets } : {}),
        ...(opts.profiles ? { profiles: opts.profiles } : {}),
        ...(opts.schedules ? { schedules: opts.schedules } : {}),
        ...(opts.trials ? { trials: opts.trials } : {}),
      },
      out: opts.out,
      quiet: opts.quiet === true,
      dryRun: opts.dryRun === true,
      ...(prometheus ? { prometheus } : {}),
      ...(opts.summaryExport !== undefined
        ? { summaryExport: { path: opts.summaryExport, layout: opts.summaryLayout } }
        : {}),
      gate: { gate: opts.gate, baseline: opts.baseline, limits: opts.limits, summary: opts.summary },
    });
  });

program
  .command('capacity')
  .description(
    "find each target's capacity: the highest open-model rate that meets the scenario's thresholds (step up, then bisect to the knee)",
  )
  .argument(
    '<scenario>',
    'scenario file with thresholds (they are the SLO); its capacity profiles, or one with defaults',
  )
  .option('--targets <names>', 'only these targets (comma-separated)', list)
  .option('--out <dir>', 'results directory', 'results')
  .option('--duration-scale <factor>', 'multiply the step and settle times by this factor', positiveNumber, 1)
  .option('--trials <n>', 'search each target n times, restarting it each time', positiveInt)
  .option('--start-rate <r>', 'first rate offered, req/s (default 100)', positiveNumber)
  .option('--max-rate <r>', 'never offer more, req/s (default 20000)', positiveNumber)
  .option('--growth <f>', 'step-up factor while each step holds (default 2)', positiveNumber)
  .option('--step-duration <d>', 'how long each rate is held (default 20s)')
  .option(
    '--settle <d>',
    'the first part of each step, not measured, and the rest after a step that failed (default 5s)',
  )
  .option('--tolerance <f>', 'stop bisecting within this fraction (default 0.05)', positiveNumber)
  .option('--repeats <n>', 'searches per target on one deployment: the spread (default 1)', positiveInt)
  .addOption(runtimeOption())
  .option('-q, --quiet', 'no live progress')
  .option('--dry-run', 'validate the scenario and print the plan; start nothing')
  .action(async (file: string, opts) => {
    const { capacityCommand } = await import('./capacity-command.ts');
    const search = Object.fromEntries(
      (
        [
          ['startRate', opts.startRate],
          ['maxRate', opts.maxRate],
          ['growth', opts.growth],
          ['stepDuration', opts.stepDuration],
          ['settle', opts.settle],
          ['tolerance', opts.tolerance],
          ['repeats', opts.repeats],
        ] as const
      ).filter(([, v]) => v !== undefined),
    );
    process.exitCode = await capacityCommand(file, {
      selection: {
        durationScale: opts.durationScale,
        runtime: opts.runtime,
        ...(opts.targets ? { targets: opts.targets } : {}),
        ...(opts.trials ? { trials: opts.trials } : {}),
      },
      search,
      out: opts.out,
      quiet: opts.quiet === true,
      dryRun: opts.dryRun === true,
    });
  });

program
  .command('gate')
  .description('CI gate on a stored run: its thresholds and, with a baseline, regressions beyond noise')
  .argument('<results>', 'a run directory (results/<run-id>) or its results.json')
  .option('--baseline <results>', "a stored run to compare against, e.g. the main branch's")
  .option('--limits <limits>', 'regression limits, e.g. "p95=+10%,throughput=-5%,errorRate=+0.5pp"')
  .option('--out <dir>', 'where to write junit.xml, summary.md, gate.json (default: the run directory)')
  .option('--summary <file>', 'append the Markdown summary to this file, e.g. "$GITHUB_STEP_SUMMARY"')
  .action(async (path: string, opts) => {
    const { runGate } = await import('../run/run-gate.ts');
    const { printGate } = await import('./run-command.ts');
    const { outcome, files } = await runGate({
      results: path,
      ...(opts.baseline ? { baseline: opts.baseline } : {}),
      ...(opts.limits ? { limits: opts.limits } : {}),
      ...(opts.out ? { out: opts.out } : {}),
      ...(opts.summary ? { summaryFile: opts.summary } : {}),
    });
    for (const f of files) process.stdout.write(`wrote ${f}\n`);
    process.exitCode = printGate(outcome);
  });

program
  .command('compare')
  .description('compare two stored runs: deltas and noise-aware verdicts, compare.html and compare.md')
  .argument('<baseline>', 'the baseline run directory or results.json')
  .argument('<current>', 'the current run directory or results.json')
  .option('--out <dir>', 'where to write compare.html and compare.md (default: the current run directory)')
  .action(async (baseline: string, current: string, opts) => {
    const { runCompare } = await import('../run/run-compare.ts');
    const { markdown, files } = await runCompare({
      baseline,
      current,
      ...(opts.out ? { out: opts.out } : {}),
    });
    process.stdout.write(`${markdown}\n`);
    for (const f of files) process.stdout.write(`wrote ${f}\n`);
  });

program
  .command('load')
  .description('ad-hoc load on one URL (like autocannon, hey, vegeta), through the same engine and metrics')
  .argument('<url>', 'a URL on this machine, e.g. http://127.0.0.1:8080/items/1')
  .option('-u, --vus <n>', 'closed model: this many virtual users in a loop', positiveInt)
  .option('--rate <r>', 'open model: start this many requests per second', positiveNumber)
  .option(
    '-i, --iterations <n>',
    'this many iterations shared by the VUs (k6 shared-iterations)',
    positiveInt,
  )
  .option(
    '-d, --duration <d>',
    'how long: k6 duration (30s, 1m) or seconds (30); with -i, the most it may take',
  )
  .option('-m, --method <method>', 'HTTP method', 'GET')
  .option('-H, --header <header>', '"Name: value" (repeatable)', repeat, [])
  .option('--body <json>', 'JSON request body')
  .option('--timeout <d>', 'per-request timeout: k6 duration or seconds', '10s')
  .option(
    '--threshold <t>',
    '"metric:expression", e.g. "http_req_duration:p(95)<200" or "http_reqs{status:200}:count>10" (repeatable)',
    repeat,
    [],
  )
  .option('--summary-export <file>', "write k6's end-of-test summary as JSON to this file (- for stdout)")
  .addOption(summaryLayoutOption())
  .addOption(engineOption())
  .option('--workers <n>', 'load-generator worker threads, one per core', positiveInt)
  .option(
    '--wait <timeout>',
    'first wait until the request answers 2xx/3xx, e.g. 60s (exit 5 if it never does)',
  )
  .option('-q, --quiet', 'no live progress')
  .action(async (url: string, opts) => {
    const { loadUrl } = await import('../run/load-url.ts');
    const { formatLoadSummary } = await import('../run/load-summary.ts');
    const { withProcessGuard } = await import('./process-guard.ts');
    const log = (l: string) => void process.stderr.write(`${l}\n`);
    const outcome = await withProcessGuard(log, (signal) =>
      loadUrl(
        {
          url,
          method: opts.method,
          headers: opts.header,
          timeout: opts.timeout,
          thresholds: opts.threshold,
          engine: opts.engine,
          ...(opts.duration !== undefined ? { duration: opts.duration } : {}),
          ...(opts.vus !== undefined ? { vus: opts.vus } : {}),
          ...(opts.rate !== undefined ? { rate: opts.rate } : {}),
          ...(opts.iterations !== undefined ? { iterations: opts.iterations } : {}),
          ...(opts.body !== undefined ? { body: opts.body } : {}),
          ...(opts.workers ? { workers: opts.workers } : {}),
          ...(opts.wait ? { wait: opts.wait, log } : {}),
          ...(opts.summaryExport
            ? { summaryExport: opts.summaryExport, summaryLayout: opts.summaryLayout }
            : {}),
          ...(opts.quiet ? {} : { onInterval: (s) => log(formatLoadSummary.interval(s)) }),
        },
        signal,
      ),
    );
    // With the JSON summary on stdout, the human one goes to stderr.
    const { isStdout } = await import('../k6/summary/write-export.ts');
    const human = isStdout(opts.summaryExport) ? process.stderr : process.stdout;
    human.write(`${formatLoadSummary(outcome)}\n`);
    const { ExitCode } = await import('../../model/index.ts');
    process.exitCode = outcome.aborted
      ? ExitCode.aborted
      : outcome.thresholds.some((t) => !t.ok)
        ? ExitCode.thresholdsFailed
        : ExitCode.ok;
  });

program
  .command('report')
  .description('re-render the reports of a stored run, without running anything')
  .argument('<results>', 'a run directory (results/<run-id>) or its results.json')
  .action(async (path: string) => {
    const { readResults } = await import('../results/read.ts');
    const { writeReports } = await import('../run/write-reports.ts');
    const { dirname } = await import('node:path');
    const { statSync } = await import('node:fs');
    const { fillMissingCost } = await import('../analysis/index.ts');
    // Runs stored before cells had a cost get one (in memory) from their resource samples.
    const results = fillMissingCost(readResults(path));
    const dir = statSync(path).isDirectory() ? path : dirname(path);
    for (const f of await writeReports(dir, results)) process.stdout.write(`wrote ${f}\n`);
  });

const targets = program.command('targets').description('the built-in architectures');
targets
  .command('list', { isDefault: true })
  .description('list the architectures, their components and parameters')
  .action(async () => {
    const { formatArchitectures } = await import('../../targets/index.ts');
    process.stdout.write(`${formatArchitectures()}\n`);
  });
targets
  .command('up')
  .description('start one architecture, seed it, print its endpoints; Ctrl-C stops it')
  .argument('<arch>', 'architecture name (see `harness targets`)')
  .option('-p, --param <key=value>', 'override a parameter (repeatable)', repeat, [])
  .option('--items <n>', 'items to seed (0: none)', (v: string) => Number(v), 1000)
  .option('--value-size <bytes>', 'bytes per seeded value', (v: string) => Number(v), 100)
  .option('--port <port>', 'port of the entry component (default: a free one)', positiveInt)
  .addOption(runtimeOption())
  .action(async (arch: string, opts) => {
    const { targetsUp } = await import('../run/targets-up.ts');
    const { withProcessGuard } = await import('./process-guard.ts');
    const up = { params: opts.param, items: opts.items, valueSize: opts.valueSize, runtime: opts.runtime };
    const out = (l: string) => void process.stdout.write(`${l}\n`);
    await withProcessGuard(out, (signal) =>
      targetsUp(arch, opts.port ? { ...up, port: opts.port } : up, out, signal),
    );
    process.exitCode = 0;
  });

const exporting = program
  .command('export')
  .description('a scenario as k6 runs it: a k6 script, or k6-operator manifests');
exporting
  .command('k6')
  .description(
    'write the scenario as a k6 script: <name>.ts (typed with @types/k6) and <name>.js (what k6 runs)',
  )
  .argument('<scenario>', 'scenario file (.ts, .js, .yaml, .json)')
  .option('--out <dir>', 'output directory (created)', 'k6')
  .option('--profiles <names>', 'only these profiles (comma-separated); default all, one after another', list)
  .option('--duration-scale <factor>', 'multiply every duration by this factor', positiveNumber, 1)
  .option('--base-url <url>', 'BASE_URL when k6 gets no -e BASE_URL=…', httpUrl)
  .action(async (file: string, opts) => {
    const { exportK6 } = await import('../k6/export/export-k6.ts');
    const result = await exportK6(file, {
      outDir: opts.out,
      durationScale: opts.durationScale,
      ...(opts.profiles ? { profiles: opts.profiles } : {}),
      ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
    });
    for (const d of result.dropped) process.stderr.write(`note: threshold left out of the k6 script: ${d}\n`);
    for (const f of result.files) process.stdout.write(`wrote ${f}\n`);
  });
exporting
  .command('k6-operator')
  .description(
    'write a k6-operator TestRun and the ConfigMap with the k6 script, for load from a Kubernetes cluster',
  )
  .argument('<scenario>', 'scenario file (.ts, .js, .yaml, .json)')
  .requiredOption(
    '--parallelism <n>',
    'k6 runners (k6-operator splits the load into execution segments)',
    positiveInt,
  )
  .requiredOption('--base-url <url>', 'where the runners send the load, as the cluster reaches it', httpUrl)
  .option('--out <dir>', 'output directory (created)', 'k6-operator')
  .option('--name <name>', 'TestRun name (default harness-<scenario>)')
  .option('--namespace <ns>', 'namespace of both objects')
  .option(
    '--results-claim <pvc>',
    'a ReadWriteMany PersistentVolumeClaim the runners write their JSON output to (default: their logs)',
  )
  .option('--image <image>', "runner image (default: k6-operator's, grafana/k6)")
  .option('--separate', 'one runner per node')
  .option('--profiles <names>', 'only these profiles (comma-separated)', list)
  .option('--duration-scale <factor>', 'multiply every duration by this factor', positiveNumber, 1)
  .action(async (file: string, opts) => {
    const { exportOperator } = await import('../k6/export/export-operator.ts');
    const result = await exportOperator(file, {
      outDir: opts.out,
      parallelism: opts.parallelism,
      baseUrl: opts.baseUrl,
      durationScale: opts.durationScale,
      ...(opts.name ? { name: opts.name } : {}),
      ...(opts.namespace ? { namespace: opts.namespace } : {}),
      ...(opts.resultsClaim ? { resultsClaim: opts.resultsClaim } : {}),
      ...(opts.image ? { image: opts.image } : {}),
      ...(opts.separate ? { separate: true } : {}),
      ...(opts.profiles ? { profiles: opts.profiles } : {}),
    });
    for (const d of result.dropped) process.stderr.write(`note: threshold left out of the k6 script: ${d}\n`);
    for (const f of result.files) process.stdout.write(`wrote ${f}\n`);
    process.stdout.write(
      `kubectl apply -f ${opts.out}   # TestRun ${result.name}, ${opts.parallelism} runner(s)\n`,
    );
  });

const importing = program
  .command('import')
  .description('bring results of other tools into a harness results dir');
importing
  .command('k6')
  .description(
    'merge k6 JSON outputs (k6 run --out json=…, one per k6-operator runner) into one run; writes its reports',
  )
  .argument('<files...>', 'k6 JSON output files (.json, .json.gz, or a runner log from kubectl logs)')
  .option('--out <dir>', 'results directory', 'results')
  .option(
    '--scenario <file>',
    'the harness scenario the k6 script was exported from: its executor and thresholds',
  )
  .option('--profile <name>', 'the profile that ran (when the scenario has several)')
  .option('--target <name>', 'name of the target in results', 'k6')
  .action(async (files: string[], opts) => {
    const { importK6 } = await import('../k6/import/import-k6.ts');
    const { writeReports } = await import('../run/write-reports.ts');
    const { dir, results } = await importK6({
      files,
      out: opts.out,
      target: opts.target,
      ...(opts.scenario ? { scenarioFile: opts.scenario } : {}),
      ...(opts.profile ? { profile: opts.profile } : {}),
    });
    const cell = results.cells[0]!;
    process.stdout.write(
      `imported ${files.length} file(s): ${cell.summary?.requests ?? 0} requests over ${cell.intervals.length} s → ${dir}\n`,
    );
    for (const f of [`${dir}/results.json`, ...(await writeReports(dir, results))])
      process.stdout.write(`wrote ${f}\n`);
    if (results.verdict?.reason) process.stderr.write(`${results.verdict.reason}\n`);
    process.exitCode = results.verdict?.exitCode ?? 0;
  });

const dashboards = program.command('dashboards').description('Grafana dashboards over Prometheus');
dashboards
  .command('export')
  .description('write the dashboard JSON, Grafana provisioning files and a Prometheus config template')
  .argument('<dir>', 'output directory (created), e.g. results/grafana (git and lint ignore results/)')
  .option('--prometheus-url <url>', 'where Grafana reaches Prometheus', httpUrl, 'http://127.0.0.1:9090')
  .option(
    '--exporter <host:port>',
    "harness's /metrics in the Prometheus template",
    hostPort,
    '127.0.0.1:9464',
  )
  .action(async (dir: string, opts) => {
    const { exportDashboards } = await import('../../dashboards/index.ts');
    const files = await exportDashboards(dir, { prometheusUrl: opts.prometheusUrl, exporter: opts.exporter });
    for (const f of files) process.stdout.write(`wrote ${f}\n`);
  });

program
  .command('doctor')
  .description('show which servers and tools are present, with versions, and what is missing')
  .action(async () => {
    const { checkEnvironment, formatDoctor } = await import('../doctor/index.ts');
    const statuses = await checkEnvironment();
    process.stdout.write(`${formatDoctor(statuses)}\n`);
  });

program
  .command('setup')
  .description('install what is missing (Debian/Ubuntu: apt-get, non-interactive)')
  .option('--dry-run', 'only print what would be installed')
  .option('--only <tools>', 'only these tools (comma-separated, e.g. postgres,redis-server)', list)
  .action(async (opts) => {
    const { setup } = await import('../doctor/index.ts');
    await setup({
      dryRun: opts.dryRun === true,
      ...(opts.only ? { only: opts.only } : {}),
      log: (l: string) => process.stdout.write(`${l}\n`),
    });
  });

program
  .command('clean')
  .description('stop processes, remove containers and temp dirs that a killed run left behind')
  .option('--all', 'also clean runs whose harness process is still alive')
  .action(async (opts) => {
    const { cleanLeftovers } = await import('../runtime/index.ts');
    const report = await cleanLeftovers({
      all: opts.all === true,
      log: (l: string) => process.stdout.write(`${l}\n`),
    });
    process.stdout.write(
      `cleaned ${report.runs.length} run(s): ${report.processes} process(es) stopped, ${report.containers} container(s) and ${report.dirs} dir(s) removed\n`,
    );
    for (const l of report.live)
      process.stdout.write(`left run ${l.runId} alone: its harness (pid ${l.ownerPid}) is still running\n`);
    if (report.live.length > 0)
      process.stdout.write(
        'stop a live run with Ctrl-C or SIGTERM to its harness; --all stops it too (other users’ runs included)\n',
      );
  });

async function main(): Promise<void> {
  // `harness … | head` closes our stdout early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    process.exitCode = await exitCodeFor(err);
  }
}

async function exitCodeFor(err: unknown): Promise<number> {
  if (err instanceof CommanderError) {
    // --help and --version exit 0; a usage error is invalid input.
    return err.exitCode === 0 ? 0 : 2;
  }
  const { HarnessError } = await import('../../model/index.ts');
  if (err instanceof HarnessError) {
    process.stderr.write(`error: ${err.message}\n`);
    if (err.hint) process.stderr.write(`hint: ${err.hint}\n`);
    return err.exitCode;
  }
  process.stderr.write(`internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  return 1;
}

await main();
