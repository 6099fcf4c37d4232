/**
 * What the TCP fault proxy costs when no toxic is active: nginx direct, behind
 * a bare `pipe()` proxy (the floor for any Node proxy) and behind the fault
 * proxy, loaded by autocannon, at a fixed rate (open model,
 * `overallRate`), closed model (N connections as fast as they go) and one
 * connection doing one request at a time.
 *
 * Pinning (2 cores): autocannon runs in a child process on cpu 0; nginx and this
 * process — which hosts both proxies — share cpu 1, as a topology's server and
 * its edge proxy would. Repetitions are interleaved (direct, pipe, proxied,
 * direct, …) and medians compared.
 *
 * autocannon's own histogram keeps whole milliseconds, too coarse for a
 * sub-millisecond budget, so the generator records each response's time from
 * autocannon's `response` event (microsecond resolution) and computes exact
 * percentiles itself.
 *
 *   node bin/run-ts.js bench/proxy.ts [--reps 3] [--seconds 5] [--rate 5000] [--connections 50]
 */
import { execFile, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { type AddressInfo, connect, createServer, type Server } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs, promisify } from 'node:util';
import { startFaultProxy } from '../chaos/index.ts';
import { startNginx } from './nginx.ts';

const run = promisify(execFile);
const GEN_CPU = 0;
const SERVER_CPU = 1;

interface Figures {
  /** Responses per second over the measured window. */
  rps: number;
  p50us: number;
  p99us: number;
  errors: number;
}

interface GeneratorJob {
  url: string;
  seconds: number;
  connections: number;
  /** Requests/s for all connections together; 0 = closed model. */
  rate: number;
}

// ---- generator (child process, cpu 0) ----

interface AutocannonInstance {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (
  opts: { url: string; connections: number; duration: number; overallRate?: number },
  done: (err: Error | null, result: { errors: number; non2xx: number }) => void,
) => AutocannonInstance;

async function generate(job: GeneratorJob): Promise<Figures> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  let samples = new Float64Array(1 << 16);
  let n = 0;
  const start = performance.now();
  const result = await new Promise<{ errors: number; non2xx: number }>((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: job.seconds,
        ...(job.rate > 0 ? { overallRate: job.rate } : {}),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => {
      if (n === samples.length) {
        const bigger = new Float64Array(samples.length * 2);
        bigger.set(samples);
        samples = bigger;
      }
      samples[n++] = ms;
    });
  });
  const elapsedS = (performance.now() - start) / 1000;
  const sorted = samples.subarray(0, n).sort();
  const pct = (p: number) => (sorted[Math.min(n - 1, Math.floor((p / 100) * n))] ?? Number.NaN) * 1000;
  return { rps: n / elapsedS, p50us: pct(50), p99us: pct(99), errors: result.errors + result.non2xx };
}

async function runGenerator(job: GeneratorJob): Promise<Figures> {
  const { stdout } = await run(
    'taskset',
    [
      '-c',
      String(GEN_CPU),
      process.execPath,
      'bin/run-ts.js',
      'bench/proxy.ts',
      '--generator',
      JSON.stringify(job),
    ],
    { maxBuffer: 1 << 24 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Figures;
}

// ---- driver (this process, cpu 1, hosts the proxy) ----

/**
 * The floor for any proxy written on Node: two sockets joined by `pipe()`, no
 * bookkeeping. Shows how much of the fault proxy's cost is Node's and how much
 * is its own.
 */
async function startPipeProxy(upstreamPort: number): Promise<{ port: number; server: Server }> {
  const server = createServer({ noDelay: true }, (client) => {
    const upstream = connect({ host: '127.0.0.1', port: upstreamPort, noDelay: true });
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function pinSelf(cpu: number): boolean {
  if (availableParallelism() < 2) return false;
  try {
    execFileSync('taskset', ['-cp', String(cpu), String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      reps: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '5' },
      rate: { type: 'string', default: '5000' },
      connections: { type: 'string', default: '50' },
    },
  });
  const reps = Number(values.reps);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const rate = Number(values.rate);

  const pinned = pinSelf(SERVER_CPU);
  const nginx = await startNginx({ cpu: SERVER_CPU });
  const nginxPort = Number(new URL(nginx.url).port);
  const proxy = await startFaultProxy({ name: 'bench', upstream: { host: '127.0.0.1', port: nginxPort } });
  const pipe = await startPipeProxy(nginxPort);
  const urls = {
    direct: nginx.url,
    'node pipe': `http://127.0.0.1:${pipe.port}/`,
    proxied: `http://127.0.0.1:${proxy.port}/`,
  };
  console.log(
    `nginx (1 worker) on cpu ${SERVER_CPU}, proxies (this process${pinned ? '' : ', NOT pinned'}) on cpu ${SERVER_CPU}, ` +
      `autocannon on cpu ${GEN_CPU}; ${seconds}s per run, ${reps} repetitions`,
  );
  // The machine may be shared: say how busy it was, since other work skews both columns.
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  const modes = [
    { label: `open ${rate} req/s`, rate, connections },
    { label: `closed ${connections} conns`, rate: 0, connections },
    // One connection, one request at a time: the round trip with nothing queued, the purest view of the hop's cost.
    { label: 'closed 1 conn', rate: 0, connections: 1 },
  ];
  const results = new Map<string, Figures[]>();
  const cpuPerRequest = new Map<string, number[]>();
  try {
    for (const mode of modes) {
      // Warm-up (JIT, connection set-up) — not measured.
      for (const url of Object.values(urls)) {
        await runGenerator({ url, seconds: 1, connections: mode.connections, rate: mode.rate });
      }
      for (let rep = 0; rep < reps; rep++) {
        for (const [target, url] of Object.entries(urls)) {
          const cpuBefore = process.cpuUsage();
          const figures = await runGenerator({
            url,
            seconds,
            connections: mode.connections,
            rate: mode.rate,
          });
          const cpu = process.cpuUsage(cpuBefore);
          const key = `${mode.label}|${target}`;
          results.set(key, [...(results.get(key) ?? []), figures]);
          // This process only hosts the proxies, so its CPU time is their cost (≈0 for direct).
          cpuPerRequest.set(key, [
            ...(cpuPerRequest.get(key) ?? []),
            (cpu.user + cpu.system) / (figures.rps * seconds),
          ]);
          console.log(
            `  ${mode.label.padEnd(20)} ${target.padEnd(9)} rep ${rep + 1}: ${figures.rps.toFixed(0)} req/s, ` +
              `p50 ${figures.p50us.toFixed(0)} µs, p99 ${figures.p99us.toFixed(0)} µs, errors ${figures.errors}`,
          );
        }
      }
    }
  } finally {
    await proxy.stop();
    pipe.server.close();
    await nginx.stop();
  }

  console.log(
    `load average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`\nmedians of ${reps} (latency in µs; proxy CPU = µs of this process's CPU per request):\n`);
  console.log('| mode | target | req/s | p50 | p99 | errors | proxy CPU |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const mode of modes) {
    const figures = new Map<string, { rps: number; p50: number; p99: number }>();
    for (const target of Object.keys(urls)) {
      const key = `${mode.label}|${target}`;
      const runs = results.get(key) ?? [];
      const f = {
        rps: median(runs.map((r) => r.rps)),
        p50: median(runs.map((r) => r.p50us)),
        p99: median(runs.map((r) => r.p99us)),
      };
      figures.set(target, f);
      const errors = runs.reduce((sum, r) => sum + r.errors, 0);
      const cpu = median(cpuPerRequest.get(key) ?? []);
      console.log(
        `| ${mode.label} | ${target} | ${f.rps.toFixed(0)} | ${f.p50.toFixed(0)} | ${f.p99.toFixed(0)} | ${errors} | ${cpu.toFixed(1)} |`,
      );
    }
    const d = figures.get('direct')!;
    for (const target of ['node pipe', 'proxied']) {
      const p = figures.get(target)!;
      const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(0)}`;
      console.log(
        `| ${mode.label} | ${target} vs direct | ×${(p.rps / d.rps).toFixed(3)} | ${signed(p.p50 - d.p50)} | ` +
          `${signed(p.p99 - d.p99)} | | |`,
      );
    }
  }
}

if (process.argv[2] === '--generator') {
  const figures = await generate(JSON.parse(process.argv[3]!) as GeneratorJob);
  console.log(JSON.stringify(figures));
} else {
  await main();
}
