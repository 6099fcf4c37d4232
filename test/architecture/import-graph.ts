/**
 * The repository's import graph, read from the sources with TypeScript's own
 * pre-processor (static, dynamic and type imports, and re-exports), for the
 * architecture test: which room a file is in, on which floor, and what it imports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const REPO = resolve(dirname(new URL(import.meta.url).pathname), '../..');

/** Production rooms by floor: a file imports its own room or a room on a lower floor, never up or sideways. */
export const FLOORS: Readonly<Record<string, number>> = {
  model: 0,
  chaos: 1,
  targets: 1,
  dashboards: 1,
  reports: 1,
  harness: 2,
};

/** Rooms that only consume the others: tests, benchmarks, shipped scenarios. */
export const CONSUMERS = ['test', 'bench', 'scenarios'] as const;

const SOURCE = /\.(ts|mts|js|mjs)$/;

export interface SourceFile {
  /** Repository-relative, `/`-separated. */
  path: string;
  /** Repository-relative paths of the files it imports (relative specifiers only). */
  imports: string[];
}

export function readGraph(rooms: readonly string[] = [...Object.keys(FLOORS), ...CONSUMERS]): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const abs = join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (SOURCE.test(e.name)) files.push(readSource(abs));
    }
  };
  for (const room of rooms) walk(join(REPO, room));
  return files;
}

function readSource(abs: string): SourceFile {
  const info = ts.preProcessFile(readFileSync(abs, 'utf8'), true, true);
  const imports = info.importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('./') || spec.startsWith('../'))
    .map((spec) => relative(REPO, resolve(dirname(abs), spec)));
  return { path: relative(REPO, abs), imports };
}

export const roomOf = (path: string): string => path.split('/')[0]!;

/**
 * The unit a cycle must not cross: a room, or inside harness/ one of its wings
 * (`harness/engine`), and inside harness/runtime one of its parts (`harness/runtime/docker`).
 */
export function unitOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] !== 'harness' || parts.length < 3) return parts[0]!;
  if (parts[1] === 'runtime' && parts.length >= 4) return parts.slice(0, 3).join('/');
  return parts.slice(0, 2).join('/');
}

/** Tests, test kits and fixtures: they may reach any room, through its door. */
export const isTestCode = (path: string): boolean =>
  /\.(test|test-kit|fixture)\.ts$/.test(path) ||
  path.includes('/fixtures/') ||
  CONSUMERS.includes(roomOf(path) as never);

/** Strongly connected components of more than one file (Tarjan). */
export function cycles(files: readonly SourceFile[]): string[][] {
  const edges = new Map(files.map((f) => [f.path, f.imports]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}
