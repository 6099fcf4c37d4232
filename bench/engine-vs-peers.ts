/**
 * The engine side by side with its peers, in one run, on loopback against
 * nginx: harness, autocannon (npm) and wrk (Debian). The generator is pinned
 * to one core and nginx to the other, so they do not measure each other;
 * repetitions are interleaved and medians compared.
 *
 *   node bin/run-ts.js bench/engine-vs-peers.ts [--reps 3] [--seconds 10] [--workers 1] [--cli]
 *
 * harness runs as `bench/engine-load.ts` — `harness load` with the engine
 * options the CLI does not expose yet (`--workers`, the open model's
 * scheduling lag in the summary export) — or, with `--cli`, as
 * `bin/harness.js load` itself. Besides throughput, each run's CPU time per
 * request is shown: on a shared machine other processes steal time from the
 * generator's core, but not CPU from its accounting, so CPU per request
 * compares the tools even when their req/s are noisy. (harness: CPU of the
 * run itself, from its self-watch; peers: the whole process, from
 * /usr/bin/time — their start-up is a few ms.)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { startNginx } from './nginx.ts';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    rates: { type: 'string', default: '5000,10000,20000' },
    workers: { type: 'string', default: '1' },
    cli: { type: 'boolean', default: false },
  },
});
const REPS = Number(values.reps);
const SECONDS = Number(values.seconds);
const CONNS = Number(values.connections);
const RATES = values.rates.split(',').filter(Boolean).map(Number);
const WORKERS = Number(values.workers);
const GEN_CPU = WORKERS > 1 ? `0-${WORKERS - 1}` : '0';
/** nginx gets the next core; on a machine with no core left over, generator and server share. */
const SERVER_CPU = WORKERS % availableParallelism();

const tmp = mkdtempSync(join(tmpdir(), 'harness-bench-'));
const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Figures {
  rate: number;
  count: number;
  p50?: number;
  p99?: number;
  serviceP99?: number;
  lagP99?: number;
  /** CPU µs per request. */
  cpuUs?: number;
}

/** Runs a command pinned to the generator's core under /usr/bin/time; its stdout and CPU seconds. */
async function timed(cmd: string[]): Promise<{ stdout: string; cpuSeconds: number }> {
  const timeFile = join(tmp, `time-${Date.now()}-${Math.random()}`);
  const { stdout } = await run(
    '/usr/bin/time',
    ['-f', '%U %S', '-o', timeFile, 'taskset', '-c', GEN_CPU, ...cmd],
    {
      maxBuffer: 1 << 24,
    },
  );
  const [user, sys] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  return { stdout, cpuSeconds: (user ?? 0) + (sys ?? 0) };
}

async function harnessLoad(url: string, mode: string[]): Promise<Figures> {
  const file = join(tmp, `summary-${Date.now()}.json`);
  const args = ['-d', `${SECONDS}s`, '-q', '--summary-export', file];
  const cmd = values.cli
    ? [process.execPath, 'bin/harness.js', 'load', url, ...mode, ...args]
    : [
        process.execPath,
        'bin/run-ts.js',
        'bench/engine-load.ts',
        url,
        ...mode,
        ...args,
        '--workers',
        String(WORKERS),
      ];
  const { cpuSeconds } = await timed(cmd);
  // k6's handleSummary layout (harness's default): each metric's figures under `values`.
  const m = JSON.parse(readFileSync(file, 'utf8')).metrics as Record<
    string,
    { values: Record<string, number> }
  >;
  const count = m.http_reqs!.values.count!;
  const cpu = m.generator_cpu_seconds?.values.value ?? cpuSeconds;
  return {
    rate: count / SECONDS,
    count,
    p50: m.http_req_duration!.values.med!,
    p99: m.http_req_duration!.values['p(99)']!,
    cpuUs: (cpu / count) * 1e6,
    ...(m.http_req_service_time ? { serviceP99: m.http_req_service_time.values['p(99)']! } : {}),
    ...(m.http_req_schedule_lag ? { lagP99: m.http_req_schedule_lag.values['p(99)']! } : {}),
  };
}

async function autocannon(url: string, extra: string[]): Promise<Figures> {
  const { stdout, cpuSeconds } = await timed([
    process.execPath,
    'node_modules/autocannon/autocannon.js',
    '-j',
    '-d',
    String(SECONDS),
    ...(WORKERS > 1 ? ['-w', String(WORKERS)] : []),
    ...extra,
    url,
  ]);
  const j = JSON.parse(stdout);
  const count = j.requests.total as number;
  return {
    rate: count / SECONDS,
    count,
    p50: j.latency.p50,
    p99: j.latency.p99,
    cpuUs: (cpuSeconds / count) * 1e6,
  };
}

async function wrk(url: string): Promise<Figures> {
  const { stdout, cpuSeconds } = await timed(['wrk', `-t${WORKERS}`, `-c${CONNS}`, `-d${SECONDS}s`, url]);
  const count = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? Number.NaN);
  const rate = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? Number.NaN);
  return { rate, count, cpuUs: (cpuSeconds / count) * 1e6 };
}

function row(cells: (string | number)[]): string {
  return cells
    .map((c, i) => {
      const text = typeof c === 'number' ? (Number.isFinite(c) ? c.toFixed(c >= 100 ? 0 : 2) : '–') : c;
      return i === 0 ? text.padEnd(24) : text.padStart(13);
    })
    .join('');
}

if (SERVER_CPU < WORKERS)
  console.warn(
    `warning: only ${availableParallelism()} cores: nginx shares cpu ${SERVER_CPU} with the generator`,
  );
const nginx = await startNginx({ cpu: SERVER_CPU });
try {
  console.log(
    `# engine vs peers — nginx on cpu ${SERVER_CPU}, generators on cpu ${GEN_CPU} (${WORKERS} thread${WORKERS > 1 ? 's' : ''}), ${SECONDS}s × ${REPS} reps`,
  );
  console.log(`\n## closed model, ${CONNS} connections`);
  const closed: Record<string, Figures[]> = { harness: [], autocannon: [], wrk: [] };
  for (let r = 0; r < REPS; r++) {
    closed.harness!.push(await harnessLoad(nginx.url, ['--vus', String(CONNS)]));
    closed.autocannon!.push(await autocannon(nginx.url, ['-c', String(CONNS)]));
    closed.wrk!.push(await wrk(nginx.url));
  }
  console.log(row(['tool', 'median req/s', 'cpu µs/req', 'runs (req/s)']));
  for (const [tool, xs] of Object.entries(closed))
    console.log(
      `${row([tool, median(xs.map((x) => x.rate)), median(xs.map((x) => x.cpuUs ?? Number.NaN))])}   ${xs.map((x) => x.rate.toFixed(0)).join(' ')}`,
    );
  const rate = (tool: string) => median(closed[tool]!.map((x) => x.rate));
  const cpu = (tool: string) => median(closed[tool]!.map((x) => x.cpuUs ?? Number.NaN));
  console.log(
    `req/s  harness / autocannon: ${(rate('harness') / rate('autocannon')).toFixed(2)}×   harness / wrk: ${(rate('harness') / rate('wrk')).toFixed(2)}×`,
  );
  console.log(
    `CPU per request  autocannon / harness: ${(cpu('autocannon') / cpu('harness')).toFixed(2)}×   wrk / harness: ${(cpu('wrk') / cpu('harness')).toFixed(2)}×  (> 1: harness spends less)`,
  );

  if (RATES.length > 0) {
    console.log('\n## open model (fixed arrival rate)');
    console.log(
      row([
        'tool @ target rate',
        'achieved/s',
        '% of target',
        'p50 ms',
        'p99 ms',
        'svc p99 ms',
        'lag p99 ms',
      ]),
    );
  }
  for (const target of RATES) {
    const h: Figures[] = [];
    const a: Figures[] = [];
    for (let r = 0; r < REPS; r++) {
      h.push(await harnessLoad(nginx.url, ['--rate', String(target)]));
      // autocannon's open-ish mode: an overall rate cap over its connections.
      a.push(await autocannon(nginx.url, ['-c', '100', '-R', String(target)]));
    }
    for (const [tool, xs] of [
      ['harness', h],
      ['autocannon', a],
    ] as const) {
      const achieved = median(xs.map((x) => x.rate));
      console.log(
        row([
          `${tool} @ ${target}/s`,
          achieved,
          `${((achieved / target) * 100).toFixed(1)}%`,
          median(xs.map((x) => x.p50 ?? Number.NaN)),
          median(xs.map((x) => x.p99 ?? Number.NaN)),
          median(xs.map((x) => x.serviceP99 ?? Number.NaN)),
          median(xs.map((x) => x.lagP99 ?? Number.NaN)),
        ]),
      );
    }
  }
  if (RATES.length > 0) {
    console.log(
      '\nharness p99 is measured from the intended start (coordinated omission corrected); svc p99 from the actual send;',
    );
    console.log('lag p99: how late the generator started iterations (send − intended start).');
    console.log("autocannon's latency is from the actual send only, so it hides queueing in the generator.");
  }
} finally {
  await nginx.stop();
  rmSync(tmp, { recursive: true, force: true });
}
