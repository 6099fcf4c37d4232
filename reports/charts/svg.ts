/** Escaping and number formatting for hand-written SVG markup. */

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an XML text node or attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** A coordinate with at most one decimal, for compact path data. */
export function px(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}
