/**
 * Who a warning blames. A target that answers in 300 ms at 40 requests/s
 * needs ~12 VUs; with maxVUs 4 the open model drops iterations. That is the
 * target being slow for the rate (or maxVUs too low) — the generator idles —
 * so the warning names the target and never says the figures measure the
 * generator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineScenario, runScenario } from '../../harness/index.ts';
import { formatConsoleSummary } from '../../reports/index.ts';
import { startTestServer } from '../helpers/test-server.ts';

const out = mkdtempSync(join(tmpdir(), 'harness-slow-target-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('a slow target with bounded maxVUs', () => {
  it('is warned about by name, as the target, not as the load generator', async () => {
    await using server = await startTestServer({ delayMs: 300 });
    const lines: string[] = [];
    const outcome = await runScenario(
      defineScenario({
        name: 'slow-target',
        targets: [{ name: 'slow-service', url: server.url }],
        workload: { mix: [{ name: 'get', path: '/' }] },
        profiles: {
          steady: {
            executor: 'constant-arrival-rate',
            rate: 40,
            duration: '3s',
            preAllocatedVUs: 4,
            maxVUs: 4,
          },
        },
      }),
      { out, log: (l) => lines.push(l) },
    );
    const cell = outcome.results.cells[0]!;
    expect(cell.summary!.droppedIterations).toBeGreaterThan(0);
    // Never more than maxVUs at once at the server: the VUs were waiting for it.
    expect(server.maxInFlight).toBeLessThanOrEqual(4);

    const warning = lines.find((l) => /WARNING: slow-service was too slow/.test(l));
    expect(warning).toBeDefined();
    expect(warning).toMatch(
      /iterations dropped because all 4 VUs \(maxVUs\) were busy waiting for the target/,
    );
    expect(warning).toMatch(/or maxVUs is too low/);
    expect(warning).not.toMatch(/generator/);
    expect(cell.vuPoolNotes).toHaveLength(1);
    // The generator's own verdict is about the generator only.
    expect((cell.generatorNotes ?? []).join(' ')).not.toMatch(/dropped/);
    expect(lines.join('\n')).not.toMatch(/load generator was the bottleneck: \d+ iterations dropped/);

    const summary = formatConsoleSummary(outcome.results);
    expect(summary).toMatch(/⚠ target too slow: slow-service \/ steady — \d+ iterations dropped/);
    if (!cell.generatorBound) expect(summary).not.toMatch(/generator-bound|measure the load generator/);
  });
});
