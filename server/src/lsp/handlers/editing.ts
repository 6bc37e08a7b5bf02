/** textDocument/completion and textDocument/codeAction: completion items, quick fixes and fix-all as workspace edits. */
import { CodeActionKind, CodeActionRequest, CompletionRequest, type CodeAction, type CompletionItem } from 'vscode-languageserver';
import { FIX_ALL, toCodeAction, toLspCompletionItem, toRange } from '../convert.js';
import { codeActionParams, positionParams } from '../params.js';
import { onRequest } from '../register.js';
import type { Session } from '../session.js';
import { fileParam } from './common.js';

export function registerEditing(session: Session): void {
  onRequest(session, CompletionRequest.type, positionParams, async ({ textDocument, position }, service): Promise<CompletionItem[]> => {
    const file = fileParam(textDocument.uri);
    const p = session.positionsOf(file);
    return service.completion(file, p.offsetAt(position), await session.settingsFor(file)).map((i) => toLspCompletionItem(p, i));
  });

  onRequest(session, CodeActionRequest.type, codeActionParams, async ({ textDocument, range, context }, service): Promise<CodeAction[]> => {
    const file = fileParam(textDocument.uri);
    const p = session.positionsOf(file);
    const only = context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const kinds = { quickFixes: wants(CodeActionKind.QuickFix), fixAll: wants(FIX_ALL) };
    return service.codeFixes(file, toRange(p, range), kinds, await session.settingsFor(file)).map((fix) => toCodeAction(session, p, fix, session.ruleLink));
  });
}
