/**
 * `--prometheus`, `--prometheus-server` and `harness dashboards export`
 * through the CLI binary: a bad port is invalid input (exit 2, nothing
 * started); the Prometheus a run started is gone after SIGTERM, and after a
 * SIGKILL of harness `harness clean` removes it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, waitForOutput } from '../helpers/cli.ts';
import { portOpen, processesOfRun } from '../helpers/processes.ts';

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'harness-e2e-prom-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** `promtool check metrics` on an exposition (stdin): '' when it passes, else what it said. */
function promtoolCheckMetrics(text: string): Promise<string> {
  return new Promise((resolve) => {
    const child = execFile('promtool', ['check', 'metrics'], (err, stdout, stderr) =>
      resolve(err ? `exit ${err.code}: ${stdout}${stderr}` : `${stdout}${stderr}`.trim()),
    );
    child.stdin!.end(text);
  });
}

const runIdFrom = (text: string) => /run (\S+): \d+ cell/.exec(text)?.[1];
const serverFrom = (text: string) => /prometheus: server at (http:\/\/127\.0\.0\.1:(\d+))/.exec(text);
const runArgs = ['run', 'scenarios/quickstart.ts', '--targets', 'monolith', '--duration-scale', '3', '--out'];

describe('harness run --prometheus-server', () => {
  it('rejects a bad port as invalid input, naming the flag, and starts nothing', async () => {
    for (const flag of ['--prometheus', '--prometheus-server']) {
      const res = await runCli(['run', 'scenarios/quickstart.ts', '--out', out, flag, '70000']);
      expect(res.code, res.stderr).toBe(2);
      expect(res.stderr).toContain(flag);
      expect(res.stderr).toMatch(/port number 0\.\.65535/);
    }
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = String((blocker.address() as AddressInfo).port);
    try {
      for (const flag of ['--prometheus', '--prometheus-server']) {
        const res = await runCli(['run', 'scenarios/quickstart.ts', '--out', out, flag, taken]);
        expect(res.code, res.stderr).toBe(2);
        expect(res.stderr).toContain(`${flag}: port ${taken} on 127.0.0.1 is in use`);
        expect(res.stderr).toContain(`hint: choose another port, or 0 for any free one: ${flag} 0`);
      }
    } finally {
      blocker.close();
    }
    const remote = await runCli([
      'run',
      'scenarios/quickstart.ts',
      '--out',
      out,
      '--prometheus-remote-write',
      'http://203.0.113.9:9090/api/v1/write',
    ]);
    expect(remote.code, remote.stderr).toBe(2);
    expect(remote.stderr).toMatch(/--prometheus-remote-write: harness only sends traffic to this machine/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('serves harness metrics and a Prometheus during the run; SIGTERM stops both', async () => {
    const { child, done } = startCli([...runArgs, out, '--prometheus', '0', '--prometheus-server', '0']);
    const text = await waitForOutput(child, (t) => /warmed up for/.test(t) && serverFrom(t) !== null, 90_000);
    const runId = runIdFrom(text)!;
    const server = serverFrom(text)!;
    const exporter = /harness metrics at (\S+)/.exec(text)![1]!;
    await new Promise((r) => setTimeout(r, 2500));
    expect((await fetch(`${server[1]}/-/ready`)).status).toBe(200);
    const scrape = await (await fetch(exporter)).text();
    expect(scrape).toMatch(
      new RegExp(`^k6_vus\\{target="monolith@remote-db",profile="steady",testid="${runId}"\\} \\d+$`, 'm'),
    );
    expect(scrape).toMatch(/^k6_http_req_duration_p99\{.*name="get-item",method="GET".*\} [\d.e-]+$/m);
    // A scrape during the load passes Prometheus's own linter.
    expect(await promtoolCheckMetrics(scrape)).toBe('');
    // Prometheus applies discovered targets at most every 5 s: the new cell's service shows up within that.
    const up = async () => {
      const res = await fetch(`${server[1]}/api/v1/query?query=up`);
      const body = (await res.json()) as {
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      return body.data.result.map((r) => [r.metric.job, r.metric.instance, r.value[1]]).sort();
    };
    const expected = [
      ['harness', new URL(exporter).host, '1'],
      ['service', 'app-0', '1'],
    ];
    for (let i = 0; i < 30 && JSON.stringify(await up()) !== JSON.stringify(expected); i++)
      await new Promise((r) => setTimeout(r, 500));
    expect(await up()).toEqual(expected);
    expect(processesOfRun(`${runId}-prometheus`)).toHaveLength(1);

    child.kill('SIGTERM');
    const res = await done;
    expect(res.code).toBe(130);
    expect(processesOfRun(`${runId}-prometheus`)).toEqual([]);
    expect(await portOpen(Number(server[2]))).toBe(false);
    expect(await portOpen(Number(new URL(exporter).port))).toBe(false);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`harness-${runId}`))).toEqual([]);
  });

  it('after a SIGKILL of harness, `harness clean` removes its Prometheus', async () => {
    const { child, done } = startCli([...runArgs, out, '--prometheus-server', '0']);
    const text = await waitForOutput(child, (t) => serverFrom(t) !== null, 90_000);
    const runId = runIdFrom(text)!;
    child.kill('SIGKILL');
    await done;
    expect(processesOfRun(`${runId}-prometheus`)).toHaveLength(1);
    const clean = await runCli(['clean']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(processesOfRun(`${runId}-prometheus`)).toEqual([]);
    expect(processesOfRun(runId)).toEqual([]);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`harness-${runId}`))).toEqual([]);
  });
});

describe('harness dashboards export', () => {
  it('writes the dashboards and the provisioning files', async () => {
    const dir = join(out, 'grafana');
    const res = await runCli(['dashboards', 'export', dir, '--prometheus-url', 'http://127.0.0.1:9091']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/wrote .*harness-load-run\.json/);
    const json = JSON.parse(readFileSync(join(dir, 'dashboards', 'harness-service.json'), 'utf8'));
    expect(json.uid).toBe('harness-service');
    expect(readFileSync(join(dir, 'provisioning', 'datasources', 'harness.yaml'), 'utf8')).toContain(
      'url: http://127.0.0.1:9091',
    );
    expect(existsSync(join(dir, 'prometheus', 'prometheus.yml'))).toBe(true);
    const bad = await runCli(['dashboards', 'export', dir, '--prometheus-url', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--prometheus-url');
  });
});
