/** Reads a stored results file, with a clear error when it is not one. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError, READABLE_SCHEMA_VERSIONS, type RunResults } from '../../model/index.ts';

/** Accepts a run directory or the results.json inside it. */
export function readResults(path: string): RunResults {
  let file = path;
  try {
    if (statSync(path).isDirectory()) file = join(path, 'results.json');
  } catch {
    throw new InvalidInputError(
      path,
      [{ path: '', message: 'no such file or directory' }],
      'pass a run directory such as results/<run-id>',
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InvalidInputError(file, [
      { path: '', message: `not readable JSON: ${(err as Error).message}` },
    ]);
  }
  const problems = [];
  const obj = data as Partial<RunResults> | null;
  if (typeof obj !== 'object' || obj === null) problems.push({ path: '', message: 'expected a JSON object' });
  else {
    // Older versions are subsets of the current one: read as they are.
    if (!READABLE_SCHEMA_VERSIONS.includes(obj.schemaVersion as number))
      problems.push({
        path: 'schemaVersion',
        message: `expected one of ${READABLE_SCHEMA_VERSIONS.join(', ')}, got ${JSON.stringify(obj.schemaVersion)}`,
      });
    if (!Array.isArray(obj.cells)) problems.push({ path: 'cells', message: 'expected an array of cells' });
    if (typeof obj.runId !== 'string') problems.push({ path: 'runId', message: 'expected a string' });
  }
  if (problems.length > 0)
    throw new InvalidInputError(
      file,
      problems,
      'this is not a harness results file (results/<run-id>/results.json)',
    );
  return obj as RunResults;
}
