/**
 * The one place text from specs, sidecars and configuration is escaped for display: HTML for reports and
 * webviews, Markdown for hovers and Markdown reports. Text from a document is never markup.
 */

/** HTML escaping for every report and webview. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);
}

/**
 * Markdown escaping for hovers and Markdown reports (tables included): every character CommonMark or GFM
 * could read as markup is backslash-escaped, and line breaks become spaces so a value stays in its cell.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/\r\n|\r|\n/g, ' ').replace(/([\\`*_{}[\]<>()#+!|~])/g, '\\$1');
}
