/**
 * The verdicts between targets for summary.md (a GitHub job summary): one
 * paragraph, each target against the reference, and how significance was
 * judged — under the gate's heading, above the tables.
 */
import type { TargetVerdicts } from '../model/index.ts';
import { mdCell } from './markdown.ts';
import { sentenceText, verdictSummary } from './verdict-summary.ts';

export function renderVerdictMarkdown(verdicts: TargetVerdicts): string {
  const s = verdictSummary(verdicts);
  if (s === null) return '';
  const paragraph = s.sentences.map((x) => sentenceText(x, (t) => `**${mdCell(t)}**`)).join(' ');
  return [
    `**Verdict: ${s.headlines.map(mdCell).join(' ')}** ${paragraph}`,
    '',
    `<sub>${mdCell(s.method)}</sub>`,
    ...s.notes.map((n) => `\n> ⚠️ ${mdCell(n)}`),
    '',
  ].join('\n');
}
