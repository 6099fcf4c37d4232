import { describe, expect, it } from 'vitest';
import { checkThresholds } from './check.ts';

const names = { requestNames: ['read', 'write'] };

describe('checkThresholds', () => {
  it('accepts valid thresholds of every metric type', () => {
    expect(
      checkThresholds(
        {
          http_req_duration: ['p(95)<200', 'avg<100', { threshold: 'p(99.9)<500', abortOnFail: true }],
          'http_req_duration{name:read}': ['med<50'],
          'http_req_service_time{name:"write"}': ['max<1000'],
          http_req_failed: ['rate<0.01'],
          'http_req_failed{name:write}': ['rate<0.05'],
          http_reqs: ['count>100', 'rate>10'],
          'http_reqs{status:500}': ['count==0'],
          'http_reqs{name:read,error:timeout}': ['count<5'],
          'http_reqs{expected_response:false}': ['rate<1'],
          vus: ['value<=10', 'max<20', 'min>0'],
          checks: ['rate>0.99'],
          data_received: ['count>0'],
        },
        names,
      ),
    ).toEqual([]);
  });

  it('rejects unknown metrics with a suggestion', () => {
    expect(checkThresholds({ http_req_duraton: ['p(95)<200'] })).toEqual([
      {
        path: 'thresholds.http_req_duraton',
        message: 'unknown metric "http_req_duraton" — did you mean "http_req_duration"?',
      },
    ]);
    expect(checkThresholds({ my_metric: ['count>0'] })[0]!.message).toMatch(
      /^unknown metric "my_metric"; metrics: http_reqs, /,
    );
  });

  it('rejects aggregations the metric type does not support (k6 rules)', () => {
    expect(
      checkThresholds({ http_req_duration: ['count<5'], http_req_failed: ['avg<1'], vus: ['p(95)<3'] }),
    ).toEqual([
      {
        path: 'thresholds.http_req_duration[0]',
        message:
          '"count<5": count does not apply to http_req_duration (a trend); use avg, min, max, med, p(N)',
      },
      {
        path: 'thresholds.http_req_failed[0]',
        message: '"avg<1": avg does not apply to http_req_failed (a rate); use rate',
      },
      {
        path: 'thresholds.vus[0]',
        message: '"p(95)<3": p(95) does not apply to vus (a gauge); use value, min, max',
      },
    ]);
  });

  it('rejects tag filters the interval data cannot honour', () => {
    const problems = checkThresholds({
      'http_req_duration{expected_response:true}': ['p(95)<200'],
      'iterations{name:read}': ['count>0'],
      'http_reqs{status:500,error:http_5xx}': ['count<1'],
    });
    expect(problems.map((p) => p.message)).toEqual([
      'http_req_duration cannot be filtered by "expected_response": samples keep it per name only (use http_reqs{expected_response:true} for counts)',
      'iterations cannot be filtered by "name": samples keep it per scenario only',
      'status and error cannot be combined: filter by one of them',
    ]);
  });

  it('checks tag values', () => {
    const problems = checkThresholds(
      {
        'http_reqs{status:ok}': ['count<1'],
        'http_reqs{error:boom}': ['count<1'],
        'http_reqs{expected_response:yes}': ['count<1'],
        'http_reqs{name:nope}': ['count<1'],
        'http_reqs{colour:red}': ['count<1'],
      },
      names,
    );
    expect(problems.map((p) => p.message)).toEqual([
      'status must be an HTTP status such as 200, got "ok"',
      expect.stringMatching(/^unknown error class "boom": expected one of timeout, refused, reset/),
      'expected_response must be true or false, got "yes"',
      'no request named "nope" in workload.mix (names: read, write)',
      'unknown tag "colour": tags are name, status, error, expected_response and scenario',
    ]);
  });

  it('rejects malformed keys', () => {
    expect(
      checkThresholds({
        'http_reqs{status}': ['count<1'],
        'http reqs': ['count<1'],
        'http_reqs{}': ['count<1'],
      }),
    ).toEqual([
      { path: 'thresholds["http_reqs{status}"]', message: 'expected tag:value in the filter, got "status"' },
      {
        path: 'thresholds["http reqs"]',
        message: 'expected "metric" or "metric{tag:value}", got "http reqs"',
      },
      {
        path: 'thresholds["http_reqs{}"]',
        message: 'empty tag filter in "http_reqs{}": remove "{}" or add tag:value',
      },
    ]);
  });

  it('reports expressions that do not parse, even under an unknown metric', () => {
    expect(checkThresholds({ nope: ['p95<1'] })).toEqual([
      { path: 'thresholds.nope', message: expect.stringMatching(/^unknown metric "nope"/) },
      { path: 'thresholds.nope[0]', message: '"p95<1": unknown aggregation "p95" — did you mean "p(95)"?' },
    ]);
  });

  it('skips entries the schema reports and inputs that are not objects', () => {
    expect(checkThresholds({ http_reqs: [5, { nope: 1 }] })).toEqual([]);
    expect(checkThresholds(['x'])).toEqual([]);
    expect(checkThresholds(undefined)).toEqual([]);
  });
});
