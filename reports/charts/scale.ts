/**
 * Axis scales for the inline SVG charts: a linear mapping from data to pixels
 * and "nice" tick values (1, 2, 2.5, 5 × 10^n for numbers; whole seconds,
 * minutes and hours for elapsed time).
 */

export interface LinearScale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
}

/** A scale from `domain` to `range`, ticks included. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
  ticks: readonly number[],
): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const fn = (value: number): number => r0 + ((value - d0) / span) * (r1 - r0);
  return Object.assign(fn, { domain, ticks });
}

/** Nice ticks from 0 (or `min`) up to at least `max`, about `count` of them. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(max) || max <= min) max = min + 1;
  const rough = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= rough) ?? 10 * mag;
  const start = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = start; v < max + step * 0.999; v += step) ticks.push(roundTo(v, step));
  return ticks;
}

const TIME_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200];

/** Ticks for an elapsed-time axis in seconds, on whole seconds/minutes/hours; the last one is ≥ `maxSeconds`. */
export function timeTicks(maxSeconds: number, count = 6): number[] {
  const max = maxSeconds > 0 ? maxSeconds : 1;
  const step = TIME_STEPS_S.find((s) => max / s <= count) ?? Math.ceil(max / count / 3600) * 3600;
  const ticks: number[] = [];
  for (let v = 0; v < max + step - 1e-9; v += step) ticks.push(v);
  return ticks;
}

/** Elapsed seconds as a short label: `45s`, `2m`, `1m30s`, `1h`. */
export function formatElapsed(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${rest ? `${rest}s` : ''}`;
}

function roundTo(v: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(v.toFixed(decimals));
}
