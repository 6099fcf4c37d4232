import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Deployment } from '../../model/index.ts';
import { type FaultInput, FaultSpec } from '../../model/index.ts';
import { appliedFault } from '../injectors/applied-fault.ts';
import type { AppliedFault } from '../injectors/types.ts';
import { planFaults } from './plan.ts';
import { type FaultScheduleEvent, runFaultSchedule } from './scheduler.ts';

const deployment = { runId: 'fake' } as unknown as Deployment;
const timeline = (list: FaultInput[]) => planFaults(list.map((f) => FaultSpec.parse(f)));

/** A fake injector that logs `<t> apply|revert <label>` on the fake clock. */
function fakeInject(log: string[], opts: { failKind?: string; applyMs?: number } = {}) {
  return async (_d: Deployment, fault: FaultSpec): Promise<AppliedFault> => {
    const requestedAt = Date.now();
    if (opts.applyMs) await new Promise((r) => setTimeout(r, opts.applyMs));
    if (fault.kind === opts.failKind) throw new Error(`${fault.kind} refused`);
    log.push(`${Date.now()} apply ${fault.kind}`);
    const reversible =
      fault.kind !== 'restart' && !(fault.kind === 'kill' && fault.restartAfter === undefined);
    return appliedFault(
      fault,
      reversible ? { revert: async () => void log.push(`${Date.now()} revert ${fault.kind}`) } : null,
      { requestedAt, appliedAt: Date.now() },
    );
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('runFaultSchedule', () => {
  it('applies and reverts at their times relative to the load start, and records timestamps', async () => {
    const log: string[] = [];
    const events: FaultScheduleEvent[] = [];
    const schedule = runFaultSchedule(
      deployment,
      timeline([
        { kind: 'pause', at: '2s', duration: '3s', target: 'postgres' },
        { kind: 'latency', at: '1s', duration: '1s', edge: 'app->postgres', latency: '50ms' },
        { kind: 'restart', at: '4s', target: 'app' },
      ]),
      { startedAt: 0, inject: fakeInject(log), onEvent: (e) => events.push(e) },
    );
    await vi.advanceTimersByTimeAsync(10_000);
    await schedule.done;
    expect(log).toEqual([
      '1000 apply latency',
      '2000 revert latency',
      '2000 apply pause',
      '4000 apply restart',
      '5000 revert pause',
    ]);
    expect(events.map((e) => `${e.type} ${e.type === 'failed' ? '' : e.applied.kind}`)).toEqual([
      'applied latency',
      'reverted latency',
      'applied pause',
      'applied restart',
      'reverted pause',
    ]);
    expect(schedule.applied.map((a) => JSON.parse(JSON.stringify(a)))).toEqual([
      expect.objectContaining({ kind: 'latency', target: 'app→postgres', appliedAt: 1000, revertedAt: 2000 }),
      expect.objectContaining({ kind: 'pause', target: 'postgres-0', appliedAt: 2000, revertedAt: 5000 }),
      expect.not.objectContaining({ revertedAt: expect.anything() }),
    ]);
  });

  it('stop() cancels what has not run and reverts what is applied, newest first', async () => {
    const log: string[] = [];
    const schedule = runFaultSchedule(
      deployment,
      timeline([
        { kind: 'pause', at: '1s', target: 'postgres' },
        { kind: 'cpu-hog', at: '2s', target: 'app' },
        { kind: 'kill', at: '3s', target: 'app' },
        { kind: 'latency', at: '9s', edge: 'app->postgres', latency: '5ms' },
      ]),
      { startedAt: 0, inject: fakeInject(log) },
    );
    await vi.advanceTimersByTimeAsync(3500);
    await schedule.stop();
    await schedule.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(log).toEqual([
      '1000 apply pause',
      '2000 apply cpu-hog',
      '3000 apply kill',
      '3500 revert cpu-hog',
      '3500 revert pause',
    ]);
    await schedule.done;
  });

  it('an abort waits for an apply in flight, then reverts it too', async () => {
    const log: string[] = [];
    const abort = new AbortController();
    const schedule = runFaultSchedule(deployment, timeline([{ kind: 'pause', at: '1s', target: 'app' }]), {
      startedAt: 0,
      inject: fakeInject(log, { applyMs: 500 }),
      signal: abort.signal,
    });
    await vi.advanceTimersByTimeAsync(1200);
    abort.abort();
    await vi.advanceTimersByTimeAsync(1000);
    await schedule.done;
    expect(log).toEqual(['1500 apply pause', '1500 revert pause']);
  });

  it('a failed apply is reported and its revert skipped; other faults go on', async () => {
    const log: string[] = [];
    const events: FaultScheduleEvent[] = [];
    const schedule = runFaultSchedule(
      deployment,
      timeline([
        { kind: 'cpu-throttle', at: '1s', duration: '1s', target: 'app', cpus: 0.5 },
        { kind: 'pause', at: '1s', duration: '2s', target: 'postgres' },
      ]),
      { startedAt: 0, inject: fakeInject(log, { failKind: 'cpu-throttle' }), onEvent: (e) => events.push(e) },
    );
    await vi.advanceTimersByTimeAsync(5000);
    await schedule.done;
    expect(log).toEqual(['1000 apply pause', '3000 revert pause']);
    expect(schedule.failures.map((f) => `${f.event.action} ${f.error.message}`)).toEqual([
      'apply cpu-throttle refused',
    ]);
    expect(events[0]).toMatchObject({ type: 'failed', action: 'apply' });
  });
});
