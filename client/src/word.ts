/**
 * Word documents from the editor: "Import Word Document…", "Export as Word Document" and "Export Review Notes
 * as Word Comments" (the Compare view's "Save as Word Redline" is in compare.ts). The server imports and
 * writes with the same functions as the CLI; this file picks files, asks before replacing one, and opens
 * what was written.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExportReviewWordRequest, ExportWordRequest, ImportWordRequest, type WriteResult } from '../../server/src/lsp/protocol.js';
import { request } from './requests.js';

const name = (uri: vscode.Uri) => uri.path.split('/').pop() ?? uri.path;

/**
 * Sends a write request; when a target exists, asks "Overwrite?" and sends it again with `force`. Undefined
 * when the user declined or the request failed (its message is shown).
 */
export async function writeConfirmed<T>(send: (force: boolean) => Promise<WriteResult<T>>): Promise<({ status: 'written' } & T) | undefined> {
  try {
    let r = await send(false);
    if (r.status === 'exists') {
      const files = r.files.map((f) => name(vscode.Uri.parse(f))).join(', ');
      const answer = await vscode.window.showWarningMessage(`${files} exists. Overwrite?`, { modal: true }, 'Overwrite');
      if (answer !== 'Overwrite') return undefined;
      r = await send(true);
    }
    if (r.status === 'exists') return undefined;
    return r;
  } catch (e) {
    void vscode.window.showErrorMessage(`Service Spec: ${(e as Error).message}`);
    return undefined;
  }
}

/** The active spec editor's document, or a message saying one is needed. */
export function activeSpec(what: string): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'service-spec' && doc.uri.scheme === 'file') return doc;
  void vscode.window.showInformationMessage(`Open a service spec (*.spec.md) saved as a file to ${what}.`);
  return undefined;
}

/** `NAME.spec.md` → `NAME` + suffix, beside the spec. */
export function besideSpec(spec: vscode.Uri, suffix: string): vscode.Uri {
  const base = name(spec)
    .replace(/\.spec\.md$/, '')
    .replace(/\.[^.]*$/, '');
  return vscode.Uri.joinPath(spec, '..', `${base}${suffix}`);
}

export async function importWord(client: LanguageClient): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { 'Word documents': ['docx'] },
    openLabel: 'Import',
    title: 'Word document to import',
  });
  if (!picked?.[0]) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.joinPath(picked[0], '..');
  const target = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri: folder,
    openLabel: 'Import here',
    title: 'Folder for the new spec',
  });
  if (!target?.[0]) return;
  const r = await writeConfirmed((force) => request(client, ImportWordRequest, { file: picked[0]!.toString(), outDir: target[0]!.toString(), force }));
  if (!r) return;
  for (const w of r.warnings) void vscode.window.showWarningMessage(`Service Spec: ${w}`);
  await vscode.window.showTextDocument(vscode.Uri.parse(r.spec));
  void vscode.window.showInformationMessage(r.summary);
}

async function exportTo(client: LanguageClient, kind: 'publication' | 'review'): Promise<void> {
  const doc = activeSpec(kind === 'publication' ? 'export it' : 'export its review notes');
  if (!doc) return;
  const out = await vscode.window.showSaveDialog({
    defaultUri: besideSpec(doc.uri, kind === 'publication' ? '.docx' : '.review.docx'),
    filters: { 'Word documents': ['docx'] },
    title: kind === 'publication' ? 'Export as Word document' : 'Export review notes as Word comments',
  });
  if (!out) return;
  // The save dialog has already asked before replacing a file: the server may replace it.
  const params = { uri: doc.uri.toString(), out: out.toString(), force: true };
  const r =
    kind === 'publication'
      ? await writeConfirmed(() => request(client, ExportWordRequest, params))
      : await writeConfirmed(() => request(client, ExportReviewWordRequest, params));
  if (!r) return;
  const notes = 'notes' in r ? ` with ${r.notes} review note${r.notes === 1 ? '' : 's'} as comments` : '';
  void vscode.window.showInformationMessage(`Wrote ${name(vscode.Uri.parse(r.file))}${notes}.`);
}

export const exportWord = (client: LanguageClient) => exportTo(client, 'publication');
export const exportReviewWord = (client: LanguageClient) => exportTo(client, 'review');
