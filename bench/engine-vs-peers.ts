/**
 * The engine side by side with its peers, in one run, on loopback against
 * nginx: harness (`harness load`), autocannon (npm) and wrk (Debian). The
 * generator is pinned to one core and nginx to the other, so they do not
 * measure each other; repetitions are interleaved and medians compared.
 *
 *   node bin/run-ts.js bench/engine-vs-peers.ts [--reps 3] [--seconds 10]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  },
});
const REPS = Number(values.reps);
const SECONDS = Number(values.seconds);
const CONNS = Number(values.connections);
const RATES = values.rates.split(',').map(Number);
const GEN_CPU = '0';
const SERVER_CPU = 1;

const tmp = mkdtempSync(join(tmpdir(), 'harness-bench-'));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Figures {
  rate: number;
  p50?: number;
  p99?: number;
  serviceP99?: number;
}

async function harnessLoad(url: string, mode: string[]): Promise<Figures> {
  const file = join(tmp, `summary-${Date.now()}.json`);
  await run(
    'taskset',
    [
      '-c',
      GEN_CPU,
      process.execPath,
      'bin/harness.js',
      'load',
      url,
      ...mode,
      '-d',
      `${SECONDS}s`,
      '-q',
      '--summary-export',
      file,
    ],
    { maxBuffer: 1 << 24 },
  );
  const m = JSON.parse(readFileSync(file, 'utf8')).metrics;
  return {
    rate: m.http_reqs.count / SECONDS,
    p50: m.http_req_duration.med,
    p99: m.http_req_duration['p(99)'],
    ...(m.http_req_service_time ? { serviceP99: m.http_req_service_time['p(99)'] } : {}),
  };
}

async function autocannon(url: string, extra: string[]): Promise<Figures> {
  const { stdout } = await run(
    'taskset',
    [
      '-c',
      GEN_CPU,
      process.execPath,
      'node_modules/autocannon/autocannon.js',
      '-j',
      '-d',
      String(SECONDS),
      ...extra,
      url,
    ],
    { maxBuffer: 1 << 24 },
  );
  const j = JSON.parse(stdout);
  return { rate: j.requests.total / SECONDS, p50: j.latency.p50, p99: j.latency.p99 };
}

async function wrk(url: string): Promise<Figures> {
  const { stdout } = await run('taskset', ['-c', GEN_CPU, 'wrk', '-t1', `-c${CONNS}`, `-d${SECONDS}s`, url]);
  const rate = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? Number.NaN);
  return { rate };
}

function row(cells: (string | number)[]): string {
  return cells
    .map((c, i) => {
      const text = typeof c === 'number' ? c.toFixed(c >= 100 ? 0 : 2) : c;
      return i === 0 ? text.padEnd(24) : text.padStart(13);
    })
    .join('');
}

const nginx = await startNginx({ cpu: SERVER_CPU });
try {
  console.log(
    `# engine vs peers — nginx on cpu ${SERVER_CPU}, generators on cpu ${GEN_CPU}, ${SECONDS}s × ${REPS} reps`,
  );
  console.log(`\n## closed model, ${CONNS} connections`);
  const closed: Record<string, number[]> = { harness: [], autocannon: [], wrk: [] };
  for (let r = 0; r < REPS; r++) {
    closed.harness!.push((await harnessLoad(nginx.url, ['--vus', String(CONNS)])).rate);
    closed.autocannon!.push((await autocannon(nginx.url, ['-c', String(CONNS)])).rate);
    closed.wrk!.push((await wrk(nginx.url)).rate);
  }
  console.log(row(['tool', 'median req/s', 'runs']));
  for (const [tool, xs] of Object.entries(closed))
    console.log(`${row([tool, median(xs)])}   ${xs.map((x) => x.toFixed(0)).join(' ')}`);
  const ratio = median(closed.harness!) / median(closed.autocannon!);
  console.log(
    `harness / autocannon: ${ratio.toFixed(2)}×   harness / wrk: ${(median(closed.harness!) / median(closed.wrk!)).toFixed(2)}×`,
  );

  console.log('\n## open model (fixed arrival rate)');
  console.log(row(['tool @ target rate', 'achieved/s', '% of target', 'p50 ms', 'p99 ms', 'svc p99 ms']));
  for (const rate of RATES) {
    const h: Figures[] = [];
    const a: Figures[] = [];
    for (let r = 0; r < REPS; r++) {
      h.push(await harnessLoad(nginx.url, ['--rate', String(rate)]));
      // autocannon's open-ish mode: an overall rate cap over its connections.
      a.push(await autocannon(nginx.url, ['-c', '100', '-R', String(rate)]));
    }
    for (const [tool, xs] of [
      ['harness', h],
      ['autocannon', a],
    ] as const) {
      const achieved = median(xs.map((x) => x.rate));
      console.log(
        row([
          `${tool} @ ${rate}/s`,
          achieved,
          `${((achieved / rate) * 100).toFixed(1)}%`,
          median(xs.map((x) => x.p50 ?? Number.NaN)),
          median(xs.map((x) => x.p99 ?? Number.NaN)),
          xs[0]!.serviceP99 === undefined ? '–' : median(xs.map((x) => x.serviceP99!)),
        ]),
      );
    }
  }
  console.log(
    '\nharness p99 is measured from the intended start (coordinated omission corrected); svc p99 from the actual send.',
  );
  console.log("autocannon's latency is from the actual send only, so it hides queueing in the generator.");
} finally {
  await nginx.stop();
  rmSync(tmp, { recursive: true, force: true });
}
