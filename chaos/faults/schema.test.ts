import { describe, expect, it } from 'vitest';
import { FaultSpec } from '../../model/index.ts';
import { faultLabel, faultTarget, parseEdge } from './label.ts';

const parse = (input: unknown) => FaultSpec.safeParse(input);
const issues = (input: unknown) =>
  (parse(input).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('FaultSpec', () => {
  it('accepts each family with its selector', () => {
    const ok = [
      { kind: 'kill', at: '10s', target: 'app', restartAfter: '5s' },
      { kind: 'pause', at: '1s', duration: '3s', target: 'postgres', instance: 'all' },
      {
        kind: 'latency',
        at: '0',
        edge: 'app->postgres',
        latency: '50ms',
        jitter: '5ms',
        direction: 'upstream',
      },
      { kind: 'partition', at: '2s', target: 'postgres' },
      { kind: 'partition', at: '2s', edge: 'app->postgres', existing: 'close' },
      { kind: 'memory-limit', at: '2s', target: 'app', mb: 64 },
      { kind: 'cpu-throttle', at: '2s', duration: '5s', target: 'app', cpus: 0.5 },
      { kind: 'cpu-hog', at: '2s', target: 'app', workers: 2 },
    ];
    for (const f of ok) expect(issues(f)).toEqual([]);
  });

  it('reports unknown keys, bad edges, missing params and either-or selectors with their paths', () => {
    expect(issues({ kind: 'latency', at: '1s', edge: 'app-postgres', latncy: '5ms' })).toEqual(
      expect.arrayContaining([
        'edge: expected an edge such as "app->postgres"',
        expect.stringMatching(/^latency: /),
        expect.stringMatching(/latncy/),
      ]),
    );
    expect(issues({ kind: 'partition', at: '1s' })).toEqual([
      'edge: give one of "edge", "target" or "region"',
    ]);
    expect(
      issues({ kind: 'latency', at: '1s', edge: 'app->postgres', target: 'postgres', latency: '5ms' }),
    ).toEqual(['edge: give one of "edge", "target" or "region"']);
    expect(issues({ kind: 'memory-limit', at: '1s', target: 'app', bytes: 1, mb: 1 })).toEqual([
      'bytes: give either "bytes" or "mb"',
    ]);
    expect(issues({ kind: 'pause', at: '1s', target: 'app', duration: '0s' })).toEqual([
      'duration: must be longer than 0',
    ]);
    expect(issues({ kind: 'kill', at: '1s', target: 'app', duration: '5s' })).toEqual([
      expect.stringMatching(/duration/),
    ]);
    expect(parse({ kind: 'melt', at: '1s' }).success).toBe(false);
  });

  it('names faults for logs and reports', () => {
    expect(parseEdge('lb->app')).toEqual({ from: 'lb', to: 'app' });
    const f = (x: unknown) => FaultSpec.parse(x);
    expect(faultTarget(f({ kind: 'kill', at: '1s', target: 'app' }))).toBe('app-0');
    expect(faultTarget(f({ kind: 'kill', at: '1s', target: 'app', instance: 'all' }))).toBe('app-*');
    expect(faultTarget(f({ kind: 'drop', at: '1s', edge: 'app->postgres', probability: 0.1 }))).toBe(
      'app→postgres',
    );
    expect(faultTarget(f({ kind: 'down', at: '1s', edge: 'lb->app', instance: 1 }))).toBe('lb→app-1');
    expect(faultTarget(f({ kind: 'partition', at: '1s', target: 'postgres' }))).toBe('*→postgres');
    expect(faultLabel(f({ kind: 'pause', at: '1s', target: 'postgres' }))).toBe('pause postgres-0');
    expect(faultLabel(f({ kind: 'pause', at: '1s', target: 'postgres', name: 'db-freeze' }))).toBe(
      'db-freeze',
    );
  });
});
