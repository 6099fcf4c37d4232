/**
 * `npm run bench`: every benchmark in turn, each printing its own figures.
 * They are not tests: nothing here passes or fails; read the ratios, which
 * are measured side by side in one run on this machine.
 *
 *   engine-vs-peers  harness vs autocannon vs wrk against nginx (closed and open model)
 *   engine-memory    generator RSS over a long open-model run (--minutes, default 2 here)
 *   proxy            the chaos fault proxy in pass-through vs a direct connection
 *   report           rendering one hour × five architectures into report.html
 *   event-replay     event-sourced reads as one stream grows, with and without snapshots
 */
import { spawnSync } from 'node:child_process';

const only = process.argv.slice(2);
const benches: [string, string[]][] = [
  ['engine-vs-peers', []],
  ['engine-memory', ['--minutes', '2']],
  ['proxy', []],
  ['report', []],
  ['event-replay', []],
];
for (const [name, args] of benches) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n════ bench/${name}.ts ${args.join(' ')}`);
  const res = spawnSync(process.execPath, ['bin/run-ts.js', `bench/${name}.ts`, ...args], {
    stdio: 'inherit',
  });
  if (res.status !== 0) console.log(`(bench/${name}.ts exited ${res.status ?? res.signal})`);
}
