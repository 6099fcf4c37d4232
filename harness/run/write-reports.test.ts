import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
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
    const files = ['report.html', 'junit.xml', 'summary.md', 'summary.json'];
    expect(Object.keys(reportWriters)).toEqual(['html', 'junit', 'markdown', 'json']);
    expect(paths).toEqual(files.map((f) => join(out, f)));
    expect((await readdir(out)).sort()).toEqual([...files].sort());
    expect(await readFile(paths[0]!, 'utf8')).toContain('compare-read-replicas');
    expect(await readFile(join(out, 'summary.md'), 'utf8')).toContain(
      'Performance gate failed — 1 threshold failed',
    );
  });
});
