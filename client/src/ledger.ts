/**
 * "Show Ledger": the consultation ledger of the versions of the active spec found in the workspace, as the
 * CLI's `ledger --format html` page (every text escaped by the server, no script), in a webview without
 * scripts under a Content-Security-Policy that allows inline styles only.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LedgerRequest, type LedgerResult } from '../../server/src/lsp/protocol.js';
import { request } from './requests.js';
import { activeSpec } from './word.js';

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`;

/** The page with its own policy replaced by ours (the same, stated here so the client does not depend on it). */
export function ledgerPage(html: string): string {
  const body = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/gi, '');
  return body.includes('<head>') ? body.replace('<head>', `<head>${CSP}`) : `<!DOCTYPE html><html><head>${CSP}</head><body>${body}</body></html>`;
}

export async function showLedger(client: LanguageClient): Promise<void> {
  const doc = activeSpec('show its ledger');
  if (!doc) return;
  let reply: LedgerResult;
  try {
    reply = await request(client, LedgerRequest, { uri: doc.uri.toString() });
  } catch (e) {
    void vscode.window.showErrorMessage(`Service Spec: ${(e as Error).message}`);
    return;
  }
  const panel = vscode.window.createWebviewPanel('serviceSpec.ledger', `Ledger: ${doc.uri.path.split('/').pop()}`, vscode.ViewColumn.Beside, {
    enableScripts: false,
    localResourceRoots: [],
  });
  panel.webview.html = ledgerPage(reply.html);
}
