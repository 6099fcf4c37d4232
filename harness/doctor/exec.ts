/**
 * Runs a program with arguments (never a shell string) and a timeout, and
 * returns what it printed whatever its exit code: `wrk --version` exits 1 and
 * `nginx -v` prints to stderr.
 */
import { execFile } from 'node:child_process';

export interface ExecOutcome {
  /** Exit code 0. */
  ok: boolean;
  /** Exit code, or null when the program could not start or was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not start (ENOENT, EACCES) or timed out. */
  failure?: string;
}

export function run(file: string, args: readonly string[], timeoutMs = 5_000): Promise<ExecOutcome> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 1024 * 1024,
        encoding: 'utf8',
        windowsHide: true,
      },
      (err, stdout, stderr) => {
        if (err === null) {
          resolve({ ok: true, code: 0, stdout, stderr });
          return;
        }
        const e = err as NodeJS.ErrnoException & { code?: string | number; killed?: boolean };
        const code = typeof e.code === 'number' ? e.code : null;
        const failure = e.killed
          ? `timed out after ${timeoutMs} ms`
          : typeof e.code === 'string'
            ? `${e.code}: ${e.message}`
            : undefined;
        resolve({ ok: false, code, stdout, stderr, ...(failure ? { failure } : {}) });
      },
    );
  });
}
