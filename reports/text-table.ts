/** Plain-text tables and ANSI colour for terminal output. */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
const ANSI = /\u001b\[[0-9;]*m/g;

export type Align = 'left' | 'right';

/** Columns padded to their widest cell (ANSI escapes do not count), two spaces apart. */
export function textTable(rows: string[][], align: Align[] = [], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell));
    });
  }
  return rows
    .map((row) =>
      (
        indent +
        row
          .map((cell, i) => {
            const pad = ' '.repeat((widths[i] ?? 0) - visibleLength(cell));
            return align[i] === 'right' ? pad + cell : cell + pad;
          })
          .join('  ')
      ).trimEnd(),
    )
    .join('\n');
}

export function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
}

const code = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const identity = (s: string) => s;

/** ANSI styles, or no-ops when colour is off. */
export function paint(color: boolean): Paint {
  return color
    ? { bold: code(1, 22), dim: code(2, 22), red: code(31, 39), green: code(32, 39), yellow: code(33, 39) }
    : { bold: identity, dim: identity, red: identity, green: identity, yellow: identity };
}
