import type { ErrorClass, IntervalSample, LedgerEntry, SampleSink } from '../../model/index.ts';
import { LatencyHistogram } from '../../model/index.ts';

/** Totals over every interval a CollectingSink received. */
export interface CollectedTotals {
  requests: number;
  failed: number;
  errors: Partial<Record<ErrorClass, number>>;
  statuses: Record<string, number>;
  iterations: number;
  droppedIterations: number;
  bytesSent: number;
  bytesReceived: number;
  duration: LatencyHistogram;
  serviceTime: LatencyHistogram;
}

/** A sink that keeps everything in memory: for tests and short in-process runs. */
export class CollectingSink implements SampleSink {
  readonly samples: IntervalSample[] = [];
  readonly ledger: LedgerEntry[] = [];
  /** How many onLedger batches arrived. */
  ledgerBatches = 0;

  onInterval(sample: IntervalSample): void {
    this.samples.push(sample);
  }

  onLedger(entries: LedgerEntry[]): void {
    this.ledgerBatches++;
    this.ledger.push(...entries);
  }

  /** Totals of one request name, or of all of them. */
  totals(name?: string): CollectedTotals {
    const t: CollectedTotals = {
      requests: 0,
      failed: 0,
      errors: {},
      statuses: {},
      iterations: 0,
      droppedIterations: 0,
      bytesSent: 0,
      bytesReceived: 0,
      duration: LatencyHistogram.create(),
      serviceTime: LatencyHistogram.create(),
    };
    for (const s of this.samples) {
      t.iterations += s.iterations;
      t.droppedIterations += s.droppedIterations;
      for (const [n, r] of Object.entries(s.byRequest)) {
        if (name !== undefined && n !== name) continue;
        t.requests += r.count;
        t.failed += r.failed;
        t.bytesSent += r.bytesSent;
        t.bytesReceived += r.bytesReceived;
        for (const [k, v] of Object.entries(r.errors))
          t.errors[k as ErrorClass] = (t.errors[k as ErrorClass] ?? 0) + v;
        for (const [k, v] of Object.entries(r.statuses)) t.statuses[k] = (t.statuses[k] ?? 0) + v;
        t.duration.merge(LatencyHistogram.decode(r.duration));
        if (r.serviceTime !== undefined) t.serviceTime.merge(LatencyHistogram.decode(r.serviceTime));
      }
    }
    return t;
  }
}
