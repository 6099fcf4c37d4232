import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../model/index.ts';
import { readResults } from '../../results/read.ts';
import { importK6 } from './import-k6.ts';

const FIXTURE = new URL('../output/fixtures/two-seconds.jsonl', import.meta.url).pathname;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'harness-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('importK6', () => {
  it('merges runners (one plain, one gzip) into one stored run: counts added, VUs summed, k6 thresholds evaluated', async () => {
    const a = join(dir, 'runner-1.json');
    const b = join(dir, 'runner-2.json.gz');
    copyFileSync(FIXTURE, a);
    writeFileSync(b, gzipSync(readFileSync(FIXTURE)));
    const { dir: runDir, results } = await importK6({ files: [a, b], out: join(dir, 'results') });
    const stored = readResults(runDir);
    expect(stored.runId).toBe(results.runId);
    const cell = stored.cells[0]!;
    expect(cell.status).toBe('completed');
    expect(cell.summary!.requests).toBe(12);
    expect(cell.summary!.byRequest['get-item']!.count).toBe(8);
    expect(cell.intervals.map((s) => s.vus)).toEqual([6, 4]);
    expect(cell.thresholds).toEqual([
      expect.objectContaining({ metric: 'http_req_duration', expression: 'p(95)<500', ok: true }),
    ]);
    expect(cell.generatorNotes).toContain(
      'imported from k6 JSON output: 2 file(s) (execution segments merged)',
    );
    expect(stored.environment.engine).toBe('k6 (imported, 2 instances)');
    expect(stored.verdict).toMatchObject({ exitCode: 0 });
  });

  it('refuses a file that holds no k6 output, naming it, and writes nothing', async () => {
    const bad = join(dir, 'notes.txt');
    writeFileSync(bad, 'hello\n');
    const err = await importK6({ files: [FIXTURE, bad], out: join(dir, 'results') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).problems).toEqual([
      { path: bad, message: expect.stringContaining('holds no k6 JSON output') },
    ]);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('with the scenario: its profile as the executor, its thresholds, only its k6 scenarios', async () => {
    const scenario = join(dir, 'scenario.json');
    writeFileSync(
      scenario,
      JSON.stringify({
        name: 'imported',
        targets: [{ name: 'api', url: 'http://127.0.0.1:8080' }],
        workload: { mix: [{ name: 'get-item', path: '/items/1' }] },
        profiles: { readers: { executor: 'constant-vus', vus: 3, duration: '2s' } },
        thresholds: { 'http_req_duration{name:get-item}': ['p(99)<5'] },
      }),
    );
    const { results } = await importK6({
      files: [FIXTURE],
      out: join(dir, 'results'),
      scenarioFile: scenario,
    });
    const cell = results.cells[0]!;
    expect(cell.executor).toEqual({ executor: 'constant-vus', vus: 3, duration: '2s' });
    expect(cell.profile).toBe('readers');
    // Only the k6 scenario "readers": the writers' put-item requests are not in this profile's cell.
    expect(Object.keys(cell.summary!.byRequest)).toEqual(['get-item']);
    expect(cell.thresholds).toEqual([
      expect.objectContaining({ metric: 'http_req_duration{name:get-item}', ok: false }),
    ]);
    expect(results.verdict).toMatchObject({ exitCode: 3 });
  });
});
