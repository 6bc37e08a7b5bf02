/** textDocument/hover and textDocument/codeLens: requirement summaries, costs, review notes; cost and change lenses. */
import { CodeLensRequest, HoverRequest, type CodeLens, type Hover } from 'vscode-languageserver';
import { toCodeLens, toHover } from '../convert.js';
import { positionParams, textDocumentParams } from '../params.js';
import { onRequest } from '../register.js';
import type { Session } from '../session.js';
import { fileParam } from './common.js';

export function registerHover(session: Session): void {
  onRequest(session, HoverRequest.type, positionParams, async ({ textDocument, position }, service): Promise<Hover | null> => {
    const file = fileParam(textDocument.uri);
    const p = session.positionsOf(file);
    const h = service.hover(file, p.offsetAt(position), await session.settingsFor(file));
    return h ? toHover(p, h) : null;
  });

  onRequest(session, CodeLensRequest.type, textDocumentParams, async ({ textDocument }, service): Promise<CodeLens[]> => {
    const file = fileParam(textDocument.uri);
    const p = session.positionsOf(file);
    return service.codeLenses(file, await session.settingsFor(file)).map((l) => toCodeLens(p, l));
  });
}
