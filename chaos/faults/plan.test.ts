import { describe, expect, it } from 'vitest';
import type { Topology } from '../../model/index.ts';
import { type FaultInput, FaultSpec } from '../../model/index.ts';
import { edgesOf, planFaults, splitConditions } from './plan.ts';

const faults = (list: FaultInput[]) => list.map((f) => FaultSpec.parse(f));
const brief = (events: ReturnType<typeof planFaults>) => events.map((e) => `${e.at} ${e.action} ${e.label}`);

describe('planFaults', () => {
  it('orders applies and reverts in time; restart has no revert, kill reverts only with restartAfter', () => {
    const timeline = planFaults(
      faults([
        { kind: 'latency', at: '10s', duration: '20s', edge: 'app->postgres', latency: '50ms' },
        { kind: 'kill', at: '5s', target: 'app', restartAfter: '3s' },
        { kind: 'kill', at: '40s', target: 'app', instance: 1 },
        { kind: 'restart', at: '15s', target: 'postgres' },
        { kind: 'pause', at: '12s', target: 'redis' },
      ]),
    );
    expect(brief(timeline)).toEqual([
      '5000 apply kill app-0',
      '8000 revert kill app-0',
      '10000 apply latency app→postgres',
      '12000 apply pause redis-0',
      '15000 apply restart postgres-0',
      '30000 revert latency app→postgres',
      '40000 apply kill app-1',
    ]);
  });

  it('scales timeline durations (not magnitudes) and ends open faults at endAt', () => {
    const [latency] = faults([
      { kind: 'latency', at: '10s', duration: '20s', edge: 'a->b', latency: '50ms' },
    ]);
    const timeline = planFaults([latency!, ...faults([{ kind: 'pause', at: '1m', target: 'x' }])], {
      durationScale: 0.1,
      endAt: 9000,
    });
    expect(timeline.map((e) => [e.at, e.action, e.index])).toEqual([
      [1000, 'apply', 0],
      [3000, 'revert', 0],
      [6000, 'apply', 1],
      [9000, 'revert', 1],
    ]);
    expect(timeline[0]!.fault).toBe(latency);
  });

  it('at one instant, a fault ending goes before another starting', () => {
    const timeline = planFaults(
      faults([
        { kind: 'pause', at: '10s', duration: '5s', target: 'app', name: 'second' },
        { kind: 'pause', at: '5s', duration: '5s', target: 'app', name: 'first' },
      ]),
    );
    expect(brief(timeline)).toEqual([
      '5000 apply first',
      '10000 revert first',
      '10000 apply second',
      '15000 revert second',
    ]);
  });

  it('lists the edges that need proxies, a partition by target naming every edge into it', () => {
    const topology: Topology = {
      name: 't',
      description: '',
      entry: 'lb',
      components: [
        { name: 'lb', kind: 'haproxy', uses: ['app'] },
        { name: 'app', kind: 'service', uses: ['postgres', 'redis'] },
        { name: 'worker', kind: 'worker', uses: ['postgres'] },
        { name: 'postgres', kind: 'postgres' },
        { name: 'redis', kind: 'redis' },
      ],
    };
    const list = faults([
      { kind: 'latency', at: '1s', edge: 'lb->app', latency: '5ms' },
      { kind: 'partition', at: '1s', target: 'postgres' },
      { kind: 'kill', at: '1s', target: 'redis' },
    ]);
    expect(edgesOf(list, topology)).toEqual(['app->postgres', 'lb->app', 'worker->postgres']);
    // A toxic by target, too: a database far from every one of its clients.
    const far = faults([{ kind: 'latency', at: '0s', target: 'postgres', latency: '5ms' }]);
    expect(edgesOf(far, topology)).toEqual(['app->postgres', 'worker->postgres']);
  });
});

describe('splitConditions', () => {
  it('takes faults at 0 s that last to the end off the timeline: they are conditions of the cell', () => {
    const remote = { kind: 'latency' as const, at: '0s', target: 'postgres', latency: '5ms' };
    const later = { kind: 'latency' as const, at: '5s', target: 'postgres', latency: '5ms' };
    const bounded = {
      kind: 'latency' as const,
      at: '0s',
      duration: '5s',
      target: 'postgres',
      latency: '5ms',
    };
    const kill = { kind: 'kill' as const, at: '0s', target: 'app' };
    expect(splitConditions([remote, later, bounded, kill])).toEqual({
      conditions: [remote],
      timeline: [later, bounded, kill],
    });
  });
});
