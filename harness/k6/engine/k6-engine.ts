/**
 * `--engine k6`: the k6 binary behind harness's LoadEngine seam. Same
 * contract as the built-in engine — the run's scenarios and workload in, one
 * interval sample a second into the sink, acknowledged writes into the
 * ledger, stop on the signal — so orchestration, faults, sampling, reports,
 * gates and compare stay the same.
 *
 * A run: the request becomes a k6 script (generate-script.ts, bundled to JS),
 * k6 runs it against the deployment with `--out json=<file>`, and the file is
 * read as k6 writes it: its points become per-second HDR samples
 * (point-aggregator.ts), about 1.5 s behind k6. Acknowledged writes come
 * through k6's log (`harness-ledger {…}` lines). The k6 process's CPU is the
 * generator's CPU; k6 has no event-loop lag (its figures stay 0).
 * Abort: SIGINT (k6's graceful stop), SIGKILL after the executors' graceful
 * stop; nothing is left running or on disk.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IntervalSample, LedgerEntry } from '../../../model/index.ts';
import { ExitCode, HarnessError, isOpenExecutor } from '../../../model/index.ts';
import { GeneratorVerdict } from '../../engine/generator-verdict.ts';
import { openMaxVus, planScenarios, runModel } from '../../engine/plan/index.ts';
import type { EngineRunRequest, EngineRunResult, LoadEngine } from '../../engine/types.ts';
import { registry } from '../../runtime/host/registry.ts';
import { ResourceSampler } from '../../runtime/local/resource-sampler.ts';
import { parseK6Line } from '../output/json-lines.ts';
import { PointAggregator } from '../output/point-aggregator.ts';
import { bundleK6Script } from '../script/bundle.ts';
import { generateK6Script } from '../script/generate-script.ts';
import { k6ScenarioName } from '../script/k6-scenarios.ts';
import { findK6, type K6Binary } from './find-k6.ts';
import { K6Process } from './k6-process.ts';
import { FileTail } from './tail-file.ts';

export interface K6EngineOptions {
  /** Environment to find k6 in (K6_BIN, PATH); default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** k6 exits 107 when the script throws in its init or an iteration cannot be set up. */
const K6_SCRIPT_EXCEPTION = 107;
/** Time after the executors' graceful stop for k6 to exit on SIGINT before it is killed. */
const STOP_GRACE_MS = 10_000;
let runs = 0;

export class K6Engine implements LoadEngine {
  readonly name = 'k6';
  #binary: K6Binary | undefined;

  constructor(private readonly options: K6EngineOptions = {}) {}

  get description(): string | undefined {
    return this.#binary ? `k6 ${this.#binary.version} (${this.#binary.path})` : undefined;
  }

  async preflight(): Promise<void> {
    this.#binary ??= await findK6(this.options.env);
  }

  async run(request: EngineRunRequest): Promise<EngineRunResult> {
    await this.preflight();
    const k6 = this.#binary!;
    if (request.scenarios.length === 0) throw new Error('an engine run needs at least one scenario');
    // The script sends every scenario to one BASE_URL (checked before anything starts, see run-scenario.ts).
    if (request.scenarios.some((s) => s.baseUrl !== undefined && s.baseUrl !== request.baseUrl))
      throw new Error(
        'the k6 engine sends every scenario to one base URL: per-scenario entries need --engine http',
      );
    const dir = await mkdtemp(join(tmpdir(), `harness-k6-${process.pid}-`));
    registry.addDir(dir);
    try {
      return await this.#runIn(dir, k6, request);
    } finally {
      await rm(dir, { recursive: true, force: true });
      registry.removeDir(dir);
    }
  }

  async #runIn(dir: string, k6: K6Binary, request: EngineRunRequest): Promise<EngineRunResult> {
    const named = request.scenarios.every((s) => s.name !== undefined);
    const names = request.scenarios.map((s) => k6ScenarioName(s.name ?? 'default'));
    const { source } = generateK6Script({
      header: ['k6 script of one harness engine run (harness run --engine k6).'],
      scenarios: request.scenarios.map((s, i) => ({
        name: names[i]!,
        executor: s.executor,
        workload: s.workload,
      })),
      items: request.dataset.items,
      timeoutMs: request.http.timeoutMs,
      baseUrl: request.baseUrl,
      ...(request.script
        ? {
            flow: {
              importPath: importPath(
                dir,
                request.script.file.startsWith('file:')
                  ? fileURLToPath(request.script.file)
                  : resolve(request.script.file),
              ),
              ...(request.script.export ? { export: request.script.export } : {}),
            },
          }
        : {}),
    });
    const script = join(dir, 'script.js');
    await writeFile(script, await bundleK6Script(source, dir, 'script.ts'));

    const plans = planScenarios(request.scenarios).map((p) => p.plan);
    const intervalMs = request.intervalMs ?? 1000;
    // k6 uses every core (GOMAXPROCS): CPU-bound means near all of them.
    const verdict = new GeneratorVerdict(intervalMs, openMaxVus(plans), cpus().length);
    const ledger: LedgerEntry[] = [];
    // The k6 process's CPU, read about once a second: each reading covers the time since the one before.
    const cpuReadings: { ts: number; cores: number }[] = [];
    const aggregator = new PointAggregator({
      intervalMs,
      lateMs: 1500,
      ...(named ? { scenarios: names } : {}),
      openScenarios: new Set(names.filter((_, i) => isOpenExecutor(request.scenarios[i]!.executor))),
      sink: (sample: IntervalSample) => {
        // The reading that covers the interval's midpoint: the first taken after it (a timer that drifts
        // can skip a wall-clock second, so no lookup by second), else the latest one.
        const mid = sample.ts + sample.durationMs / 2;
        // Intervals come in order: readings well before this one are done with.
        while (cpuReadings.length > 1 && cpuReadings[0]!.ts < mid - 5_000) cpuReadings.shift();
        const cpu = (cpuReadings.find((r) => r.ts >= mid) ?? cpuReadings.at(-1))?.cores;
        if (cpu !== undefined)
          sample.generator = { eventLoopLagP99Ms: 0, eventLoopLagMaxMs: 0, cpuCores: cpu };
        verdict.observe(sample);
        request.sink.onInterval(sample);
        if (ledger.length > 0) request.sink.onLedger?.(ledger.splice(0));
      },
    });
    const out = join(dir, 'k6-output.json');
    const tail = new FileTail(out, (line) => {
      const rec = parseK6Line(line);
      if (rec?.kind === 'point') aggregator.add(rec.point);
    });
    const args = [
      'run',
      '--quiet',
      '--no-summary',
      '--no-thresholds',
      '--no-usage-report',
      '--no-color',
      '--log-format',
      'raw',
      // The script sees only what harness gives it, not this process's environment (BASE_URL, ITEMS…).
      '--include-system-env-vars=false',
      '-e',
      `BASE_URL=${request.baseUrl}`,
      '-e',
      'HARNESS_LEDGER=1',
      '--out',
      `json=${out}`,
      script,
    ];
    const startedAt = Date.now();
    const proc = await K6Process.start({
      bin: k6.path,
      args,
      cwd: dir,
      env: { ...process.env, ...(this.options.env ?? {}), K6_NO_USAGE_REPORT: 'true' },
      id: `k6-${process.pid}-${++runs}`,
      dir,
      onStderrLine: (line) => {
        const entry = ledgerEntry(line);
        if (entry) ledger.push(entry);
      },
    });
    tail.start();
    const sampler = new ResourceSampler(proc.pid, startedAt);
    const cpuTimer = setInterval(() => {
      const s = sampler.sample();
      cpuReadings.push({ ts: s.ts, cores: Math.round(s.cpuCores * 100) / 100 });
    }, 1000);
    let aborted = false;
    const graceMs = Math.max(...plans.map((p) => p.gracefulStopMs)) + STOP_GRACE_MS;
    const onAbort = () => {
      aborted = true;
      void proc.stop(graceMs);
    };
    if (request.signal.aborted) onAbort();
    else request.signal.addEventListener('abort', onAbort, { once: true });
    let exit: { code: number | null; signal: NodeJS.Signals | null };
    try {
      exit = await proc.exited;
    } finally {
      request.signal.removeEventListener('abort', onAbort);
      clearInterval(cpuTimer);
      await proc.stop(0);
      proc.release();
      await tail.drain();
      aggregator.finish();
      if (ledger.length > 0) request.sink.onLedger?.(ledger.splice(0));
    }
    if (!aborted && exit.code !== 0) {
      const tailText = proc.tail.text();
      throw new HarnessError(
        'K6_FAILED',
        `k6 exited with ${exit.signal ?? `code ${exit.code}`}:\n${tailText}`,
        {
          exitCode: exit.code === K6_SCRIPT_EXCEPTION ? ExitCode.invalidInput : ExitCode.internal,
          hint: `harness ran: ${k6.path} ${args.join(' ')}`,
        },
      );
    }
    const model = runModel(plans);
    const notes = verdict.notes();
    if (model !== 'closed')
      notes.push(
        "k6 measures http_req_duration from the send, not from the intended start: open-model latency here is k6's, without coordinated-omission correction",
      );
    if (aggregator.late > 0)
      notes.push(
        `${aggregator.late} k6 samples arrived after their second was handed on and count in a later one`,
      );
    return {
      model,
      startedAt: aggregator.startedAt === undefined ? startedAt : Math.round(aggregator.startedAt),
      endedAt: Date.now(),
      aborted,
      generatorBound: verdict.generatorBound,
      generatorNotes: notes,
      vuPoolNotes: verdict.vuPoolNotes(),
    };
  }
}

/** `harness-ledger {"request":…,"id":…,"version":…,"ackedAt":…}` from the script (runtime-source.ts). */
function ledgerEntry(line: string): LedgerEntry | undefined {
  const at = line.indexOf('harness-ledger ');
  if (at < 0) return undefined;
  try {
    const e = JSON.parse(line.slice(at + 'harness-ledger '.length)) as Partial<LedgerEntry>;
    if (typeof e.id !== 'string' || typeof e.version !== 'number' || typeof e.request !== 'string')
      return undefined;
    return { request: e.request, id: e.id, version: e.version, ackedAt: Number(e.ackedAt) || Date.now() };
  } catch {
    return undefined;
  }
}

function importPath(fromDir: string, file: string): string {
  const rel = relative(fromDir, file).split(sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}
