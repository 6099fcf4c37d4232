import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reportWriters } from '../../reports/index.ts';
import { buildSampleResults } from '../../test/helpers/sample-results.ts';
import { writeReports } from './write-reports.ts';

describe('writeReports', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes the report and the gate files into the run directory, leaving no temporary files', async () => {
    dir = await mkdtemp(join(tmpdir(), 'harness-report-'));
    const out = join(dir, 'run-1');
    const paths = await writeReports(out, buildSampleResults());
    const files = ['report.html', 'junit.xml', 'summary.md', 'gate.json'];
    expect(Object.keys(reportWriters)).toEqual(['html', 'junit', 'markdown', 'json']);
    expect(paths).toEqual(files.map((f) => join(out, f)));
    expect((await readdir(out)).sort()).toEqual([...files].sort());
    expect(await readFile(paths[0]!, 'utf8')).toContain('compare-read-replicas');
    expect(await readFile(join(out, 'summary.md'), 'utf8')).toContain(
      'Performance gate failed — 1 threshold failed',
    );
  });

  it('re-rendering a run from before the rename removes its old gate summary.json, and only that one', async () => {
    dir = await mkdtemp(join(tmpdir(), 'harness-report-'));
    const old = join(dir, 'old');
    const other = join(dir, 'other');
    for (const d of [old, other]) await mkdir(d);
    await writeFile(join(old, 'summary.json'), JSON.stringify({ schema: 'harness-gate/1', ok: true }));
    const k6 = JSON.stringify({
      metrics: { http_reqs: { type: 'counter', contains: 'default', values: {} } },
    });
    await writeFile(join(other, 'summary.json'), k6);
    await writeReports(old, buildSampleResults());
    await writeReports(other, buildSampleResults());
    expect(await readdir(old)).not.toContain('summary.json');
    expect(await readFile(join(other, 'summary.json'), 'utf8')).toBe(k6);
  });
});
