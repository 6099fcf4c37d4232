import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

it('leaves nothing open: a process that ran the engine exits by itself', async () => {
  const fixture = fileURLToPath(new URL('./leaves-nothing-open.fixture.ts', import.meta.url));
  // A leaked timer or socket keeps the child alive until the kill timeout fails the test.
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', fixture], {
    timeout: 10_000,
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
  });
  expect(JSON.parse(stdout)).toEqual({ aborted: true, requests: 30 });
});
