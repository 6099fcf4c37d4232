/**
 * Render cost of the HTML report on a long run: a synthetic results file
 * equivalent to one hour at 1-second resolution for five architectures
 * (18,000 intervals of encoded HDR histograms, per-instance resources, fault
 * windows, a ramping executor). Targets: render < 3 s, HTML < 3 MB. The
 * interactive charts' tables are thinned to 1,500 rows (min/max pairs).
 *
 *   node bin/run-ts.js bench/report.ts [--seconds 3600] [--rate 100]
 */
import { parseArgs } from 'node:util';
import { targetVerdicts } from '../harness/gate/index.ts';
import { renderHtmlReport } from '../reports/index.ts';
import { buildSyntheticRun } from '../test/helpers/synthetic-run.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '3600' }, rate: { type: 'string', default: '100' } },
});
const seconds = Number(values.seconds);
const TARGET_MS = 3000;
const TARGET_BYTES = 3 * 1024 * 1024;

let t = performance.now();
const results = buildSyntheticRun({ seconds, rate: Number(values.rate) });
const buildMs = performance.now() - t;
const json = JSON.stringify(results);
process.stdout.write(
  `synthetic run: ${results.cells.length} cells × ${seconds} intervals, results.json ${mib(json.length)} (built in ${(buildMs / 1000).toFixed(1)} s)\n`,
);

// reparse, as `harness report` reads it: no cached digests from the build
const stored = JSON.parse(json) as typeof results;
t = performance.now();
// as `harness run` and `harness report` do: the verdicts between targets first (per-second tests)
const verdicts = targetVerdicts(stored);
const verdictMs = performance.now() - t;
t = performance.now();
const html = renderHtmlReport(stored, { verdicts });
const renderMs = performance.now() - t;
const bytes = Buffer.byteLength(html);

const ok = renderMs < TARGET_MS && bytes < TARGET_BYTES;
process.stdout.write(
  [
    `verdicts between targets: ${Math.round(verdictMs)} ms`,
    `render: ${Math.round(renderMs)} ms (target < ${TARGET_MS} ms) ${renderMs < TARGET_MS ? '✓' : '✗'}`,
    `html:   ${mib(bytes)} (target < ${mib(TARGET_BYTES)}) ${bytes < TARGET_BYTES ? '✓' : '✗'}`,
    '',
  ].join('\n'),
);
process.exitCode = ok ? 0 : 1;

function mib(n: number): string {
  return `${(n / 1024 ** 2).toFixed(2)} MiB`;
}
