/**
 * "Compare with Another Version…": pick a file or a git revision of this one; the server diffs and renders
 * (escaped) HTML, shown in a webview under the same strict Content-Security-Policy as the preview.
 * Clicking a change reveals the requirement. "Save as Word Redline" (the view's title button) writes the
 * spec's publication with tracked changes against the version compared (NEW-NAME.redline.docx).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CompareRequest, SaveRedlineRequest, type CompareParams, type CompareResult } from '../../server/src/lsp/protocol.js';
import { page } from './preview.js';
import { request } from './requests.js';
import { besideSpec, writeConfirmed } from './word.js';

/** What each open Compare view compares, the active one last. */
const views: { panel: vscode.WebviewPanel; params: CompareParams }[] = [];

export async function compare(client: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'service-spec') {
    void vscode.window.showInformationMessage('Open a service spec (*.spec.md) to compare it.');
    return;
  }
  const doc = editor.document;
  const choice = await vscode.window.showQuickPick(['Another file…', 'A git revision of this file…'], { title: 'Compare with another version' });
  if (!choice) return;
  const params: CompareParams = { uri: doc.uri.toString() };
  if (choice.startsWith('Another')) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      filters: { 'Service specs': ['md'] },
      defaultUri: doc.uri,
      openLabel: 'Compare',
    });
    if (!picked?.[0]) return;
    params.otherUri = picked[0].toString();
  } else {
    const rev = await vscode.window.showInputBox({ title: 'Git revision', prompt: 'A tag, branch or commit, e.g. v2019-12 or HEAD~1', value: 'HEAD' });
    if (!rev) return;
    params.rev = rev;
  }
  let reply: CompareResult;
  try {
    reply = await request(client, CompareRequest, params);
  } catch (e) {
    void vscode.window.showErrorMessage(`Service Spec: ${(e as Error).message}`);
    return;
  }
  const panel = vscode.window.createWebviewPanel('serviceSpec.compare', `Changes: ${doc.uri.path.split('/').pop()}`, vscode.ViewColumn.Beside, {
    enableScripts: true,
    localResourceRoots: [],
  });
  panel.webview.html = page(reply.html);
  const view = { panel, params };
  views.push(view);
  panel.onDidDispose(() => views.splice(views.indexOf(view), 1));
  panel.onDidChangeViewState((e) => {
    if (!e.webviewPanel.active) return;
    views.splice(views.indexOf(view), 1);
    views.push(view);
  });
  panel.webview.onDidReceiveMessage(async (m: { type: string; offset: number }) => {
    if (m.type !== 'reveal' || !Number.isInteger(m.offset)) return;
    const shown = await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn ?? vscode.ViewColumn.One });
    const pos = doc.positionAt(m.offset + reply.bom);
    shown.selection = new vscode.Selection(pos, pos);
    shown.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
  });
}

/** "Save as Word Redline": the spec of the active (else the last) Compare view against the version it compares. */
export async function saveRedline(client: LanguageClient): Promise<void> {
  const view = views.find((v) => v.panel.active) ?? views[views.length - 1];
  if (!view) {
    void vscode.window.showInformationMessage('Compare the spec with another version first (Compare with Another Version…).');
    return;
  }
  const spec = vscode.Uri.parse(view.params.uri);
  const out = await vscode.window.showSaveDialog({
    defaultUri: besideSpec(spec, '.redline.docx'),
    filters: { 'Word documents': ['docx'] },
    title: 'Save as Word redline',
  });
  if (!out) return;
  // The save dialog has already asked before replacing a file: the server may replace it.
  const r = await writeConfirmed(() => request(client, SaveRedlineRequest, { ...view.params, out: out.toString(), force: true }));
  if (r) void vscode.window.showInformationMessage(`Wrote ${out.path.split('/').pop()}: the spec with tracked changes against the version compared.`);
}
