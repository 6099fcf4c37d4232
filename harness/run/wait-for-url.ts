/**
 * `harness load --wait 60s`: before the load, send its request once every
 * 250 ms until it answers 2xx or 3xx — the target is up *and* serves what the
 * load will ask (a service that listens before its data is seeded answers
 * 404 until then). No answer in time is a target that failed to start (exit 5).
 */
import { ExitCode, HarnessError } from '../../model/index.ts';

export interface WaitRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

export async function waitForUrl(
  req: WaitRequest,
  timeoutMs: number,
  signal: AbortSignal,
  log: (line: string) => void = () => {},
): Promise<void> {
  const started = Date.now();
  let last = 'no answer yet';
  let said = false;
  while (!signal.aborted) {
    try {
      const res = await fetch(req.url, {
        method: req.method,
        headers: {
          ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...req.headers,
        },
        ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
        signal: AbortSignal.any([signal, AbortSignal.timeout(2000)]),
        redirect: 'manual',
      });
      await res.arrayBuffer();
      if (res.status >= 200 && res.status < 400) {
        if (said)
          log(`${req.url} answers ${res.status} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return;
      }
      last = `HTTP ${res.status}`;
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause;
      last = cause?.code ?? (err as Error).message;
    }
    if (!said) {
      log(`waiting for ${req.url} to answer 2xx (up to ${Math.round(timeoutMs / 1000)} s): ${last}`);
      said = true;
    }
    if (Date.now() - started >= timeoutMs) {
      throw new HarnessError(
        'TARGET_NOT_READY',
        `${req.url} did not answer 2xx or 3xx within ${Math.round(timeoutMs / 1000)} s (last: ${last})`,
        {
          exitCode: ExitCode.targetFailed,
          hint: 'is the service running on that port? give --wait a longer time',
        },
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
