/**
 * Text synchronisation and file events: open documents win over the disk (the project reads them through
 * the overlay host), so a change to a configuration file or a sidecar re-checks the specs before it is
 * saved; files changed on disk are forgotten by the project model and read again when needed.
 */
import * as path from 'node:path';
import { isConfigPath, isReviewPath, isSpecPath } from '../../service/index.js';
import { workspaceFoldersParams, configurationParams, didChangeParams, didCloseParams, didOpenParams, watchedFilesParams } from '../params.js';
import { fileOf } from '../documents.js';
import { onNotification } from '../register.js';
import type { Session } from '../session.js';
import { clear, publishConfig, publishSidecar, schedule, scheduleAll } from './diagnostics.js';

const DELETED = 3;

export function registerDocuments(session: Session): void {
  onNotification(session, 'textDocument/didOpen', didOpenParams, ({ textDocument: t }, service) => {
    const opened = session.documents.open(t.uri, t.languageId, t.version, t.text);
    if (!opened) return session.connection.console.warn(`service-spec: ignored a document with an unusable URI: ${JSON.stringify(t.uri).slice(0, 200)}`);
    const { file } = opened;
    if (isSpecPath(file) || (t.languageId === 'service-spec' && !isReviewPath(file) && !isConfigPath(file))) {
      service.workspace.opened(file, true);
      return schedule(session, file);
    }
    service.workspace.opened(file, false);
    otherFileChanged(session, file);
  });

  onNotification(session, 'textDocument/didChange', didChangeParams, ({ textDocument: t, contentChanges }, service) => {
    const opened = session.documents.change(t.uri, t.version, contentChanges);
    if (!opened) return;
    if (service.workspace.isOpenSpec(opened.file)) return schedule(session, opened.file);
    service.workspace.edited(opened.file);
    otherFileChanged(session, opened.file);
  });

  onNotification(session, 'textDocument/didClose', didCloseParams, ({ textDocument: t }, service) => {
    const opened = session.documents.close(t.uri);
    if (!opened) return;
    const wasSpec = service.workspace.isOpenSpec(opened.file);
    service.workspace.closed(opened.file);
    if (!wasSpec) return otherFileChanged(session, opened.file);
    session.pending.delete(opened.file);
    clear(session, opened.file);
  });

  onNotification(session, 'workspace/didChangeWatchedFiles', watchedFilesParams, ({ changes }, service) => {
    let recheck = false;
    for (const change of changes) {
      const file = fileOf(change.uri);
      if (!file || session.documents.byFileOf(file)) continue; // open documents win over the disk
      service.workspace.fileChanged(file);
      if (isConfigPath(file)) {
        if (change.type === DELETED) clear(session, file);
        otherFileChanged(session, file, change.type === DELETED);
      } else if (isReviewPath(file)) {
        if (change.type === DELETED) clear(session, file);
        else void publishSidecar(session, file);
        recheck = true;
      } else if (isSpecPath(file)) recheck = true;
    }
    if (recheck) scheduleAll(session);
  });

  onNotification(session, 'workspace/didChangeWorkspaceFolders', workspaceFoldersParams, ({ event }, service) => {
    const paths = (list: { uri: string }[]) => list.map((f) => fileOf(f.uri)).filter((f): f is string => f !== undefined && path.isAbsolute(f));
    const removed = new Set(paths(event.removed));
    const added = paths(event.added);
    service.workspace.folders = [...service.workspace.folders.filter((f) => !removed.has(f)), ...added];
    for (const folder of added) service.workspace.startIndexing(folder);
    scheduleAll(session);
  });

  onNotification(session, 'workspace/didChangeConfiguration', configurationParams, ({ settings }) => {
    session.settings.changed((settings as { serviceSpec?: unknown } | undefined)?.serviceSpec);
    scheduleAll(session);
    session.refreshLenses();
  });
}

/** A configuration file or a sidecar changed (opened, edited, closed, or on disk): publish it, re-check the specs. */
function otherFileChanged(session: Session, file: string, deleted = false): void {
  if (isConfigPath(file)) {
    if (!deleted) void publishConfig(session, file, true);
    scheduleAll(session);
    session.refreshLenses();
  } else if (isReviewPath(file)) {
    void publishSidecar(session, file);
    scheduleAll(session);
  }
}
