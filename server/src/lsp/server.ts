/**
 * The language server: its capabilities and one registration per feature. `startServer(connection, options)`
 * is used by main.ts (stdio / IPC / socket) and by the in-process tests (PassThrough streams). The work is
 * done by the language service (`service/`) over the shared project model; this layer converts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { importText } from '../cli/commands/import.js';
import { CONFIG_FILE_NAME } from '../core/config.js';
import { resolveRevision, showFile } from '../node/git.js';
import { nodeHost, overlayHost } from '../node/host.js';
import { docsBaseUrl } from '../node/paths.js';
import { ExportError, writeDocument } from '../node/export.js';
import { ImportFailure, runImport } from '../node/import.js';
import { updateSidecar } from '../node/sidecarWrite.js';
import { Project, REVIEW_SUFFIX, SPEC_SUFFIX } from '../project/project.js';
import { LanguageService, readSettings, TargetExistsError, type ServiceHost } from '../service/index.js';
import { fileOf } from './documents.js';
import { registerDocuments } from './handlers/documents.js';
import { DiagnosticConversions, FIX_ALL } from './convert.js';
import { registerEditing } from './handlers/editing.js';
import { registerHover } from './handlers/hover.js';
import { registerNavigation } from './handlers/navigation.js';
import { registerReviews } from './handlers/reviews.js';
import { registerViews } from './handlers/views.js';
import { registerWord } from './handlers/word.js';
import { indexRoot } from './indexer.js';
import { Session, type ServerOptions } from './session.js';

export type { ServerOptions };

/** Git, sidecar writes and the date, on Node. */
const NODE_SERVICE_HOST: ServiceHost = {
  showAtRevision: (file, rev) => showFile(resolveRevision(path.dirname(file), rev), file),
  updateSidecar: (file, change, initial) => updateSidecar(file, change, initial),
  today: () => new Date().toISOString().slice(0, 10),
  importWord: (docx, outDir, force) => {
    try {
      const run = runImport(docx, { out: outDir, force });
      return { spec: run.spec, review: run.review, summary: importText(run).trimEnd(), warnings: run.warnings };
    } catch (e) {
      // runImport checks every target before writing any: "PATH exists; nothing was written (--force ...)".
      const exists = e instanceof ImportFailure ? /^(.*) exists; nothing was written/.exec(e.message) : null;
      if (exists) throw new TargetExistsError([exists[1]!]);
      throw e;
    }
  },
  writeDocument: (file, bytes, force) => {
    try {
      writeDocument(file, bytes, force);
    } catch (e) {
      throw e instanceof ExportError ? new Error(e.message) : e;
    }
  },
  exists: (file) => fs.existsSync(file),
};

export function capabilities(): InitializeResult['capabilities'] {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    codeLensProvider: { resolveProvider: false },
    completionProvider: { triggerCharacters: [':', ' ', ',', '-', '#', '*'] },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL] },
    documentSymbolProvider: true,
    workspaceSymbolProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
    foldingRangeProvider: true,
    documentLinkProvider: { resolveProvider: false },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const session = new Session(connection, options);
  connection.onInitialize((params) => initialize(session, params));
  connection.onInitialized(() => initialized(session));
  connection.onShutdown(() => {
    session.shuttingDown = true;
  });
  registerDocuments(session);
  registerHover(session);
  registerEditing(session);
  registerNavigation(session);
  registerViews(session);
  registerReviews(session);
  registerWord(session);
  connection.listen();
  session.log(`service-spec language server started${options.naive ? ' (naive full reparse)' : ''}`);
}

function initialize(session: Session, params: InitializeParams): InitializeResult {
  const caps = params.capabilities ?? {};
  session.support = {
    pullSettings: Boolean(caps.workspace?.configuration),
    watchFiles: Boolean(caps.workspace?.didChangeWatchedFiles?.dynamicRegistration),
    refreshLenses: Boolean(caps.workspace?.codeLens?.refreshSupport),
    progress: Boolean(caps.window?.workDoneProgress),
    codeDescription: Boolean(caps.textDocument?.publishDiagnostics?.codeDescriptionSupport),
  };
  const init = (params.initializationOptions ?? undefined) as { settings?: unknown; ruleDocsBaseUrl?: unknown; ruleLinks?: unknown } | undefined;
  session.settings.pushed = readSettings(init?.settings ?? init);
  // `ruleLinks: "client"`: the client links each code to its rule's page itself (the VS Code extension
  // does), so the server leaves `codeDescription` out of every diagnostic it sends.
  if (session.support.codeDescription && init?.ruleLinks !== 'client') {
    // A stable link for clients that show rule links: the rule pages shipped with this server, or a base the
    // client names (a web mirror). The VS Code client rewrites it to open the page bundled with the extension.
    const base = typeof init?.ruleDocsBaseUrl === 'string' && /^https?:\/\/\S+\/$/.test(init.ruleDocsBaseUrl) ? init.ruleDocsBaseUrl : docsBaseUrl();
    session.ruleLink = (code) => `${base}${code}.md`;
    session.conversions = new DiagnosticConversions(session.ruleLink);
  }
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const folders = uris.flatMap((u) => {
    const f = fileOf(u);
    return f && path.isAbsolute(f) ? [f] : [];
  });
  const documents = session.documents;
  session.service = new LanguageService({
    project: new Project(overlayHost((file) => documents.get(file)?.text, nodeHost)),
    documents,
    host: NODE_SERVICE_HOST,
    folders,
    naive: session.options.naive,
    indexInBackground: (root) => indexRoot(session, root),
  });
  return { capabilities: capabilities(), serverInfo: { name: 'service-spec-language-server' } };
}

function initialized(session: Session): void {
  const { connection, support, service } = session;
  if (support.pullSettings) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'serviceSpec' });
  if (support.watchFiles) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: `**/*${SPEC_SUFFIX}` }, { globPattern: `**/*${REVIEW_SUFFIX}` }],
    });
  }
  // Each workspace folder's specs are read in the background, so edits never wait for them.
  for (const folder of service?.workspace.folders ?? []) service?.workspace.startIndexing(folder);
}
