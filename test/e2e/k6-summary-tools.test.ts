/**
 * `harness load --summary-export` read by real k6 tools from npm (dev
 * dependencies, nothing installed at run time): k6-junit and
 * k6-html-reporter must see the metrics and exactly the one threshold that
 * failed. And the export's places: `-` is stdout, `/dev/stdout` stays what it is.
 */
import { lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const require = createRequire(import.meta.url);
const { jUnit } = require('k6-junit') as { jUnit: (data: unknown) => string };
const { generateSummaryReport } = require('k6-html-reporter') as {
  generateSummaryReport: (o: { jsonFile: string; output: string }) => void;
};

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startTestServer({ delayMs: 1 });
  dir = mkdtempSync(join(tmpdir(), 'harness-k6-tools-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

// One threshold that cannot pass (p95 under 1 µs) and two that do.
const thresholds = [
  '--threshold',
  'http_req_duration:p(95)<0.001',
  '--threshold',
  'http_req_failed:rate<0.01',
  '--threshold',
  'http_reqs{status:200}:count>10',
];

describe('the k6 summary of harness load, read by k6 tools', () => {
  let file: string;
  let summary: { metrics: Record<string, { type: string; values: Record<string, number> }> };

  beforeAll(async () => {
    file = join(dir, 'summary.json');
    const res = await runCli([
      'load',
      `${server.url}/items/1`,
      '-u',
      '2',
      '-d',
      '2',
      '-q',
      ...thresholds,
      '--summary-export',
      file,
    ]);
    expect(res.code, res.stderr).toBe(3);
    summary = JSON.parse(readFileSync(file, 'utf8'));
  });

  it('k6-junit: three threshold test cases, one failure', () => {
    const xml = jUnit(summary);
    const suite = /<testsuite id="\d+" name="Thresholds" tests="(\d+)" failures="(\d+)">/.exec(xml);
    expect(suite?.slice(1), xml).toEqual(['3', '1']);
    const failed = [...xml.matchAll(/<testcase name="([^"]+)" classname="Thresholds" >\s*<failure/g)].map(
      (m) => m[1],
    );
    expect(failed).toEqual(['http_req_duration: p(95)&lt;0.001']);
    expect(xml).toContain('<testcase name="http_reqs{status:200}: count&gt;10" classname="Thresholds" />');
    expect(xml).toContain('<testsuites tests="3" failures="1">');
  });

  it('k6-html-reporter: the metrics in their tables and one threshold not met', () => {
    const out = join(dir, 'html');
    generateSummaryReport({ jsonFile: file, output: out });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('1 threshold was not met');
    expect(html).toMatch(/passes: 2\s*</);
    expect(html).toMatch(/fails: 1\s*</);
    for (const metric of [
      'http_req_duration',
      'iteration_duration',
      'http_reqs',
      'http_req_failed',
      'vus',
      'data_received',
    ])
      expect(html, metric).toContain(`>${metric}<`);
    // Real figures, not placeholders: the request count it shows is the one harness measured.
    expect(html).toContain(`>${summary.metrics.http_reqs!.values.count}<`);
    expect(summary.metrics.http_reqs!.values.count).toBeGreaterThan(10);
  });
});

describe('where the summary export goes', () => {
  it('- puts the JSON on stdout and the human summary on stderr', async () => {
    const res = await runCli([
      'load',
      `${server.url}/x`,
      '--vus',
      '1',
      '-d',
      '1s',
      '-q',
      '--summary-export',
      '-',
    ]);
    expect(res.code, res.stderr).toBe(0);
    const data = JSON.parse(res.stdout);
    expect(data.metrics.http_reqs.type).toBe('counter');
    expect(res.stderr).toContain('http_reqs..................:');
  });

  it('/dev/stdout is written through, never replaced by a file', async () => {
    const before = lstatSync('/dev/stdout').isSymbolicLink();
    const res = await runCli([
      'load',
      `${server.url}/x`,
      '--vus',
      '1',
      '-d',
      '1',
      '-q',
      '--summary-export',
      '/dev/stdout',
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).metrics.http_reqs.values.count).toBeGreaterThan(0);
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(before);
  });

  it('--summary-layout legacy writes what k6 --summary-export writes: a failed threshold is true', async () => {
    const legacy = join(dir, 'legacy.json');
    const res = await runCli([
      'load',
      `${server.url}/x`,
      '--vus',
      '1',
      '-d',
      '1',
      '-q',
      '--threshold',
      'http_req_duration:p(95)<0.001',
      '--summary-export',
      legacy,
      '--summary-layout',
      'legacy',
    ]);
    expect(res.code, res.stderr).toBe(3);
    const data = JSON.parse(readFileSync(legacy, 'utf8'));
    expect(data.metrics.http_req_duration.thresholds).toEqual({ 'p(95)<0.001': true });
    expect(data.metrics.http_reqs.count).toBeGreaterThan(0);
  });

  it('harness run --summary-export - : the run as a k6 summary on stdout, read by k6-junit; the rest on stderr', async () => {
    const res = await runCli([
      'run',
      'test/e2e/fixtures/own-service.ts',
      '--out',
      dir,
      '--quiet',
      '--summary-export',
      '-',
    ]);
    expect(res.code, res.stderr).toBe(3);
    const data = JSON.parse(res.stdout);
    expect(data.metrics.http_req_duration.thresholds).toEqual({ 'p(95)<0.001': { ok: false } });
    expect(data.metrics.http_req_failed.thresholds).toEqual({ 'rate<0.01': { ok: true } });
    expect(data.metrics.iterations.values.count).toBeGreaterThan(100);
    expect(jUnit(data)).toContain('<testsuites tests="2" failures="1">');
    expect(res.stderr).toMatch(/wrote .*results\.json/);
  });
});
