/**
 * The one rule of direction (docs/architecture.md), checked on every file:
 * rooms import each other only through their `index.ts`, only downwards
 * (model ← chaos, targets, dashboards, reports ← harness), and no import
 * cycle crosses a room or a wing of harness.
 */
import { describe, expect, it } from 'vitest';
import { CONSUMERS, cycles, FLOORS, isTestCode, readGraph, roomOf, unitOf } from './import-graph.ts';

const graph = readGraph();
const isDoor = (path: string) => /^[a-z]+\/index\.ts$/.test(path);
const isWingDoor = (path: string) => /^harness\/[a-z0-9-]+\/index\.ts$/.test(path);
const isTestHelper = (path: string) => path.startsWith('test/helpers/') || path.startsWith('test/fixtures/');

function crossings(): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (const f of graph)
    for (const to of f.imports) if (roomOf(to) !== roomOf(f.path)) out.push({ from: f.path, to });
  return out;
}

describe('rooms and doors', () => {
  it('reads the whole tree', () => {
    expect(graph.length).toBeGreaterThan(300);
    expect(graph.find((f) => f.path === 'harness/run/orchestrator.ts')?.imports.length).toBeGreaterThan(5);
  });

  it('production code imports another room only through its index.ts', () => {
    const deep = crossings()
      .filter(({ from }) => !isTestCode(from))
      .filter(({ to }) => !isDoor(to))
      .map(({ from, to }) => `${from} → ${to}`);
    expect(deep).toEqual([]);
  });

  it('production code imports only downwards: model ← chaos, targets, dashboards, reports ← harness', () => {
    const wrong = crossings()
      .filter(({ from }) => !isTestCode(from))
      .filter(({ from, to }) => !(FLOORS[roomOf(to)]! < FLOORS[roomOf(from)]!))
      .map(({ from, to }) => `${from} (${roomOf(from)}) → ${to} (${roomOf(to)})`);
    expect(wrong).toEqual([]);
  });

  it('tests, kits and consumers reach other rooms through a door, a harness wing door or test/helpers', () => {
    const deep = crossings()
      .filter(({ from }) => isTestCode(from))
      .filter(({ to }) => !(isDoor(to) || isWingDoor(to) || isTestHelper(to)))
      .filter(({ from, to }) => !(CONSUMERS.includes(roomOf(from) as never) && roomOf(to) === roomOf(from)))
      .map(({ from, to }) => `${from} → ${to}`);
    expect(deep).toEqual([]);
  });

  it('no import cycle crosses a room or a wing of harness', () => {
    const crossing = cycles(graph)
      .filter((c) => new Set(c.map(unitOf)).size > 1)
      .map((c) => c.join(' → '));
    expect(crossing).toEqual([]);
  });

  it('model/ imports nothing outside itself', () => {
    const out = graph
      .filter((f) => roomOf(f.path) === 'model' && !isTestCode(f.path))
      .flatMap((f) => f.imports.filter((to) => roomOf(to) !== 'model').map((to) => `${f.path} → ${to}`));
    expect(out).toEqual([]);
  });

  it('the docker runtime imports nothing from the local runtime (both build on runtime/host)', () => {
    const out = graph
      .filter((f) => f.path.startsWith('harness/runtime/docker/'))
      .flatMap((f) =>
        f.imports.filter((to) => to.startsWith('harness/runtime/local/')).map((to) => `${f.path} → ${to}`),
      );
    expect(out).toEqual([]);
  });

  it('test helpers are named *.test-kit.ts or live in test/: no test-*.ts among production files', () => {
    const misnamed = graph
      .map((f) => f.path)
      .filter((p) => roomOf(p) !== 'test' && /(^|\/)test-[^/]*\.ts$/.test(p));
    expect(misnamed).toEqual([]);
  });
});
