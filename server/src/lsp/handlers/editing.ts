/** textDocument/completion and textDocument/codeAction: completion items, quick fixes and fix-all as workspace edits. */
import { CodeActionKind, CodeActionRequest, CompletionRequest, type CodeAction, type CompletionItem, type TextEdit } from 'vscode-languageserver';
import type { FileEdit } from '../../service/index.js';
import { toLspCompletionItem, toLspDiagnostic, toRange, toTextEdit } from '../convert.js';
import { codeActionParams, positionParams } from '../params.js';
import { onRequest } from '../register.js';
import type { Session } from '../session.js';
import { fileParam } from './common.js';

/** The code action kind of "fix all" for this language (`editor.codeActionsOnSave: {"source.fixAll": true}`). */
export const FIX_ALL = `${CodeActionKind.SourceFixAll}.service-spec`;

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
    return service.codeFixes(file, toRange(p, range), kinds, await session.settingsFor(file)).map((fix) => ({
      title: fix.title,
      kind: fix.kind === 'fixAll' ? FIX_ALL : CodeActionKind.QuickFix,
      ...(fix.diagnostic ? { diagnostics: [toLspDiagnostic(p, fix.diagnostic, session.ruleLink)] } : {}),
      ...(fix.preferred !== undefined ? { isPreferred: fix.preferred } : {}),
      edit: { changes: toChanges(session, fix.edits) },
    }));
  });
}

/** Core edits across files as LSP `WorkspaceEdit.changes`. */
export function toChanges(session: Session, edits: FileEdit[]): Record<string, TextEdit[]> {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) (changes[session.uriOf(e.file)] ??= []).push(toTextEdit(session.positionsOf(e.file), e));
  return changes;
}
