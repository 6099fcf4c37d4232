/**
 * The results store of one run: `<out>/<run-id>/results.json`, rewritten
 * atomically (write to a temp file, rename) as the run goes, so a crash
 * leaves the last complete snapshot — a readable partial run — and never a
 * half-written file. Acknowledged writes go to `ledger.jsonl` beside it.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CellResult, IntervalSample, LedgerEntry, RunResults } from '../../model/index.ts';
import { writeAtomicSync } from './atomic-write.ts';

/** Snapshots are written at most this often while intervals stream in. */
const FLUSH_EVERY_MS = 2000;
/**
 * The load generator shares this event loop: a snapshot of a long run (an
 * hour of intervals is megabytes of JSON) must not take more than ~5 % of it,
 * so the gap between streamed snapshots grows with the time one takes.
 */
const MAX_FLUSH_SHARE = 0.05;

export class ResultsStore {
  readonly dir: string;
  readonly file: string;
  readonly ledgerFile: string;
  private lastFlush = 0;
  private lastFlushCostMs = 0;
  private pending: NodeJS.Timeout | undefined;

  constructor(
    outDir: string,
    readonly results: RunResults,
  ) {
    this.dir = join(outDir, results.runId);
    this.file = join(this.dir, 'results.json');
    this.ledgerFile = join(this.dir, 'ledger.jsonl');
    mkdirSync(this.dir, { recursive: true });
    this.flush();
  }

  cell(id: string): CellResult {
    const cell = this.results.cells.find((c) => c.id === id);
    if (!cell) throw new Error(`no cell ${id} in results`);
    return cell;
  }

  /** Applies a change to a cell and writes the snapshot now. */
  updateCell(id: string, change: Partial<CellResult>): void {
    Object.assign(this.cell(id), change);
    this.flush();
  }

  /** Applies a change to the run's own fields (not its cells) and writes the snapshot now. */
  updateRun(change: Partial<Omit<RunResults, 'cells'>>): void {
    Object.assign(this.results, change);
    this.flush();
  }

  addInterval(id: string, sample: IntervalSample): void {
    this.cell(id).intervals.push(sample);
    this.flushSoon();
  }

  /** An interval of the cell's warm-up (`cells[].warmup`, started by `updateCell`). */
  addWarmupInterval(id: string, sample: IntervalSample): void {
    const warmup = this.cell(id).warmup;
    if (!warmup) throw new Error(`cell ${id} has no warm-up`);
    warmup.intervals.push(sample);
    this.flushSoon();
  }

  appendLedger(cellId: string, entries: LedgerEntry[]): void {
    if (entries.length === 0) return;
    appendFileSync(
      this.ledgerFile,
      `${entries.map((e) => JSON.stringify({ ...e, cell: cellId })).join('\n')}\n`,
    );
  }

  /** Writes the snapshot now (atomic rename). */
  flush(): void {
    if (this.pending) {
      clearTimeout(this.pending);
      this.pending = undefined;
    }
    const started = performance.now();
    writeAtomicSync(this.file, JSON.stringify(this.results));
    this.lastFlush = Date.now();
    this.lastFlushCostMs = performance.now() - started;
  }

  private flushSoon(): void {
    if (this.pending) return;
    const gap = Math.max(FLUSH_EVERY_MS, this.lastFlushCostMs / MAX_FLUSH_SHARE);
    const wait = Math.max(0, this.lastFlush + gap - Date.now());
    this.pending = setTimeout(() => this.flush(), wait);
    this.pending.unref();
  }
}
