/**
 * A sweep of a real architecture under a capacity profile: the shipped
 * scenarios/scaling-replicated.ts (HAProxy → 1, 2, 3 services → Postgres and
 * a replica), each N started once and searched on real servers with short,
 * capped steps; the CPU of every instance sampled per step; the run's
 * scaling curve with the USL fitted. What is asserted is what the harness
 * must do on any machine — not how the capacities compare, which on two
 * shared cores says more about the machine (see README).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../harness/index.ts';
import { processesOfRun } from '../helpers/processes.ts';

const out = mkdtempSync(join(tmpdir(), 'harness-capacity-sweep-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('capacity of replicated against its number of apps', () => {
  it('searches each N on its own deployment and fits the USL to capacity against N', {
    timeout: 400_000,
  }, async () => {
    const outcome = await runScenario('scenarios/scaling-replicated.ts', {
      out,
      capacity: { startRate: 200, maxRate: 800, stepDuration: '3s', settle: '1s', tolerance: 0.25 },
    });
    const { results } = outcome;
    expect(results.status).toBe('completed');
    expect(results.cells.map((c) => [c.target, c.sweep?.value])).toEqual([
      ['replicated[apps=1]', 1],
      ['replicated[apps=2]', 2],
      ['replicated[apps=3]', 3],
    ]);
    for (const cell of results.cells) {
      const n = cell.sweep!.value as number;
      const c = cell.capacity!;
      expect(c.steps.length).toBeGreaterThanOrEqual(2);
      expect(c.steps.every((s) => s.offered <= 800)).toBe(true);
      // the real sampler saw every instance of this N in every step
      for (const s of c.steps) {
        const ids = s.instances.map((i) => i.instance).sort();
        expect(ids).toEqual([
          ...Array.from({ length: n }, (_, i) => `app-${i}`),
          'lb-0',
          'postgres-0',
          'replica-0',
        ]);
        expect(s.instances.find((i) => i.instance === 'lb-0')!.kind).toBe('haproxy');
        if (process.platform === 'linux') expect(s.machine?.cores).toBeGreaterThan(0);
      }
      expect(c.bottleneck).not.toBeNull();
      expect(cell.integrity!.lost).toBe(0);
    }
    const [curve] = results.scaling!;
    expect(curve).toMatchObject({ target: 'replicated', param: 'apps', profile: 'capacity' });
    expect(curve!.points.map((p) => p.target)).toEqual([1, 2, 3].map((n) => `replicated[apps=${n}]`));
    const measured = curve!.points.filter((p) => p.capacity !== null).length;
    if (measured === 3) {
      // three points, three parameters: a fit that goes through them, and says it cannot test itself
      expect(curve!.fit!.dof).toBe(0);
      expect(curve!.fit!.notes[0]).toMatch(/no goodness of fit/);
    } else expect(curve!.fitNote).toMatch(/needs capacities at 3 or more different N/);
    expect(processesOfRun(results.runId)).toEqual([]);
  });
});
