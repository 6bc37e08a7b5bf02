/**
 * The side preview: a webview showing the spec as requirement cards. Content comes from the server
 * (`serviceSpec/preview`, every text escaped there); this file only frames it in a page with a strict
 * Content-Security-Policy (no sources but nonce'd inline style and script), follows edits, and reveals a
 * requirement when its card is clicked.
 */
import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PreviewRequest } from '../../server/src/lsp/protocol.js';
import { request } from './requests.js';

const panels = new Map<string, vscode.WebviewPanel>();

export function showPreview(client: LanguageClient, context: vscode.ExtensionContext): void {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'service-spec') {
    void vscode.window.showInformationMessage('Open a service spec (*.spec.md) to preview it.');
    return;
  }
  const doc = editor.document;
  const key = doc.uri.toString();
  const existing = panels.get(key);
  if (existing) {
    existing.reveal(vscode.ViewColumn.Beside, true);
    return;
  }
  const panel = vscode.window.createWebviewPanel(
    'serviceSpec.preview',
    `Preview ${doc.uri.path.split('/').pop()}`,
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
    {
      enableScripts: true,
      localResourceRoots: [],
    },
  );
  panels.set(key, panel);
  let timer: NodeJS.Timeout | undefined;
  let bom = 0;
  const refresh = async () => {
    const reply = await request(client, PreviewRequest, { uri: key });
    if (!reply) return;
    bom = reply.bom;
    panel.webview.html = page(reply.html);
  };
  const subscriptions = [
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() !== key) return;
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 250);
    }),
    panel.webview.onDidReceiveMessage(async (m: { type: string; offset: number }) => {
      if (m.type !== 'reveal' || !Number.isInteger(m.offset)) return;
      const target = await vscode.workspace.openTextDocument(doc.uri);
      const pos = target.positionAt(m.offset + bom);
      const shown = await vscode.window.showTextDocument(target, { viewColumn: editor.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
      shown.selection = new vscode.Selection(pos, pos);
      shown.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
    }),
  ];
  panel.onDidDispose(() => {
    panels.delete(key);
    clearTimeout(timer);
    for (const s of subscriptions) s.dispose();
  });
  context.subscriptions.push(panel);
  void refresh();
}

/**
 * A webview page around server-rendered, escaped HTML: no sources but one nonce'd style (plus `extraCss`, a
 * style sheet the tools generated) and, unless `withScript` is false, the one script that reveals a card.
 */
export function page(body: string, extraCss = '', withScript = true): string {
  const nonce = crypto.randomBytes(16).toString('base64');
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'none'; font-src 'none'; connect-src 'none'; form-action 'none'; frame-src 'none'`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">
body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);background:var(--vscode-editor-background);padding:0 1em}
.meta span{margin-right:.8em;opacity:.8}.total{font-size:1.05em}.profile{opacity:.7;margin-left:.5em}
.card{border:1px solid var(--vscode-panel-border);border-left:6px solid var(--vscode-panel-border);border-radius:4px;padding:.4em .9em;margin:.7em 0;cursor:pointer}
.card:hover,.card:focus{outline:1px solid var(--vscode-focusBorder)}
.rating-green{border-left-color:#2e7d32}.rating-amber{border-left-color:#e69614}.rating-red{border-left-color:#c42b1c}
.card h3{margin:.3em 0}.id{font-family:var(--vscode-editor-font-family);opacity:.85}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1em;margin:.4em 0}dt{opacity:.7}dd{margin:0}
.missing{color:var(--vscode-errorForeground);font-style:italic}.unfunded{color:var(--vscode-errorForeground)}
.diagnostics{margin:.3em 0;padding-left:1.2em}ins{background:rgba(46,125,50,.25);text-decoration:none}del{background:rgba(196,43,28,.25)}.change-added{border-left-color:#2e7d32}.change-removed{border-left-color:#c42b1c}.change-modified{border-left-color:#e69614}.change-renumbered{border-left-color:#1565c0}.change-moved{border-left-color:#7b1fa2}.diagnostics .error{color:var(--vscode-errorForeground)}.diagnostics .warning{color:var(--vscode-editorWarning-foreground)}
${extraCss}
</style></head><body>
${body}
${withScript ? SCRIPT(nonce) : ''}</body></html>`;
}

/** Click (or Enter) on a card reveals its requirement in the editor. */
const SCRIPT = (nonce: string) => `<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const reveal = (el) => { const card = el && el.closest('[data-offset]'); if (card) vscode.postMessage({ type: 'reveal', offset: Number(card.dataset.offset) }); };
document.addEventListener('click', (e) => reveal(e.target));
document.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') reveal(e.target); });
</script>
`;
