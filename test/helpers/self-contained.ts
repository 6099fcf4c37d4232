/**
 * What "self-contained and offline" means for report.html, as one check for
 * tests: nothing refers to the network or to another file — no URL, no
 * `src`/`href` but in-page anchors, no `<link>`, `<img>`, `<iframe>`,
 * `@import`, `@font-face` or `url(` — and the only scripts are the inline
 * ones harness puts there (the chart data as JSON, uPlot, the chart script),
 * none of which can reach the network. Returns the problems found.
 */
export function selfContainedProblems(html: string): string[] {
  const problems: string[] = [];
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  const allowed = new Set(['', ' type="application/json" id="harness-chart-data"']);
  for (const [, attrs] of scripts)
    if (!allowed.has(attrs ?? '')) problems.push(`unexpected script element <script${attrs}>`);
  for (const [, , body] of scripts)
    for (const api of [
      'fetch(',
      'XMLHttpRequest',
      'WebSocket',
      'EventSource',
      'sendBeacon',
      'import(',
      '.src=',
    ])
      if (body!.includes(api)) problems.push(`an inline script uses ${api}`);
  const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '<script></script>');
  if (/https?:\/\//i.test(html)) problems.push(`a URL: ${/.{0,40}https?:\/\/.{0,40}/i.exec(html)?.[0]}`);
  // attributes of real tags only: escaped text (`&lt;img src=…`) is harmless
  for (const [tagText] of markup.matchAll(/<[a-z][^>]*>/gi))
    for (const [, name, raw] of tagText.matchAll(/\s([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/g))
      if (/^(?:src|href|srcset|action|formaction|poster|data)$/i.test(name!) && !/^["']?#/.test(raw!))
        problems.push(`a reference to another resource: ${tagText.slice(0, 80)}`);
  const tag = /<link|<iframe|<img|<object|<embed|@import|@font-face|url\(/i.exec(markup);
  if (tag) problems.push(`external content: ${html.slice(tag.index, tag.index + 60)}`);
  return problems;
}
