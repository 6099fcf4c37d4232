import { ERROR_CLASSES, type ErrorClass, LatencyHistogram, type RequestStats } from '../../../model/index.ts';

const ERROR_INDEX = new Map<ErrorClass, number>(ERROR_CLASSES.map((c, i) => [c, i]));

/** One request name's counters and histograms for the current interval; reused across intervals. */
export class RequestAccumulator {
  count = 0;
  failed = 0;
  bytesSent = 0;
  bytesReceived = 0;
  private readonly errors = new Uint32Array(ERROR_CLASSES.length);
  /** Count per status 100..999 (index status - 100), and the few outside that range. */
  private readonly statuses = new Uint32Array(900);
  private readonly oddStatuses = new Map<number, number>();
  private readonly duration = LatencyHistogram.create();
  private serviceTime: LatencyHistogram | undefined;

  constructor(withServiceTime: boolean) {
    this.serviceTime = withServiceTime ? LatencyHistogram.create() : undefined;
  }

  /** From now on also keep a service-time histogram (an open-model scenario shares this name). */
  keepServiceTime(): void {
    this.serviceTime ??= LatencyHistogram.create();
  }

  /** `status` 0 means no response; `serviceUs` < 0 means not measured. */
  record(
    durationUs: number,
    serviceUs: number,
    status: number,
    error: ErrorClass | undefined,
    sent: number,
    received: number,
  ): void {
    this.count++;
    this.bytesSent += sent;
    this.bytesReceived += received;
    if (status >= 100 && status < 1000) this.statuses[status - 100]!++;
    else if (status !== 0) this.oddStatuses.set(status, (this.oddStatuses.get(status) ?? 0) + 1);
    if (error !== undefined) {
      this.failed++;
      this.errors[ERROR_INDEX.get(error)!]!++;
    }
    this.duration.record(durationUs);
    if (this.serviceTime !== undefined && serviceUs >= 0) this.serviceTime.record(serviceUs);
  }

  /** The interval's stats, then a reset for the next interval. */
  drain(): RequestStats {
    const errors: Partial<Record<ErrorClass, number>> = {};
    this.errors.forEach((n, i) => {
      if (n > 0) errors[ERROR_CLASSES[i]!] = n;
    });
    const statuses: Record<string, number> = {};
    for (let i = 0; i < 900; i++) if (this.statuses[i]! > 0) statuses[String(i + 100)] = this.statuses[i]!;
    for (const [status, n] of this.oddStatuses) statuses[String(status)] = n;
    const stats: RequestStats = {
      count: this.count,
      failed: this.failed,
      errors,
      statuses,
      duration: this.duration.encode(),
      bytesSent: this.bytesSent,
      bytesReceived: this.bytesReceived,
    };
    if (this.serviceTime !== undefined) stats.serviceTime = this.serviceTime.encode();
    this.count = 0;
    this.failed = 0;
    this.bytesSent = 0;
    this.bytesReceived = 0;
    this.errors.fill(0);
    this.statuses.fill(0);
    this.oddStatuses.clear();
    this.duration.reset();
    this.serviceTime?.reset();
    return stats;
  }
}
