/**
 * The capacity search's acceptance test: against a real HTTP server (a child
 * process harness starts, test/fixtures/limited-server.mjs) that serves at
 * most R requests a second, through the real engine, the search must find R
 * within 10 %. R is small (250/s) so a busy 2-core machine still offers it.
 * It can fail: a server limited to 300/s, judged against R = 250, is found at
 * 307/s, 23 % off (checked by hand when this test was written).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../harness/index.ts';
import { processesOfRun } from '../helpers/processes.ts';

const SERVER = fileURLToPath(new URL('../fixtures/limited-server.mjs', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'harness-capacity-limit-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const R = 250;

describe('capacity search against a server that serves at most R req/s', () => {
  it(`finds R = ${R}/s within 10 %`, async () => {
    const outcome = await runScenario(
      {
        name: 'known-limit',
        targets: [
          { name: 'limited', command: `node ${SERVER}`, env: { RATE: String(R) }, health: '/health' },
        ],
        workload: { mix: [{ name: 'work', path: '/work' }] },
        profiles: {
          capacity: { preset: 'capacity', startRate: 50, stepDuration: '4s', settle: '1s', tolerance: 0.03 },
        },
        // Below R a request waits one service time (4 ms); past R the queue grows without bound.
        thresholds: { http_req_duration: ['p(95)<100'], http_req_failed: ['rate<0.01'] },
      },
      { out },
    );
    const cell = outcome.results.cells[0]!;
    const capacity = cell.capacity!;
    expect(cell.status).toBe('completed');
    expect(capacity.stop).toBe('converged');
    expect(Math.abs(capacity.capacity! - R) / R).toBeLessThan(0.1);
    // the first failing rate lies above R, and the server never served more than R
    expect(capacity.bracket.upper!).toBeGreaterThan(R * 0.97);
    for (const step of capacity.steps) expect(step.achieved).toBeLessThan(R * 1.02);
    // a service time, not CPU, is the limit here: no instance was saturated
    expect(capacity.bottleneck?.kind).not.toBe('component');
    expect(capacity.steps.every((s) => s.instances.length === 1)).toBe(true);
    // judged at the capacity: the SLO held there, and the exit code says so
    expect(cell.thresholds?.every((t) => t.ok)).toBe(true);
    expect(outcome.exitCode).toBe(0);
    expect(processesOfRun(outcome.results.runId)).toEqual([]);
  });
});
