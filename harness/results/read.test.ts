import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../model/index.ts';
import { readResults } from './read.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function write(data: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'harness-read-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'results.json'), JSON.stringify(data));
  return dir;
}

const cell = {
  id: 'a/p/1',
  target: 'a',
  targetKind: 'monolith',
  profile: 'p',
  trial: 1,
  executor: { executor: 'constant-vus', vus: 1, duration: '1s' },
  model: 'closed',
  status: 'completed',
  intervals: [],
};

describe('readResults across schema versions', () => {
  it('writes schema 2 and still reads schema-1 files (a schema-1 file is a valid schema-2 file)', () => {
    expect(SCHEMA_VERSION).toBe(2);
    const old = readResults(write({ schemaVersion: 1, runId: 'r1', cells: [cell] }));
    expect(old.schemaVersion).toBe(1);
    expect(old.cells[0]!.executor).toEqual(cell.executor);
    const mixed = {
      ...cell,
      executor: { executor: 'scenarios', scenarios: { a: cell.executor } },
      model: 'mixed',
    };
    expect(readResults(write({ schemaVersion: 2, runId: 'r2', cells: [mixed] })).cells[0]!.model).toBe(
      'mixed',
    );
  });

  it('refuses a version it does not know', () => {
    expect(() => readResults(write({ schemaVersion: 3, runId: 'r3', cells: [] }))).toThrow(
      /schemaVersion: expected one of 1, 2, got 3/,
    );
  });
});
