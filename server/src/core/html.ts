/** HTML escaping for every report and webview (`escape.ts`); kept under its short name for templates. */
export { escapeHtml as esc } from './escape.js';
