import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunResults, SCHEMA_VERSION } from '../../model/index.ts';
import { readResults } from './read.ts';
import { ResultsStore } from './store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fresh(): RunResults {
  return {
    schemaVersion: SCHEMA_VERSION,
    runId: 'r1',
    status: 'running',
    startedAt: 1,
    scenario: { name: 's', file: 's.ts', hash: 'h', config: {} },
    options: { durationScale: 1, trials: 1, runtime: 'local' },
    environment: {} as RunResults['environment'],
    cells: [
      {
        id: 'a/p/1',
        target: 'a',
        targetKind: 'monolith',
        profile: 'p',
        trial: 1,
        executor: { executor: 'constant-vus', vus: 1, duration: '1s' },
        model: 'closed',
        status: 'pending',
        intervals: [],
      },
    ],
  };
}

describe('ResultsStore', () => {
  it('writes a readable snapshot at creation and on every cell change, atomically', () => {
    const out = mkdtempSync(join(tmpdir(), 'harness-store-'));
    dirs.push(out);
    const store = new ResultsStore(out, fresh());
    expect(readResults(join(out, 'r1')).cells[0]!.status).toBe('pending');
    store.updateCell('a/p/1', { status: 'running' });
    expect(readResults(join(out, 'r1', 'results.json')).cells[0]!.status).toBe('running');
    // No temp files left beside it.
    expect(readdirSync(join(out, 'r1'))).toEqual(['results.json']);
  });

  it('appends acknowledged writes to ledger.jsonl', () => {
    const out = mkdtempSync(join(tmpdir(), 'harness-store-'));
    dirs.push(out);
    const store = new ResultsStore(out, fresh());
    store.appendLedger('a/p/1', [{ request: 'put', id: 'items/1', version: 2, ackedAt: 5 }]);
    store.appendLedger('a/p/1', [{ request: 'put', id: 'items/2', version: 1, ackedAt: 6 }]);
    const lines = readFileSync(store.ledgerFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { request: 'put', id: 'items/1', version: 2, ackedAt: 5, cell: 'a/p/1' },
      { request: 'put', id: 'items/2', version: 1, ackedAt: 6, cell: 'a/p/1' },
    ]);
  });

  it('refuses a file that is not a results file, naming the problem', () => {
    const out = mkdtempSync(join(tmpdir(), 'harness-store-'));
    dirs.push(out);
    expect(() => readResults(join(out, 'nope'))).toThrow(/no such file/);
  });
});
