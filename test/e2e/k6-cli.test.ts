/**
 * harness and k6 through the CLI binary: the exported quickstart script
 * type-checks against @types/k6 (always); where a k6 binary is present, k6
 * runs it, `--engine k6` runs the quickstart on real servers into a results
 * dir that `report` and `compare` read, and two execution segments import
 * into one run. Without k6, `--engine k6` exits 5 and starts nothing.
 * Tests that need k6 are skipped, saying so, where there is none (CI).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateK6 } from '../../harness/k6/index.ts';
import type { RunResults } from '../../model/index.ts';
import { REPO, runCli, startCli, waitForOutput } from '../helpers/cli.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

const run = promisify(execFile);
const k6 = await locateK6();
if (!k6)
  console.warn(
    'SKIPPED the k6 binary tests of test/e2e/k6-cli.test.ts: no k6 (set K6_BIN or put k6 on PATH)',
  );

let dir: string;
let server: TestServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'harness-e2e-k6-'));
  server = await startTestServer({
    delayMs: 1,
    body: (n, req) =>
      req.method === 'PUT' ? JSON.stringify({ id: req.url!.split('/').pop(), version: n }) : '{}',
  });
});
afterAll(async () => {
  await server.close();
  await runCli(['clean']);
  rmSync(dir, { recursive: true, force: true });
});

describe('harness export k6', () => {
  it('writes the quickstart as a k6 script that type-checks against @types/k6', async () => {
    const out = join(dir, 'k6');
    const res = await runCli([
      'export',
      'k6',
      'scenarios/quickstart.ts',
      '--out',
      out,
      '--duration-scale',
      '0.1',
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(`wrote ${join(out, 'quickstart.ts')}`);
    expect(res.stdout).toContain(`wrote ${join(out, 'quickstart.js')}`);
    writeFileSync(
      join(out, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2020',
          lib: ['ES2020'],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          types: ['k6'],
          typeRoots: [join(REPO, 'node_modules', '@types')],
        },
        files: ['quickstart.ts'],
      }),
    );
    const tsc = await run(process.execPath, [
      join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      out,
    ]).then(
      () => '',
      (err: { stdout?: string }) => err.stdout ?? String(err),
    );
    expect(tsc).toBe('');
    // And it does fail on a type error: the check is real.
    const source = readFileSync(join(out, 'quickstart.ts'), 'utf8');
    writeFileSync(
      join(out, 'quickstart.ts'),
      source.replace("executor: 'constant-arrival-rate'", "executor: 'constant-arrival-rat'"),
    );
    const broken = await run(process.execPath, [
      join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      out,
    ]).then(
      () => '',
      (err: { stdout?: string }) => err.stdout ?? '',
    );
    expect(broken).toMatch(/quickstart\.ts\(\d+,\d+\): error TS/);
  });

  it('a scripted flow is bundled into the JS; a bad flag is invalid input', async () => {
    const res = await runCli(['export', 'k6', 'scenarios/read-your-writes.ts', '--out', join(dir, 'flow')]);
    expect(res.code, res.stderr).toBe(0);
    const js = readFileSync(join(dir, 'flow', 'read-your-writes.js'), 'utf8');
    expect(js).toContain('sees its write');
    expect(js).not.toMatch(/from ["']\.\.?\//);
    const bad = await runCli([
      'export',
      'k6',
      'scenarios/quickstart.ts',
      '--profiles',
      'nope',
      '--out',
      join(dir, 'x'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--profiles: no profile "nope"');
    expect(existsSync(join(dir, 'x', 'quickstart.js'))).toBe(false);
  });

  it.skipIf(!k6)(
    'k6 runs the exported script: the mix and its zipfian keys reach the server (needs k6)',
    async () => {
      server.resetCounters();
      await run(k6!, [
        'run',
        '-q',
        '--no-summary',
        '-e',
        `BASE_URL=${server.url}`,
        join(dir, 'k6', 'quickstart.js'),
      ]).catch((err: { code?: number }) => {
        // 99: a threshold failed on a slow machine; the requests are what this test is about.
        if (err.code !== 99) throw err;
      });
      const paths = server.paths;
      expect(paths.length).toBeGreaterThanOrEqual(780);
      expect(paths.every((p) => /^\/items\/\d+$/.test(p))).toBe(true);
      const keys = paths.map((p) => Number(p.split('/')[2]));
      expect(Math.max(...keys)).toBeLessThanOrEqual(20_000);
      // Zipfian: key 1 is the most popular by far.
      expect(keys.filter((k) => k === 1).length / keys.length).toBeGreaterThan(0.05);
    },
  );
});

describe('harness export k6-operator', () => {
  it('writes a TestRun and its ConfigMap; a bad parallelism is invalid input', async () => {
    const out = join(dir, 'op');
    const res = await runCli([
      'export',
      'k6-operator',
      'scenarios/quickstart.ts',
      '--parallelism',
      '4',
      '--base-url',
      'http://api.default.svc:8080',
      '--out',
      out,
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['configmap.yaml', 'testrun.yaml']);
    expect(readFileSync(join(out, 'testrun.yaml'), 'utf8')).toContain('parallelism: 4');
    const bad = await runCli([
      'export',
      'k6-operator',
      'scenarios/quickstart.ts',
      '--parallelism',
      '0',
      '--base-url',
      'http://a:1',
    ]);
    expect(bad.code).toBe(2);
  });
});

describe('harness run --engine k6', () => {
  it('without k6: exit 5 with a hint, nothing started, nothing written', async () => {
    const out = join(dir, 'no-k6');
    const res = await runCli(['run', 'scenarios/quickstart.ts', '--engine', 'k6', '--out', out], {
      env: { K6_BIN: '/nonexistent/k6' },
    });
    expect(res.code, res.stderr).toBe(5);
    expect(res.stderr).toContain('error: k6 (K6_BIN=/nonexistent/k6) is not installed');
    expect(res.stderr).toMatch(/hint: install k6 .* K6_BIN/);
    expect(existsSync(out)).toBe(false);
  });

  it.skipIf(!k6)(
    'runs the quickstart on real servers; report and compare read the results (needs k6)',
    async () => {
      const out = join(dir, 'runs');
      const args = [
        'run',
        'scenarios/quickstart.ts',
        '--targets',
        'monolith',
        '--duration-scale',
        '0.25',
        '--out',
        out,
        '-q',
      ];
      const viaK6 = await runCli([
        ...args,
        '--engine',
        'k6',
        '--summary-export',
        join(dir, 'k6-summary.json'),
      ]);
      expect([0, 3], viaK6.stderr).toContain(viaK6.code);
      const runId = /run (\S+): \d+ cell/.exec(viaK6.stderr)![1]!;
      const results = JSON.parse(readFileSync(join(out, runId, 'results.json'), 'utf8')) as RunResults;
      expect(results.environment.engine).toMatch(/^k6 v\d+\.\d+\.\d+/);
      const cell = results.cells[0]!;
      expect(cell.status).toBe('completed');
      expect(cell.summary!.requests).toBeGreaterThan(500);
      expect(Object.keys(cell.summary!.byRequest).sort()).toEqual(['get-item', 'put-item']);
      // The integrity check read back what k6's writes acknowledged.
      expect(cell.integrity!.checked).toBeGreaterThan(20);
      expect(cell.integrity!.lost).toBe(0);
      expect(
        JSON.parse(readFileSync(join(dir, 'k6-summary.json'), 'utf8')).metrics.http_req_waiting.type,
      ).toBe('trend');

      const report = await runCli(['report', join(out, runId)]);
      expect(report.code, report.stderr).toBe(0);
      expect(readFileSync(join(out, runId, 'report.html'), 'utf8')).toContain('k6 v');

      const builtIn = await runCli(args);
      const baseId = /run (\S+): \d+ cell/.exec(builtIn.stderr)![1]!;
      const compare = await runCli(['compare', join(out, baseId), join(out, runId)]);
      expect(compare.code, compare.stderr).toBe(0);
      expect(compare.stdout).toMatch(/different runtime or engine: local\/http vs local\/k6 v/);
      expect(compare.stdout).toMatch(/\| monolith \| req\/s \|/);
    },
  );
});

describe('harness run --engine k6 stops k6', () => {
  /** Live k6 processes a harness process started (k6's run id is `k6-<harness pid>-<n>`). */
  const k6Of = (harnessPid: number) =>
    readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/environ`, 'utf8').includes(`HARNESS_RUN_ID=k6-${harnessPid}-`);
        } catch {
          return false;
        }
      });
  const args = [
    'run',
    'scenarios/quickstart.ts',
    '--targets',
    'monolith',
    '--engine',
    'k6',
    '--duration-scale',
    '3',
  ];

  it.skipIf(!k6)(
    'on SIGTERM: exit 130, a partial result, no k6 process and no k6 temp dir left (needs k6)',
    async () => {
      const { child, done } = startCli([...args, '--out', join(dir, 'sigterm')]);
      await waitForOutput(child, (t) => /req\/s/.test(t) && /\d{2,} req\/s/.test(t), 120_000);
      expect(k6Of(child.pid!)).toHaveLength(1);
      const killedAt = performance.now();
      child.kill('SIGTERM');
      const res = await done;
      expect(res.code, res.stderr).toBe(130);
      // k6 stops on SIGINT between short iterations: harness exits well within its own 15 s force limit.
      expect(performance.now() - killedAt).toBeLessThan(10_000);
      expect(k6Of(child.pid!)).toEqual([]);
      expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`harness-k6-${child.pid}-`))).toEqual([]);
    },
  );

  it.skipIf(!k6)('after a kill -9 of harness, harness clean stops its k6 (needs k6)', async () => {
    const { child, done } = startCli([...args, '--out', join(dir, 'sigkill')]);
    await waitForOutput(child, (t) => /\d{2,} req\/s/.test(t), 120_000);
    const pid = child.pid!;
    child.kill('SIGKILL');
    await done;
    expect(k6Of(pid)).toHaveLength(1);
    const clean = await runCli(['clean']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(k6Of(pid)).toEqual([]);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`harness-k6-${pid}-`))).toEqual([]);
  });
});

describe('harness import k6', () => {
  it.skipIf(!k6)(
    'merges two execution segments of one k6 run into one results dir report reads (needs k6)',
    async () => {
      server.resetCounters();
      const script = join(dir, 'k6', 'quickstart.js');
      const segment = (seg: string, file: string) =>
        run(k6!, [
          'run',
          '-q',
          '--no-summary',
          '--no-thresholds',
          '--execution-segment',
          seg,
          '--execution-segment-sequence',
          '0,1/2,1',
          '-e',
          `BASE_URL=${server.url}`,
          '--address',
          '127.0.0.1:0',
          '--out',
          `json=${file}`,
          script,
        ]);
      const a = join(dir, 'seg-1.json.gz');
      const b = join(dir, 'seg-2.json');
      await Promise.all([segment('0:1/2', a), segment('1/2:1', b)]);
      const res = await runCli([
        'import',
        'k6',
        a,
        b,
        '--scenario',
        'scenarios/quickstart.ts',
        '--out',
        join(dir, 'imported'),
      ]);
      expect(res.code, res.stderr).toBe(0);
      const runDir = /→ (\S+)/.exec(res.stdout)![1]!;
      const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8')) as RunResults;
      expect(results.cells[0]!.summary!.requests).toBe(server.requests);
      expect(results.cells[0]!.thresholds!.map((t) => t.metric)).toEqual([
        'http_req_duration',
        'http_req_failed',
      ]);
      const report = await runCli(['report', runDir]);
      expect(report.code, report.stderr).toBe(0);
    },
  );
});
