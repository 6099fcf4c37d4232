/**
 * k6 duration strings: one or more `<number><unit>` parts, unit ∈ ms|s|m|h,
 * e.g. `500ms`, `30s`, `1m30s`, `1.5h`. `0` alone means zero.
 */
export const DURATION_PATTERN = /^(?:0|(?:\d+(?:\.\d+)?(?:ms|s|m|h))+)$/;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a k6 duration string into milliseconds. Throws on malformed input. */
export function parseDuration(text: string): number {
  if (!DURATION_PATTERN.test(text)) throw new Error(`invalid duration "${text}"`);
  if (text === '0') return 0;
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
  }
  return Math.round(total);
}

/** Formats milliseconds the way k6 prints durations (`1m30s`, `250ms`). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms);
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = rest / 1000;
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if (s) parts.push(`${Number.isInteger(s) ? s : s.toFixed(1)}s`);
  return parts.join('');
}
