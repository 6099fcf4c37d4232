/** Number and time formatting shared by the HTML report and the console summary. */

const DASH = '–';

/** Milliseconds with a precision that suits the magnitude: `0.42`, `8.31`, `45.2`, `1,204`. */
export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return DASH;
  if (ms === 0) return '0';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return fmtInt(ms);
}

/** Milliseconds as seconds to a tenth: `7.2 s`. */
export function fmtSecs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return DASH;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Requests per second: `12.4`, `1,850`. */
export function fmtRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return DASH;
  return rate < 100 ? rate.toFixed(1) : fmtInt(rate);
}

/** A fraction as a percentage: `0.00%`, `1.25%`, `12.5%`. */
export function fmtPct(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return DASH;
  const pct = fraction * 100;
  return `${pct >= 10 ? pct.toFixed(1) : pct.toFixed(2)}%`;
}

/** An integer with thousands separators: `12,345`. */
export function fmtInt(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return DASH;
  return Math.round(n).toLocaleString('en-US');
}

/** Bytes in binary units: `512 B`, `1.5 MiB`, `15.6 GiB`. */
export function fmtBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return DASH;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** An epoch timestamp as `2025-03-01 14:02:11 UTC`. */
export function fmtTimestamp(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return DASH;
  return `${new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '')} UTC`;
}

/**
 * A threshold's compared value with the unit its metric implies: durations in
 * ms, `rate` aggregations as a percentage, anything else as a plain number.
 */
export function fmtThresholdActual(metric: string, expression: string, actual: number | null): string {
  if (actual === null) return 'no samples';
  if (/^\s*rate\b/.test(expression)) return fmtPct(actual);
  if (/duration|_time\b|time$/.test(metric.replace(/\{.*$/, ''))) return `${fmtMs(actual)} ms`;
  return Number.isInteger(actual) ? fmtInt(actual) : String(Number(actual.toPrecision(4)));
}

export { DASH };
