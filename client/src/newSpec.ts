/** "Service Spec: New Service Spec": asks for an id and a title and creates `<id>.spec.md` from a template. */
import * as vscode from 'vscode';
import { specTemplate } from './template.js';

export async function newSpec(): Promise<void> {
  const id = await vscode.window.showInputBox({
    title: 'New service spec (1/2)',
    prompt: 'Spec id: lower-case words joined by hyphens, e.g. enhanced-health',
    validateInput: (v) => (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v) ? undefined : 'Use lower-case letters, digits and single hyphens'),
  });
  if (!id) return;
  const title = await vscode.window.showInputBox({
    title: 'New service spec (2/2)',
    prompt: 'Title',
    value: id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()),
  });
  if (!title) return;
  const today = new Date().toISOString().slice(0, 10);
  const text = specTemplate(id, title, today);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    const doc = await vscode.workspace.openTextDocument({ language: 'service-spec', content: text });
    await vscode.window.showTextDocument(doc);
    return;
  }
  const uri = vscode.Uri.joinPath(folder.uri, `${id}.spec.md`);
  try {
    await vscode.workspace.fs.stat(uri);
    void vscode.window.showErrorMessage(`${uri.fsPath} already exists.`);
    return;
  } catch {
    // does not exist: create it
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(uri);
}
