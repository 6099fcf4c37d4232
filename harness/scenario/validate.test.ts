import { describe, expect, it, vi } from 'vitest';
import type { InputProblem, ScenarioInput } from '../../model/index.ts';
import { defineScenario } from '../../model/index.ts';
import { validateScenario } from './validate.ts';

const knownArchitectures = (name: string) =>
  ['monolith', 'replicated', 'sharded'].includes(name) ? [] : [`unknown architecture "${name}"`];

const base = defineScenario({
  name: 'base',
  targets: ['monolith'],
  workload: { mix: [{ name: 'read', path: '/items/{key}' }] },
  profiles: { smoke: { executor: 'constant-vus', vus: 1, duration: '5s' } },
});

/** Problems of `base` with `patch` applied (patch values may be deliberately wrong). */
function problems(patch: Record<string, unknown>): InputProblem[] {
  const result = validateScenario({ ...base, ...patch }, { knownArchitectures });
  return result.ok ? [] : result.problems;
}

describe('defineScenario', () => {
  it('returns its input unchanged', () => {
    const input: ScenarioInput = { ...base };
    expect(defineScenario(input)).toBe(input);
  });
});

describe('validateScenario: schema problems', () => {
  it('accepts a valid scenario and fills defaults', () => {
    const result = validateScenario(base, { knownArchitectures });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.config).toMatchObject({ trials: 1, http: { timeout: '10s' }, warmup: '0s' });
  });

  it('suggests the closest key for an unknown key', () => {
    expect(problems({ trails: 2 })).toEqual([
      { path: 'trails', message: 'unknown key "trails" — did you mean "trials"?' },
    ]);
  });

  it('lists the allowed keys when no key is close', () => {
    const [p] = problems({ dataset: { items: 10, zzzzzz: 1 } });
    expect(p).toEqual({
      path: 'dataset.zzzzzz',
      message: 'unknown key "zzzzzz" (allowed: items, valueSize)',
    });
  });

  it('does not also report a required key as missing when a misspelling of it is present', () => {
    expect(problems({ profiles: { smoke: { executor: 'constant-vus', duraton: '5s' } } })).toEqual([
      { path: 'profiles.smoke.duraton', message: 'unknown key "duraton" — did you mean "duration"?' },
    ]);
  });

  it('says what was expected and what was found', () => {
    expect(
      problems({
        workload: {
          mix: [
            { name: 'read', path: '/a' },
            { name: 'w', path: '/b', weight: 'fast' },
          ],
        },
      }),
    ).toEqual([{ path: 'workload.mix[1].weight', message: 'expected a number, got string "fast"' }]);
  });

  it('reports a missing required key', () => {
    expect(problems({ workload: { mix: [{ name: 'read' }] } })).toEqual([
      { path: 'workload.mix[0].path', message: 'required: expected a string' },
    ]);
  });

  it('lists the six executors for an unknown one', () => {
    const [p] = problems({
      profiles: { smoke: { executor: 'constant-arival-rate', rate: 1, duration: '1s' } },
    });
    expect(p!.path).toBe('profiles.smoke.executor');
    expect(p!.message).toBe(
      'unknown executor "constant-arival-rate" — did you mean "constant-arrival-rate"? Valid: constant-vus, ' +
        'ramping-vus, constant-arrival-rate, ramping-arrival-rate, shared-iterations, per-vu-iterations',
    );
  });

  it('explains durations', () => {
    expect(problems({ http: { timeout: 30 } })).toEqual([
      {
        path: 'http.timeout',
        message: 'expected a duration such as "500ms", "30s", "1m30s" or "2h", got number 30',
      },
    ]);
  });

  it('takes a warm-up as a duration or { duration, rate | vus }, not both', () => {
    expect(problems({ warmup: '10s' })).toEqual([]);
    expect(problems({ warmup: { duration: '10s', rate: 200 } })).toEqual([]);
    expect(problems({ warmup: 30 })).toEqual([
      { path: 'warmup', message: 'expected a string or {duration}, got number 30' },
    ]);
    expect(problems({ warmup: { duration: '10', vus: 2 } })).toEqual([
      {
        path: 'warmup.duration',
        message: 'expected a duration such as "500ms", "30s", "1m30s" or "2h", got string "10"',
      },
    ]);
    expect(problems({ warmup: { duration: '10s', rate: 100, vus: 2 } })).toEqual([
      { path: 'warmup.vus', message: 'give rate (open model) or vus (closed model), not both' },
    ]);
  });

  it('requires stages to be non-empty', () => {
    expect(problems({ profiles: { ramp: { executor: 'ramping-vus', stages: [] } } })).toEqual([
      { path: 'profiles.ramp.stages', message: 'expected at least one item, got an empty list' },
    ]);
  });

  it('names the target shapes when a target matches none', () => {
    const [p] = problems({ targets: [{ host: 'x' }] });
    expect(p!.path).toBe('targets[0]');
    expect(p!.message).toMatch(
      /^expected a string or \{arch\} or \{name, url\} or \{name, command.*\}, got \{host\}$/,
    );
  });

  it('follows the union branch the user meant', () => {
    expect(problems({ targets: [{ name: 'mine', url: 'http://127.0.0.1:8080', helth: '/h' }] })).toEqual([
      { path: 'targets[0].helth', message: 'unknown key "helth" — did you mean "health"?' },
    ]);
  });

  it('refuses traffic to other machines', () => {
    const [p] = problems({ targets: [{ name: 'x', url: 'http://example.com' }] });
    expect(p!.path).toBe('targets[0].url');
    expect(p!.message).toMatch(/only sends traffic to this machine/);
  });

  it('suggests enum values', () => {
    expect(problems({ workload: { mix: [{ name: 'read', path: '/a', method: 'GOT' }] } })).toEqual([
      {
        path: 'workload.mix[0].method',
        message:
          'expected one of "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", got string "GOT" — did you mean "GET"?',
      },
    ]);
  });
});

describe('validateScenario: semantic checks', () => {
  it('checks that maxVUs holds the pre-allocated VUs', () => {
    const profiles = {
      open: { executor: 'constant-arrival-rate', rate: 5, duration: '10s', preAllocatedVUs: 20, maxVUs: 10 },
    };
    expect(problems({ profiles })).toEqual([
      { path: 'profiles.open.maxVUs', message: 'maxVUs (10) must be at least preAllocatedVUs (20)' },
    ]);
  });

  it('checks key min <= max', () => {
    const mix = [{ name: 'read', path: '/a', key: { min: 50, max: 10 } }];
    expect(problems({ workload: { mix } })).toEqual([
      { path: 'workload.mix[0].key', message: 'min (50) must not be greater than max (10)' },
    ]);
  });

  it('requires unique request names', () => {
    const mix = [
      { name: 'read', path: '/a' },
      { name: 'read', path: '/b' },
    ];
    expect(problems({ workload: { mix } })).toEqual([
      {
        path: 'workload.mix[1].name',
        message: 'duplicate request name "read" (also workload.mix[0]); names must be unique',
      },
    ]);
  });

  it('requires unique target names, architectures included', () => {
    const targets = ['monolith', { arch: 'monolith' }, { arch: 'monolith', name: 'monolith-2' }];
    expect(problems({ targets })).toEqual([
      {
        path: 'targets[1]',
        message:
          'duplicate target name "monolith" (also targets[0]) (set "name" to run one architecture twice)',
      },
    ]);
  });

  it('takes a reference that names a target, and says which targets there are when it does not', () => {
    const targets = ['monolith', { arch: 'monolith', name: 'cached-ish' }];
    expect(problems({ targets, reference: 'cached-ish' })).toEqual([]);
    expect(problems({ targets, reference: 'monolit' })).toEqual([
      {
        path: 'reference',
        message: 'no target named "monolit" — did you mean "monolith"? Targets: monolith, cached-ish',
      },
    ]);
    // with every other problem, in one list
    expect(problems({ targets, reference: 'x', trails: 1 }).map((p) => p.path)).toEqual([
      'reference',
      'trails',
    ]);
  });

  it('places problems with relative paths inside the target', () => {
    const known = (name: string, params?: Record<string, unknown>) => [
      ...(name === 'monolith' ? [] : [{ path: 'arch', message: `unknown architecture "${name}"` }]),
      ...Object.keys(params ?? {}).map((k) => ({ path: `params.${k}`, message: 'unknown parameter' })),
    ];
    const result = validateScenario(
      {
        ...base,
        targets: ['shardd', { arch: 'shardd', name: 's2' }, { arch: 'monolith', params: { replica: 2 } }],
      },
      { knownArchitectures: known },
    );
    expect(result.ok ? [] : result.problems).toEqual([
      { path: 'targets[0]', message: 'unknown architecture "shardd"' },
      { path: 'targets[1].arch', message: 'unknown architecture "shardd"' },
      { path: 'targets[2].params.replica', message: 'unknown parameter' },
    ]);
  });

  it('asks knownArchitectures about built-in targets, with their params', () => {
    const known = vi.fn((name: string, params?: Record<string, unknown>) =>
      params?.replicas === 0 ? ['params.replicas: expected at least 1'] : knownArchitectures(name),
    );
    const result = validateScenario(
      { ...base, targets: ['monolith', { arch: 'shardd' }, { arch: 'replicated', params: { replicas: 0 } }] },
      { knownArchitectures: known },
    );
    expect(known).toHaveBeenCalledWith('replicated', { replicas: 0 });
    expect(result.ok ? [] : result.problems).toEqual([
      { path: 'targets[1]', message: 'unknown architecture "shardd"' },
      { path: 'targets[2]', message: 'params.replicas: expected at least 1' },
    ]);
  });

  it('checks thresholds against the registry and the mix', () => {
    const thresholds = {
      http_req_duraton: ['p(95)<200'],
      'http_req_duration{name:write}': ['p(95)<200'],
      http_req_failed: ['count<10'],
    };
    expect(problems({ thresholds })).toEqual([
      {
        path: 'thresholds.http_req_duraton',
        message: 'unknown metric "http_req_duraton" — did you mean "http_req_duration"?',
      },
      {
        path: 'thresholds["http_req_duration{name:write}"]',
        message: 'no request named "write" in workload.mix (names: read)',
      },
      {
        path: 'thresholds.http_req_failed[0]',
        message: '"count<10": count does not apply to http_req_failed (a rate); use rate',
      },
    ]);
  });

  // Required behaviour: schema and semantic problems in one list, semantic
  // checks running wherever their part parsed, in the order of the file.
  it('reports a misspelled key, a wrong type and a bad threshold together', () => {
    const result = validateScenario(
      {
        ...base,
        targets: ['monolith', 'monolith'],
        profiles: {
          smoke: { executor: 'constant-vus', vus: 1, duraton: '5s' },
          open: { executor: 'constant-arrival-rate', rate: 'fast', duration: '5s' },
        },
        thresholds: { http_req_duration: ['p(95)<200', 'p95<200'], http_reqs: [7] },
      },
      { knownArchitectures },
    );
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual([
      'targets[1]',
      'profiles.smoke.duraton',
      'profiles.open.rate',
      'thresholds.http_req_duration[1]',
      'thresholds.http_reqs[0]',
    ]);
  });

  it('reports problems of a file that is not an object', () => {
    expect(validateScenario([1, 2], {})).toEqual({
      ok: false,
      problems: [{ path: '', message: 'expected an object, got a list of 2' }],
    });
  });
});
