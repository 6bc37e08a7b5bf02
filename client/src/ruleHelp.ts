/**
 * Rule help: each finding's code links to its rule's page, which ships in the extension (docs/rules/<id>.md)
 * and opens in a Markdown preview. The link is a command link, so it works wherever VS Code runs (desktop,
 * remote, in the browser): a `file:` link into the installed extension would not open in a browser.
 */
import * as vscode from 'vscode';

export const SHOW_RULE_HELP = 'serviceSpec.showRuleHelp';

const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The command link that opens a rule's page. */
export function ruleHelpLink(id: string): vscode.Uri {
  return vscode.Uri.parse(`command:${SHOW_RULE_HELP}?${encodeURIComponent(JSON.stringify([id]))}`);
}

/** Points each service-spec finding's code at its rule's page (whatever link the server sent, if any). */
export function withRuleLinks(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  for (const d of diagnostics) {
    if (d.source !== 'service-spec' || d.code === undefined) continue;
    const id = String(typeof d.code === 'object' ? d.code.value : d.code);
    if (RULE_ID.test(id)) d.code = { value: id, target: ruleHelpLink(id) };
  }
  return diagnostics;
}

/** Opens a rule's page in a Markdown preview; without an id, asks which rule. */
export async function showRuleHelp(context: vscode.ExtensionContext, id?: unknown): Promise<void> {
  const folder = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  let rule = typeof id === 'string' ? id : undefined;
  if (rule === undefined) {
    const pages = await vscode.workspace.fs.readDirectory(folder).then(
      (entries) => entries.filter(([name]) => name.endsWith('.md')).map(([name]) => name.slice(0, -3)),
      () => [] as string[],
    );
    rule = await vscode.window.showQuickPick(pages.sort(), { title: 'Service Spec rule' });
    if (!rule) return;
  }
  if (!RULE_ID.test(rule)) return;
  const page = vscode.Uri.joinPath(folder, `${rule}.md`);
  try {
    await vscode.workspace.fs.stat(page);
  } catch {
    void vscode.window.showErrorMessage(`Service Spec: there is no help page for rule "${rule}".`);
    return;
  }
  try {
    await vscode.commands.executeCommand('markdown.showPreview', page);
  } catch {
    await vscode.window.showTextDocument(page, { preview: true });
  }
}
