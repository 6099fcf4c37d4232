import { afterEach, describe, expect, it } from 'vitest';
import { Executor, LatencyHistogram } from '../../model/index.ts';
import { startTestServer, type TestServer } from '../../test/helpers/test-server.ts';
import { planExecutor } from './plan/index.ts';
import { runEngine } from './run-engine.test-kit.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('open model', () => {
  it('starts every iteration of the plan: 500/s for 2 s is 1000 requests', async () => {
    server = await startTestServer();
    const executor = { executor: 'constant-arrival-rate', rate: 500, duration: '2s' };
    const plan = planExecutor(Executor.parse(executor));
    const { sink, result } = await runEngine({ baseUrl: server.url, executor });
    const totals = sink.totals();
    expect(plan.model === 'open' && plan.totalIterations).toBe(1000);
    expect(Math.abs(totals.requests - 1000)).toBeLessThanOrEqual(10);
    expect(totals.requests + totals.droppedIterations).toBe(1000);
    expect(server.requests).toBe(totals.requests);
    expect(result.model).toBe('open');
    expect(totals.serviceTime.count).toBe(totals.requests);
    // Intervals aligned to the run start, the last one partial: the run ends with its last response,
    // a moment after the last start at 1998 ms — just before 2 s, or just after.
    expect(sink.samples[0]!.durationMs).toBe(1000);
    expect(sink.samples[1]!.durationMs).toBeGreaterThanOrEqual(990);
    expect(sink.samples[1]!.durationMs).toBeLessThanOrEqual(1000);
    expect(sink.samples[1]!.ts - sink.samples[0]!.ts).toBe(1000);
  });

  it('shows a 1 s server stall in duration p99 (from the intended start) but not in serviceTime p99', async () => {
    server = await startTestServer();
    const s = server;
    // Two connections, as wrk2 runs a few: while both hang in the stall, the iterations due keep
    // starting on time and wait for a connection. Their wait is the target's fault and counts in
    // `duration`; their service time, once sent, is fast.
    const stall = setTimeout(() => s.stall(1000), 700);
    const { sink } = await runEngine({
      baseUrl: s.url,
      executor: { executor: 'constant-arrival-rate', rate: 200, duration: '2500ms' },
      maxConnections: 2,
    });
    clearTimeout(stall);
    const { duration, serviceTime, requests, droppedIterations } = sink.totals();
    expect(requests).toBe(500);
    expect(droppedIterations).toBe(0);
    expect(duration.percentile(99) / 1000).toBeGreaterThan(800);
    expect(serviceTime.percentile(99) / 1000).toBeLessThan(100);
    expect(serviceTime.max / 1000).toBeGreaterThan(800); // the two that were on the wire during the stall
  });

  it('drops iterations, never queues them, when maxVUs are all busy', async () => {
    server = await startTestServer({ delayMs: 100 });
    const { sink, result } = await runEngine({
      baseUrl: server.url,
      executor: {
        executor: 'constant-arrival-rate',
        rate: 200,
        duration: '1s',
        preAllocatedVUs: 1,
        maxVUs: 2,
      },
    });
    const totals = sink.totals();
    expect(totals.iterations + totals.droppedIterations).toBe(200);
    // Two VUs at 100 ms each finish about 20 iterations in a second.
    expect(totals.iterations).toBeGreaterThanOrEqual(16);
    expect(totals.iterations).toBeLessThanOrEqual(22);
    expect(server.maxInFlight).toBe(2);
    expect(Math.max(...sink.samples.map((x) => x.vusMax))).toBe(2);
    // The VUs were waiting for the slow target: the drops are blamed on it, not on the generator.
    expect(result.generatorNotes.join('\n')).not.toMatch(/dropped/);
    expect(result.vuPoolNotes.join('\n')).toMatch(
      /dropped because all 2 VUs \(maxVUs\) were busy waiting for the target/,
    );
  });

  it('follows a ramping arrival rate', async () => {
    server = await startTestServer();
    const executor = {
      executor: 'ramping-arrival-rate',
      startRate: 0,
      stages: [
        { duration: '1s', target: 200 },
        { duration: '500ms', target: 200 },
      ],
    };
    const plan = planExecutor(Executor.parse(executor));
    const { sink } = await runEngine({ baseUrl: server.url, executor, intervalMs: 500 });
    const counts = sink.samples.map((x) => x.byRequest.get?.count ?? 0);
    expect(plan.model === 'open' && plan.totalIterations).toBe(200);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(200);
    // Area under the ramp: 25 in the first half second, 75 in the second, 100 in the flat part.
    // Requests count where they end: an iteration the generator started late (its own measured
    // lag), or that took a few ms, may land after a boundary — at most the starts planned in that
    // stretch before it (100/s at 0.5 s, 200/s at 1 s), plus one.
    const lagMs = (i: number) => LatencyHistogram.decode(sink.samples[i]!.scheduleLag!).max / 1000;
    const slack = (i: number, ratePerS: number) => 1 + Math.ceil(((lagMs(i) + 5) * ratePerS) / 1000);
    expect(Math.abs(counts[0]! - 25)).toBeLessThanOrEqual(slack(0, 100));
    expect(Math.abs(counts[0]! + counts[1]! - 100)).toBeLessThanOrEqual(slack(1, 200));
  });
});
