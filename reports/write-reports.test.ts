import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSampleResults } from './fixtures/sample-results.ts';
import { reportWriters, writeReports } from './index.ts';

describe('writeReports', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes report.html into the run directory, leaving no temporary files', async () => {
    dir = await mkdtemp(join(tmpdir(), 'harness-report-'));
    const out = join(dir, 'run-1');
    const paths = await writeReports(out, buildSampleResults());
    expect(paths).toEqual([join(out, 'report.html')]);
    expect(await readdir(out)).toEqual(['report.html']);
    expect(await readFile(paths[0]!, 'utf8')).toContain('compare-read-replicas');
    expect(Object.keys(reportWriters)).toEqual(['html']);
  });
});
