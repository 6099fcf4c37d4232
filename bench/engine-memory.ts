/**
 * Generator memory over a long open-model run: `harness load --rate 10000`
 * against nginx for 10 minutes (shorter with --minutes), the generator pinned
 * to cpu 0 and nginx to cpu 1, its RSS read from /proc every 10 s. The engine
 * keeps fixed-size interval histograms, so memory must not grow with the
 * request count: the target is < 50 MB of growth over 10 minutes.
 *
 *   node bin/run-ts.js bench/engine-memory.ts [--minutes 10] [--rate 10000] [--every 10]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startNginx } from './nginx.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '10000' },
    every: { type: 'string', default: '10' },
  },
});
const MINUTES = Number(values.minutes);
const EVERY_MS = Number(values.every) * 1000;
/** The first samples include start-up and JIT warm-up: growth counts from this one on. */
const BASELINE_AT_MS = 30_000;

function rssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const nginx = await startNginx({ cpu: 1 });
try {
  console.log(
    `# generator RSS — harness load --rate ${values.rate} -d ${MINUTES}m against nginx, every ${values.every}s`,
  );
  const child = spawn(
    'taskset',
    [
      '-c',
      '0',
      process.execPath,
      'bin/harness.js',
      'load',
      nginx.url,
      '--rate',
      values.rate,
      '-d',
      `${MINUTES}m`,
      '-q',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let summary = '';
  child.stdout.on('data', (d: Buffer) => {
    summary += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const t0 = Date.now();
  const samples: { s: number; mb: number }[] = [];
  const timer = setInterval(() => {
    const mb = rssMb(child.pid!);
    if (mb === undefined) return;
    const s = Math.round((Date.now() - t0) / 1000);
    samples.push({ s, mb });
    console.log(`${String(s).padStart(5)} s  ${mb.toFixed(1).padStart(7)} MB`);
  }, EVERY_MS);
  const code = await exited;
  clearInterval(timer);
  console.log(`\n${summary.trim()}`);
  const base = samples.find((x) => x.s * 1000 >= BASELINE_AT_MS) ?? samples[0];
  const last = samples.at(-1);
  if (base !== undefined && last !== undefined) {
    const max = Math.max(...samples.map((x) => x.mb));
    const growth = last.mb - base.mb;
    console.log(
      `\nRSS ${base.mb.toFixed(1)} MB at ${base.s} s → ${last.mb.toFixed(1)} MB at ${last.s} s (max ${max.toFixed(1)} MB): growth ${growth.toFixed(1)} MB (target < 50 MB over 10 min) — ${growth < 50 ? 'ok' : 'TOO MUCH'}`,
    );
  }
  if (code !== 0) console.log(`harness load exited with ${code}`);
} finally {
  await nginx.stop();
}
