/** Text for XML documents (JUnit): escaped, and without the characters XML 1.0 forbids. */
import { escapeXml } from './charts/svg.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters removed
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escaped for an attribute or text node; newlines in attributes kept as `&#10;`. */
export function xmlText(text: string): string {
  return escapeXml(text.replace(INVALID, '')).replace(/\n/g, '&#10;');
}
