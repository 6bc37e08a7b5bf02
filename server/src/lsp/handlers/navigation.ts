/**
 * Outline, folding, workspace symbols, and requirement ids across specs: definition, references, rename and
 * document links.
 */
import {
  DefinitionRequest,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
  type DocumentLink,
  type DocumentSymbol,
  type FoldingRange,
  type Location,
  type SymbolInformation,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { toDocumentLink, toDocumentSymbol, toFoldingRange, toLocation, toLspRange, toSymbolInformation, toWorkspaceEdit } from '../convert.js';
import { positionParams, referenceParams, renameParams, textDocumentParams, workspaceSymbolParams } from '../params.js';
import { onRequest } from '../register.js';
import type { Session } from '../session.js';
import { fileParam } from './common.js';

export function registerNavigation(session: Session): void {
  const locate = (l: { file: string; range: { start: number; end: number } }): Location => toLocation(session, l);
  const at = (uri: string, position: { line: number; character: number }) => {
    const file = fileParam(uri);
    return { file, offset: session.positionsOf(file).offsetAt(position) };
  };

  onRequest(session, DocumentSymbolRequest.type, textDocumentParams, ({ textDocument }, service): DocumentSymbol[] => {
    const file = fileParam(textDocument.uri);
    const p = session.positionsOf(file);
    return service.documentSymbols(file).map((n) => toDocumentSymbol(p, n));
  });

  onRequest(session, FoldingRangeRequest.type, textDocumentParams, ({ textDocument }, service): FoldingRange[] => {
    const file = fileParam(textDocument.uri);
    const p = session.positionsOf(file);
    return service.foldingRanges(file).flatMap((r) => toFoldingRange(p, r) ?? []);
  });

  onRequest(session, WorkspaceSymbolRequest.type, workspaceSymbolParams, ({ query }, service): SymbolInformation[] =>
    service.workspaceSymbols(query).map((s) => toSymbolInformation(session, s)),
  );

  onRequest(session, DefinitionRequest.type, positionParams, ({ textDocument, position }, service): Location | null => {
    const { file, offset } = at(textDocument.uri, position);
    const d = service.definition(file, offset);
    return d ? locate(d) : null;
  });

  onRequest(session, ReferencesRequest.type, referenceParams, ({ textDocument, position, context }, service): Location[] => {
    const { file, offset } = at(textDocument.uri, position);
    return service.references(file, offset, context.includeDeclaration).map(locate);
  });

  onRequest(session, PrepareRenameRequest.type, positionParams, ({ textDocument, position }, service) => {
    const { file, offset } = at(textDocument.uri, position);
    const r = service.prepareRename(file, offset);
    return r ? { range: toLspRange(session.positionsOf(file), r.range), placeholder: r.placeholder } : null;
  });

  onRequest(session, RenameRequest.type, renameParams, ({ textDocument, position, newName }, service): WorkspaceEdit | null => {
    const { file, offset } = at(textDocument.uri, position);
    const edits = service.rename(file, offset, newName);
    return edits ? toWorkspaceEdit(session, edits) : null;
  });

  onRequest(session, DocumentLinkRequest.type, textDocumentParams, ({ textDocument }, service): DocumentLink[] => {
    const file = fileParam(textDocument.uri);
    const p = session.positionsOf(file);
    return service.documentLinks(file).map((l) => toDocumentLink(session, p, l));
  });
}
