/** The `harness doctor` table: one aligned line per tool, then what to do about the missing ones. */
import type { ToolStatus } from './types.ts';

export function formatDoctor(statuses: readonly ToolStatus[]): string {
  const head = ['', 'tool', 'version', 'path', 'needed for'];
  const rows = statuses.map((s) => [
    s.present ? '✓' : '✗',
    s.name,
    s.version ?? '–',
    s.path ?? '–',
    s.requiredFor.join(', '),
  ]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => [...r[i]!].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - [...c].length)))
      .join('  ')
      .trimEnd();
  const out = [line(head), ...rows.map(line)];
  const notes = statuses.filter((s) => s.note && (!s.present || s.name === 'docker'));
  if (notes.length) {
    out.push('');
    for (const s of notes) out.push(`${s.present ? '·' : '✗'} ${s.name}: ${s.note}`);
  }
  const missing = statuses.filter((s) => !s.present && s.path === undefined);
  if (missing.length) {
    out.push(
      '',
      `Install what is missing with \`harness setup\` (apt-get install ${missing.map((s) => s.debianPackage).join(' ')}).`,
    );
  } else if (statuses.every((s) => s.present)) {
    out.push('', 'Everything harness can use is installed.');
  }
  return `${out.join('\n')}\n`;
}
