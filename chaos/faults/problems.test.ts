import { describe, expect, it } from 'vitest';
import type { Topology } from '../../model/index.ts';
import { type FaultInput, FaultSpec } from '../../model/index.ts';
import { faultProblems } from './problems.ts';

const topology: Topology = {
  name: 'replicated',
  description: '',
  entry: 'lb',
  components: [
    { name: 'lb', kind: 'haproxy', uses: ['app'] },
    { name: 'app', kind: 'service', replicas: 3, uses: ['postgres'] },
    { name: 'postgres', kind: 'postgres' },
    { name: 'billing', kind: 'external', url: 'http://127.0.0.1:9000' },
  ],
};
const check = (list: FaultInput[], opts?: Parameters<typeof faultProblems>[2]) =>
  faultProblems(
    list.map((f) => FaultSpec.parse(f)),
    topology,
    opts,
  );

describe('faultProblems', () => {
  it('passes a schedule that fits the topology', () => {
    expect(
      check([
        { kind: 'kill', at: '5s', target: 'app', instance: 2, restartAfter: '5s' },
        { kind: 'latency', at: '1s', edge: 'app->postgres', latency: '20ms' },
        { kind: 'partition', at: '20s', target: 'postgres' },
        { kind: 'latency', at: '30s', target: 'postgres', latency: '5ms' },
        { kind: 'cpu-throttle', at: '1s', duration: '5s', target: 'app', instance: 'all', cpus: 0.5 },
        { kind: 'cpu-throttle', at: '6s', target: 'app', cpus: 0.5 },
      ]),
    ).toEqual([]);
  });

  it('reports every problem with its path', () => {
    expect(
      check(
        [
          { kind: 'kill', at: '1s', target: 'ap' },
          { kind: 'pause', at: '1s', target: 'app', instance: 3 },
          { kind: 'latency', at: '1s', edge: 'postgres->app', latency: '5ms' },
          { kind: 'drop', at: '1s', edge: 'lb->app', probability: 0.1 },
          { kind: 'kill', at: '1s', target: 'billing' },
          { kind: 'partition', at: '1s', target: 'lb' },
          { kind: 'down', at: '1s', edge: 'lb->app', instance: 5 },
          { kind: 'latency', at: '1s', target: 'lb', latency: '5ms' },
        ],
        { edgeProxies: ['app->postgres'] },
      ),
    ).toEqual([
      { path: 'faults[0].target', message: 'no component "ap"; components: lb, app, postgres, billing' },
      { path: 'faults[1].instance', message: '"app" has 3 instance(s): 0..2' },
      { path: 'faults[2].edge', message: '"postgres" does not use "app"; its edges: (none)' },
      {
        path: 'faults[3].edge',
        message: 'a drop fault needs a proxy on lb->app, but edge proxies are off for it',
      },
      {
        path: 'faults[4].target',
        message: '"billing" is an external service: harness has no process to kill',
      },
      { path: 'faults[5].target', message: 'no component uses "lb": there is no edge to cut' },
      { path: 'faults[6].instance', message: '"app" has 3 instance(s): 0..2' },
      {
        path: 'faults[6].edge',
        message: 'a down fault needs a proxy on lb->app, but edge proxies are off for it',
      },
      { path: 'faults[7].target', message: 'no component uses "lb": there is no edge to cut' },
    ]);
  });

  it('reports faults that would fight over one instance', () => {
    const problems = check(
      [
        { kind: 'pause', at: '1s', duration: '10s', target: 'app', instance: 1 },
        { kind: 'kill', at: '5s', target: 'app', instance: 'all', restartAfter: '1s' },
        { kind: 'memory-limit', at: '1s', target: 'app', mb: 100 },
        { kind: 'memory-limit', at: '1m', target: 'app', mb: 50 },
        { kind: 'pause', at: '11s', target: 'app', instance: 1 },
      ],
      { path: 'schedules.chaos.faults' },
    );
    expect(problems.map((p) => p.path)).toEqual(['schedules.chaos.faults[1]', 'schedules.chaos.faults[3]']);
    expect(problems[0]!.message).toMatch(/overlaps faults\[0\] \(pause\)/);
  });
});
