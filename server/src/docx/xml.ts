/**
 * Text that goes into a Word document: characters XML 1.0 cannot hold (most control characters, lone
 * surrogates, U+FFFE and U+FFFF) become U+FFFD, so any spec, sidecar or configuration text gives a valid
 * document. Escaping of `&`, `<`, `>` and quotes is left to the writer, except in the parts written by hand.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 cannot hold
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(s: string): string {
  return s.replace(INVALID, '\uFFFD');
}

/** Escaped XML character data (and attribute values) of a text, made XML-safe first. */
export function xmlEscape(s: string): string {
  return xmlSafe(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
