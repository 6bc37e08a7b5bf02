/**
 * serviceSpec/importWord, exportWord, exportReviewWord, saveRedline and ledger: Word documents and the
 * consultation ledger from the editor. URIs in, URIs out; the service does the work.
 */
import type { WriteOutcome } from '../../service/index.js';
import { exportWordParams, importWordParams, saveRedlineParams, uriParams } from '../params.js';
import {
  ExportReviewWordRequest,
  ExportWordRequest,
  ImportWordRequest,
  LedgerRequest,
  SaveRedlineRequest,
  type ImportWordWritten,
  type WriteResult,
} from '../protocol.js';
import { onRequest } from '../register.js';
import type { Session } from '../session.js';
import { fileParam } from './common.js';

/** A write's outcome with its files named by URI. */
function withUris<T extends { file: string }>(session: Session, r: WriteOutcome<T>): WriteResult<T> {
  if (r.status === 'exists') return { status: 'exists', files: r.files.map((f) => session.uriOf(f)) };
  return { ...r, file: session.uriOf(r.file) };
}

export function registerWord(session: Session): void {
  onRequest(session, ImportWordRequest, importWordParams, ({ file, outDir, force }, service): WriteResult<ImportWordWritten> => {
    const r = service.importWord(fileParam(file), fileParam(outDir), force ?? false);
    if (r.status === 'exists') return { status: 'exists', files: r.files.map((f) => session.uriOf(f)) };
    return { ...r, spec: session.uriOf(r.spec), review: r.review ? session.uriOf(r.review) : null };
  });

  onRequest(session, ExportWordRequest, exportWordParams, async ({ uri, out, force }, service) => {
    const file = fileParam(uri);
    return withUris(session, service.exportWord(file, fileParam(out), force ?? false, await session.settingsFor(file)));
  });

  onRequest(session, ExportReviewWordRequest, exportWordParams, async ({ uri, out, force }, service) => {
    const file = fileParam(uri);
    return withUris(session, service.exportReviewWord(file, fileParam(out), force ?? false, await session.settingsFor(file)));
  });

  onRequest(session, SaveRedlineRequest, saveRedlineParams, async ({ uri, out, force, otherUri, rev }, service) => {
    const file = fileParam(uri);
    const other = rev !== undefined ? { rev } : { file: fileParam(otherUri!) };
    return withUris(session, service.saveRedline(file, other, fileParam(out), force ?? false, await session.settingsFor(file)));
  });

  onRequest(session, LedgerRequest, uriParams, async ({ uri }, service) => {
    const file = fileParam(uri);
    return service.ledgerPage(file, await session.settingsFor(file));
  });
}
