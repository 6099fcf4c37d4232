/**
 * Run by leaves-nothing-open.test.ts in a child process: one aborted run and
 * one complete run against an in-process server, then nothing. The process
 * must exit by itself: any timer, socket or handle the engine left open would
 * keep it alive.
 */
import { startTestServer } from '../../test/helpers/test-server.ts';
import { runEngine } from './run-engine.test-kit.ts';

const server = await startTestServer({ delayMs: 5 });
const ac = new AbortController();
setTimeout(() => ac.abort(), 200);
const aborted = await runEngine({
  baseUrl: server.url,
  executor: { executor: 'constant-vus', vus: 3, duration: '5s' },
  workload: { thinkTime: '20ms', mix: [{ name: 'get', path: '/' }] },
  timeoutMs: 1000,
  signal: ac.signal,
});
const open = await runEngine({
  baseUrl: server.url,
  executor: { executor: 'constant-arrival-rate', rate: 100, duration: '300ms' },
});
await server.close();
process.stdout.write(
  `${JSON.stringify({ aborted: aborted.result.aborted, requests: open.sink.totals().requests })}\n`,
);
