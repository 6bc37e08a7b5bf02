/**
 * The language server: wires LSP requests to the core. `startServer(connection, options)` is used by
 * main.ts (stdio / IPC) and by the in-process tests (PassThrough streams). No analysis happens here.
 */
import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  CodeActionKind,
  CompletionItemKind,
  type DocumentSymbol,
  InsertTextFormat,
  ResponseError,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type DocumentLink,
  type FoldingRange,
  type Location,
  type SymbolInformation,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
  type CodeLens,
  type Connection,
  type Diagnostic,
  type Hover,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { checkConfigFile, checkSpec } from './core/analyze.js';
import { CONFIG_FILE_NAME, defaultConfig, parseConfig, type LoadedConfig, type SeveritySetting } from './core/config.js';
import { costHover, requirementAtHeading, requirementHover } from './core/hover.js';
import { complete } from './core/features/completion.js';
import { previewBody } from './core/features/preview.js';
import { diffSpecs } from './core/diff/diff.js';
import { changeLine, diffBody } from './core/diff/html.js';
import { execFileSync } from 'node:child_process';
import { fixesFor, fixAllEdits } from './core/features/fixes.js';
import { documentSymbols, foldingRanges, idAt, idOccurrences, type SymbolNode } from './core/features/navigation.js';
import { REQUIREMENT_ID } from './core/markdown.js';
import type { Range as CoreRange } from './core/text.js';
import type { SpecEntry } from './core/workspace.js';
import { anchorsOf, checkReviewFile } from './core/analyze.js';
import { parseReview, type ReviewFile, STANCES, NOTE_STATUSES, type Stance, type NoteStatus } from './core/review/sidecar.js';
import { snapshotOf } from './core/review/anchor.js';
import { addNote, addReply, newReviewText, setStatus } from './core/review/edit.js';
import type { ReviewOfSpec } from './core/rules/types.js';
import { updateSidecar } from './node/sidecarWrite.js';
import { costRequirement, costSpec, formatMoney, type SpecCost } from './core/estimator/estimate.js';
import type { SpecModel } from './core/model.js';
import { ChunkCache, parseSpec } from './core/parse.js';
import { RULE_IDS } from './core/rules/index.js';
import { LineIndex, stripBom } from './core/text.js';
import { WorkspaceIndex, specEntry } from './core/workspace.js';
import type { SpecDiagnostic } from './core/diagnostics.js';
import { findConfigFile, findSpecs, isConfigFile, isInside, isReviewFile, isSpecFile, readUtf8, ReadError, REVIEW_SUFFIX } from './node/files.js';
import { parseInBackground } from './node/parallel.js';
import { docsBaseUrl } from './node/paths.js';
import { bomShift, toLspDiagnostic, toLspDiagnosticInText, toLspRange } from './lsp/convert.js';

/** Settings under `serviceSpec` (package.json `contributes.configuration` declares the same defaults). */
export interface Settings {
  enable: boolean;
  /** Estimator profile from the configuration file ('default' for none). */
  profile: string;
  /** Per-rule severity overrides. */
  rules: Record<string, SeveritySetting>;
  /** Minimum lead time in days for short-lead-time; null keeps the configuration file's (default 90). */
  minimumLeadTimeDays: number | null;
}

/** The code action kind of "fix all" for this language (`editor.codeActionsOnSave: {"source.fixAll": true}`). */
export const FIX_ALL = `${CodeActionKind.SourceFixAll}.service-spec`;

export const DEFAULT_SETTINGS: Settings = { enable: true, profile: 'default', rules: {}, minimumLeadTimeDays: null };

export interface ServerOptions {
  /** Reparse the whole document on every change: the benchmark's baseline. */
  naive?: boolean;
}

interface DocState {
  cache: ChunkCache;
  model?: SpecModel;
  diagnostics: SpecDiagnostic[];
  version: number;
  config?: LoadedConfig;
  /** Review sidecars of this spec at the last analysis. */
  reviews?: ReviewOfSpec[];
  /** Costs of `model` under `config`, computed when first asked for. */
  cost?: { model: SpecModel; config: LoadedConfig; value: SpecCost };
}

/** What the client's status item shows for a spec (notification `serviceSpec/costSummary`). */
export interface CostSummary {
  uri: string;
  profile: string;
  profiles: string[];
  costPerPcn: number;
  costPerPractice: number;
  unfundedCostPerPcn: number;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, DocState>();
  const configs = new Map<string, LoadedConfig>();
  const publishedConfigs = new Set<string>();
  const workspace = new WorkspaceIndex();
  /** Review sidecars of the workspace by URI (open documents override the disk). */
  const sidecars = new Map<string, ReviewFile>();
  const settingsCache = new Map<string, Promise<Settings>>();
  const pending = new Set<string>();
  let flushScheduled = false;
  let roots: string[] = [];
  let canPullSettings = false;
  let canWatchDynamically = false;
  let canRefreshLenses = false;
  let canShowProgress = false;
  let initSettings: Partial<Settings> = {};
  const docsBase = docsBaseUrl();

  const log = (m: string) => connection.console.log(m);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canPullSettings = Boolean(params.capabilities.workspace?.configuration);
    canWatchDynamically = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    canRefreshLenses = Boolean(params.capabilities.workspace?.codeLens?.refreshSupport);
    canShowProgress = Boolean(params.capabilities.window?.workDoneProgress);
    initSettings = readSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings ?? params.initializationOptions);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.map((u) => URI.parse(u).fsPath);
    return {
      capabilities: {
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
      },
      serverInfo: { name: 'service-spec-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (canPullSettings) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'serviceSpec' });
    if (canWatchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: '**/*.spec.md' }, { globPattern: `**/*${REVIEW_SUFFIX}` }],
      });
    }
    // Index the workspace's specs in the background, so edits are never blocked.
    const files = roots.flatMap((r) => findSpecs(r, ['.spec.md', REVIEW_SUFFIX]));
    workspace.complete = files.length === 0;
    const total = files.length;
    const started = performance.now();
    // Progress in the editor's status area (LSP work-done progress), when the client shows it.
    const progress = canShowProgress && total > 0 ? connection.window.createWorkDoneProgress().catch(() => undefined) : Promise.resolve(undefined);
    void progress.then((p) => p?.begin('Indexing specs', 0, `0/${total}`, false));
    const finish = () => {
      workspace.complete = true;
      if (total > 0) connection.console.info(`service-spec: indexed ${total} files in ${Math.round(performance.now() - started)} ms`);
      void progress.then((p) => p?.done());
      for (const uri of states.keys()) schedule(uri);
    };
    /** Indexes one file unless it is open (its own analysis indexes it); `parsed` when a worker parsed it. */
    const indexOne = (file: string, parsed?: SpecModel | ReadError) => {
      const uri = URI.file(file).toString();
      if (states.has(uri) || documents.get(uri)) return;
      try {
        if (isReviewFile(file)) sidecars.set(uri, parseReview(readUtf8(file)));
        else {
          const model = parsed ?? parseSpec(readUtf8(file));
          if (!(model instanceof ReadError)) workspace.add(specEntry(uri, dirOf(uri), model));
        }
      } catch {
        /* unreadable files are reported when opened or checked */
      }
    };
    // Specs are parsed on a worker thread, so edits never wait for the index; sidecars (small) here.
    const specs = files.filter((f) => !isReviewFile(f));
    let indexed = 0;
    const counted = () => {
      indexed++;
      if (indexed % 25 === 0) void progress.then((p) => p?.report(Math.floor((indexed / total) * 100), `${indexed}/${total}`));
    };
    const inBackground =
      specs.length > 1 &&
      !options.naive &&
      parseInBackground(
        specs,
        (file, model) => (indexOne(file, model), counted()),
        () => {
          for (const f of files) if (isReviewFile(f)) indexOne(f), counted();
          finish();
        },
      );
    if (inBackground) return;
    // No worker here: a file per turn on this thread, so an edit waits for one file at most.
    const step = () => {
      const file = files.shift();
      if (!file) return finish();
      counted();
      indexOne(file);
      setImmediate(step);
    };
    setImmediate(step);
  });

  // --- settings ------------------------------------------------------------------------------------
  function settingsFor(uri: string): Promise<Settings> {
    let s = settingsCache.get(uri);
    if (!s) {
      s = canPullSettings
        ? connection.workspace
            .getConfiguration({ scopeUri: uri, section: 'serviceSpec' })
            .then((v) => ({ ...DEFAULT_SETTINGS, ...initSettings, ...readSettings(v) }))
            .catch(() => ({ ...DEFAULT_SETTINGS, ...initSettings }))
        : Promise.resolve({ ...DEFAULT_SETTINGS, ...initSettings });
      settingsCache.set(uri, s);
    }
    return s;
  }

  connection.onDidChangeConfiguration((change) => {
    settingsCache.clear();
    if (!canPullSettings) initSettings = { ...initSettings, ...readSettings((change.settings as { serviceSpec?: unknown } | undefined)?.serviceSpec) };
    configs.clear();
    for (const uri of states.keys()) schedule(uri);
    refreshLenses();
  });

  // --- configuration files -------------------------------------------------------------------------
  function configFor(specUri: string, settings: Settings): LoadedConfig {
    const file = specUri.startsWith('file:') ? findConfigFile(path.dirname(URI.parse(specUri).fsPath)) : undefined;
    const key = `${file ?? ''}\0${settings.profile}\0${settings.minimumLeadTimeDays ?? ''}`;
    let c = configs.get(key);
    if (!c) {
      const opts = { profile: settings.profile, knownRules: RULE_IDS };
      if (!file) c = defaultConfig(opts);
      else {
        const open = documents.get(URI.file(file).toString());
        try {
          c = parseConfig(open ? open.getText() : readUtf8(file), file, opts);
        } catch (e) {
          c = {
            ...defaultConfig(opts),
            path: file,
            problems: [{ range: { start: 0, end: 0 }, message: (e as Error).message, severity: 'error' }],
            fellBack: true,
          };
        }
      }
      if (c.unknownProfile) {
        connection.window.showWarningMessage(
          `Service Spec: profile "${c.unknownProfile}" is not defined${file ? ` in ${file}` : ''}; using the default assumptions.`,
        );
        c = { ...c, unknownProfile: undefined };
      }
      if (file) publishConfigDiagnostics(file, c);
      if (settings.minimumLeadTimeDays !== null) {
        const rules = c.config.rules;
        c = {
          ...c,
          config: { ...c.config, rules: { ...rules, 'short-lead-time': { ...rules['short-lead-time'], 'minimum-days': settings.minimumLeadTimeDays } } },
        };
      }
      configs.set(key, c);
    }
    return c;
  }

  function publishConfigDiagnostics(file: string, loaded: LoadedConfig): void {
    const uri = URI.file(file).toString();
    const open = documents.get(uri);
    let text: string;
    try {
      text = open ? open.getText() : readUtf8(file);
    } catch {
      return;
    }
    const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const lines = new LineIndex(stripBom(text));
    const diagnostics: Diagnostic[] = checkConfigFile(loaded).map((d) =>
      toLspDiagnosticInText(
        (o) => {
          const p = lines.positionAt(o);
          return p.line === 0 ? { line: 0, character: p.character + shift } : p;
        },
        d,
        docsBase,
      ),
    );
    if (diagnostics.length || publishedConfigs.has(uri)) {
      publishedConfigs.add(uri);
      void connection.sendDiagnostics({ uri, diagnostics });
    }
  }

  function configChanged(): void {
    configs.clear();
    for (const uri of states.keys()) schedule(uri);
    refreshLenses();
  }

  /** Costs change without an edit when the configuration or the profile changes: ask for new lenses. */
  function refreshLenses(): void {
    if (canRefreshLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  }

  function costsOf(state: DocState, model: SpecModel, config: LoadedConfig): SpecCost {
    if (state.cost?.model !== model || state.cost.config !== config) state.cost = { model, config, value: costSpec(model, config.config) };
    return state.cost.value;
  }

  // --- documents -----------------------------------------------------------------------------------
  documents.onDidOpen((e) => {
    if (isConfigUri(e.document.uri)) return configChanged();
    if (isReviewUri(e.document.uri)) return sidecarChanged(e.document.uri, e.document.getText());
    if (!isSpecUri(e.document.uri)) return;
    states.set(e.document.uri, { cache: new ChunkCache(), diagnostics: [], version: -1 });
    schedule(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    if (isConfigUri(e.document.uri)) return configChanged();
    if (isReviewUri(e.document.uri)) return sidecarChanged(e.document.uri, e.document.getText());
    if (states.has(e.document.uri)) schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    if (isConfigUri(e.document.uri)) return configChanged();
    if (isReviewUri(e.document.uri)) {
      try {
        return sidecarChanged(e.document.uri, readUtf8(URI.parse(e.document.uri).fsPath));
      } catch {
        sidecars.delete(e.document.uri);
        return;
      }
    }
    states.delete(e.document.uri);
    pending.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeWatchedFiles((e) => {
    let specs = false;
    for (const change of e.changes) {
      if (isConfigUri(change.uri)) configChanged();
      else if (isReviewUri(change.uri) && !documents.get(change.uri)) {
        if (change.type === FileChangeType.Deleted) {
          sidecars.delete(change.uri);
          void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
          for (const uri of states.keys()) schedule(uri);
        } else {
          try {
            sidecarChanged(change.uri, readUtf8(URI.parse(change.uri).fsPath));
          } catch {
            /* unreadable: nothing to show */
          }
        }
      } else if (isSpecUri(change.uri) && !states.has(change.uri)) {
        specs = true;
        if (change.type === FileChangeType.Deleted) workspace.remove(change.uri);
        else {
          try {
            workspace.add(specEntry(change.uri, dirOf(change.uri), parseSpec(readUtf8(URI.parse(change.uri).fsPath))));
          } catch {
            workspace.remove(change.uri);
          }
        }
      }
    }
    if (specs) for (const uri of states.keys()) schedule(uri);
  });

  // --- review sidecars ----------------------------------------------------------------------------------

  /** The spec a sidecar names, as a URI, if it stays inside the workspace. */
  function sidecarTarget(sidecarUri: string, review: ReviewFile): { specUri?: string; problem?: string } {
    if (!review.spec || !sidecarUri.startsWith('file:')) return {};
    const specPath = path.resolve(path.dirname(URI.parse(sidecarUri).fsPath), review.spec);
    const inside = roots.length === 0 || roots.some((r) => isInside(r, specPath));
    if (!inside) return { problem: `Review file names spec "${review.spec}", which is outside the workspace; expected a path inside it` };
    return { specUri: URI.file(specPath).toString() };
  }

  /** The model of a spec by URI: the open document's, the index's, or read from disk. */
  function specModel(specUri: string): SpecModel | undefined {
    const open = states.get(specUri);
    if (open && documents.get(specUri)) return currentModel(specUri)?.model;
    const entry = entryFor(specUri);
    if (entry) return entry.model;
    try {
      return parseSpec(readUtf8(URI.parse(specUri).fsPath));
    } catch {
      return undefined;
    }
  }

  function reviewsOf(specUri: string, model: SpecModel): ReviewOfSpec[] {
    const out: ReviewOfSpec[] = [];
    for (const [uri, review] of sidecars) {
      if (sidecarTarget(uri, review).specUri === specUri) out.push({ file: uri, review, anchors: anchorsOf(review, model) });
    }
    return out;
  }

  function sidecarChanged(uri: string, text: string): void {
    const review = parseReview(text);
    sidecars.set(uri, review);
    publishSidecar(uri);
    const target = sidecarTarget(uri, review).specUri;
    for (const specUri of states.keys()) if (!target || specUri === target) schedule(specUri);
  }

  function publishSidecar(uri: string): void {
    const review = sidecars.get(uri);
    if (!review) return;
    const target = sidecarTarget(uri, review);
    const model = target.specUri ? specModel(target.specUri) : undefined;
    const problem = target.problem ?? (target.specUri && !model ? `Review file names spec "${review.spec}", which cannot be read` : undefined);
    const config = target.specUri ? configFor(target.specUri, DEFAULT_SETTINGS) : defaultConfig();
    const lines = new LineIndex(review.text);
    const doc = documents.get(uri);
    const shift = doc ? bomShift(doc) : 0;
    const diagnostics = checkReviewFile(review, model, problem, { config }).map((d) => ({
      ...toLspDiagnosticInText(
        (o) => {
          const p = lines.positionAt(o);
          return p.line === 0 ? { line: 0, character: p.character + shift } : p;
        },
        d,
        docsBase,
      ),
      ...(d.data ? { data: d.data } : {}),
    }));
    void connection.sendDiagnostics({ uri, diagnostics });
  }

  /** Coalesces work: several changes before the next turn give one analysis of the latest text. */
  function schedule(uri: string): void {
    pending.add(uri);
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      const uris = [...pending];
      pending.clear();
      for (const u of uris) void validate(u);
    });
  }

  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    const state = states.get(uri);
    if (!doc || !state) return;
    // The document object is updated in place by later edits: remember which version this run is for.
    const version = doc.version;
    const stale = () => documents.get(uri) !== doc || doc.version !== version || states.get(uri) !== state;
    const settings = await settingsFor(uri);
    // A newer edit arrived while settings were fetched: its own run will publish.
    if (stale()) return;
    try {
      const model = parseSpec(doc.getText(), options.naive ? { whole: true } : { cache: state.cache });
      state.model = model;
      state.version = doc.version;
      workspace.add(specEntry(uri, dirOf(uri), model));
      // Let queued messages in: if a newer edit arrived, this result is stale and its own run publishes.
      await new Promise((resolve) => setImmediate(resolve));
      if (stale()) return;
      if (!settings.enable) {
        state.diagnostics = [];
        void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: [] });
        return;
      }
      const config = configFor(uri, settings);
      state.config = config;
      const reviews = reviewsOf(uri, model);
      state.reviews = reviews;
      state.diagnostics = checkSpec(model, { config, workspace, dir: dirOf(uri), severityOverrides: settings.rules, reviews });
      for (const r of reviews) publishSidecar(r.file);
      const shift = bomShift(doc);
      void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: state.diagnostics.map((d) => toLspDiagnostic(doc, d, docsBase, shift)) });
      const total = costsOf(state, model, config).total;
      const summary: CostSummary = {
        uri,
        profile: config.profile,
        profiles: config.profiles,
        costPerPcn: total.costPerPcn,
        costPerPractice: total.costPerPractice,
        unfundedCostPerPcn: total.unfundedCostPerPcn,
      };
      void connection.sendNotification('serviceSpec/costSummary', summary);
    } catch (e) {
      // Never let one document take the server down; say what happened and keep serving.
      connection.console.error(`service-spec: analysis of ${uri} failed: ${(e as Error).stack ?? e}`);
    }
  }

  /** The model for the document's current text (analysing now if an edit is pending). */
  function currentModel(uri: string): DocState | undefined {
    const doc = documents.get(uri);
    const state = states.get(uri);
    if (!doc || !state) return undefined;
    if (state.version !== doc.version || !state.model) {
      state.model = parseSpec(doc.getText(), options.naive ? { whole: true } : { cache: state.cache });
      state.version = -1; // diagnostics still belong to the older text; validate() will refresh them
    }
    return state;
  }

  connection.onHover(async (params): Promise<Hover | null> => {
    const doc = documents.get(params.textDocument.uri);
    const state = currentModel(params.textDocument.uri);
    if (!doc || !state?.model) return null;
    const model = state.model;
    const shift = bomShift(doc);
    const offset = doc.offsetAt(params.position) - shift;
    const settings = await settingsFor(params.textDocument.uri);
    const config = state.config ?? configFor(params.textDocument.uri, settings);
    const req = requirementAtHeading(model, offset);
    if (req) {
      const diagnostics = state.diagnostics.filter((d) => d.range.start >= req.range.start && d.range.start <= req.range.end);
      const cost = costRequirement(req, config.config);
      return {
        contents: {
          kind: 'markdown',
          value:
            requirementHover(model, req, config.config, diagnostics) +
            '\n\n' +
            costHover(cost, config) +
            notesHover(reviewsOf(params.textDocument.uri, model), req.id),
        },
        range: toLspRange(doc, req.headingRange, shift),
      };
    }
    // Inside a workload block: that block's activities.
    for (const r of model.requirements) {
      if (offset < r.range.start || offset > r.range.end) continue;
      const block = r.workload.find((b) => offset >= b.range.start && offset <= b.range.end);
      if (!block) return null;
      const all = costRequirement({ ...r, workload: [block] }, config.config);
      return {
        contents: { kind: 'markdown', value: costHover(all, config, `Workload of ${r.id}`) },
        range: toLspRange(doc, block.range, shift),
      };
    }
    return null;
  });

  connection.onCodeLens(async (params): Promise<CodeLens[]> => {
    const doc = documents.get(params.textDocument.uri);
    const state = currentModel(params.textDocument.uri);
    if (!doc || !state?.model) return [];
    const settings = await settingsFor(params.textDocument.uri);
    if (!settings.enable) return [];
    const config = state.config ?? configFor(params.textDocument.uri, settings);
    const cost = costsOf(state, state.model, config);
    const shift = bomShift(doc);
    const lenses: CodeLens[] = [];
    const t = cost.total;
    lenses.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      command: {
        title: `Spec total ${formatMoney(t.costPerPcn)} a year per PCN (${formatMoney(t.costPerPractice)} per practice) · unfunded ${formatMoney(t.unfundedCostPerPcn)} · profile ${config.profile}`,
        command: '',
      },
    });
    // What changed since the version this one supersedes, when that version is in the workspace.
    const fm = state.model.frontMatter.values;
    const older =
      fm.supersedes && fm.id
        ? workspace
            .specsWithId(fm.id, dirOf(params.textDocument.uri))
            .concat(workspace.entries().filter((e) => e.id === fm.id))
            .find((e) => e.model.frontMatter.values.version === fm.supersedes && e.file !== params.textDocument.uri)
        : undefined;
    if (older) {
      const d = diffSpecs(older.model, state.model, config.config, config.config);
      for (const r of d.requirements) {
        if (r.change === 'unchanged' || r.change === 'removed') continue;
        const req = state.model.requirements.find((x) => x.id === r.id && x.headingRange.start === r.headingStart);
        if (!req) continue;
        lenses.push({
          range: toLspRange(doc, req.headingRange, shift),
          command: { title: `${r.change === 'added' ? 'new' : r.change} since ${fm.supersedes}${changeLine(r) ? `: ${changeLine(r)}` : ''}`, command: '' },
        });
      }
    }
    state.model.requirements.forEach((req, i) => {
      const c = cost.requirements[i]!;
      if (!c.activities.length) return;
      lenses.push({
        range: toLspRange(doc, req.headingRange, shift),
        command: {
          title: `${formatMoney(c.costPerPcn)} per PCN · ${formatMoney(c.costPerPractice)} per practice${c.unfunded ? ' · unfunded' : ''}`,
          command: '',
        },
      });
    });
    return lenses;
  });

  // --- editing help ------------------------------------------------------------------------------------

  /** A location in a spec of the workspace: open documents convert through their text, others through the model. */
  function locate(uri: string, model: SpecModel, range: CoreRange): Location {
    const doc = documents.get(uri);
    if (doc) return { uri, range: toLspRange(doc, range) };
    const lines = new LineIndex(model.text);
    return { uri, range: { start: lines.positionAt(range.start), end: lines.positionAt(range.end) } };
  }

  function entryFor(uri: string): SpecEntry | undefined {
    return workspace.entries().find((e) => e.file === uri);
  }

  connection.onCompletion(async (params): Promise<CompletionItem[]> => {
    const doc = documents.get(params.textDocument.uri);
    const state = currentModel(params.textDocument.uri);
    if (!doc || !state?.model) return [];
    const settings = await settingsFor(params.textDocument.uri);
    const config = configFor(params.textDocument.uri, settings);
    const shift = bomShift(doc);
    const items = complete(state.model, doc.offsetAt(params.position) - shift, { config: config.config, workspace, dir: dirOf(params.textDocument.uri) });
    const kinds = {
      field: CompletionItemKind.Field,
      value: CompletionItemKind.Value,
      reference: CompletionItemKind.Reference,
      keyword: CompletionItemKind.Keyword,
      snippet: CompletionItemKind.Snippet,
      property: CompletionItemKind.Property,
      enum: CompletionItemKind.EnumMember,
    };
    return items.map((i) => ({
      label: i.label,
      kind: kinds[i.kind],
      ...(i.detail ? { detail: i.detail } : {}),
      ...(i.documentation ? { documentation: i.documentation } : {}),
      ...(i.sortText ? { sortText: i.sortText } : {}),
      insertTextFormat: i.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range: toLspRange(doc, i.range, shift), newText: i.insertText },
    }));
  });

  connection.onCodeAction(async (params): Promise<CodeAction[]> => {
    if (isReviewUri(params.textDocument.uri)) {
      // A reanchored note: point it at the requirement its text is under now.
      return params.context.diagnostics
        .filter((d) => d.code === 'reanchored-review-note' && typeof (d.data as { suggestion?: unknown } | undefined)?.suggestion === 'string')
        .map((d) => {
          const id = (d.data as { suggestion: string }).suggestion;
          return {
            title: `Move the note to ${id}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            isPreferred: true,
            edit: { changes: { [params.textDocument.uri]: [{ range: d.range, newText: id }] } },
          };
        });
    }
    const doc = documents.get(params.textDocument.uri);
    const state = currentModel(params.textDocument.uri);
    if (!doc || !state?.model || state.version !== doc.version) return [];
    const shift = bomShift(doc);
    const uri = params.textDocument.uri;
    const toEdits = (edits: { range: CoreRange; newText: string }[]): LspTextEdit[] =>
      edits.map((e) => ({ range: toLspRange(doc, e.range, shift), newText: e.newText }));
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      const from = doc.offsetAt(params.range.start) - shift;
      const to = doc.offsetAt(params.range.end) - shift;
      for (const fix of fixesFor(state.model, state.diagnostics)) {
        if (fix.diagnostic.range.end < from || fix.diagnostic.range.start > to) continue;
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [toLspDiagnostic(doc, fix.diagnostic, docsBase, shift)],
          isPreferred: fix.fixAll,
          edit: { changes: { [uri]: toEdits(fix.edits) } },
        });
      }
    }
    if (wants(FIX_ALL) || only?.includes(CodeActionKind.SourceFixAll)) {
      const edits = fixAllEdits(state.model, state.diagnostics);
      if (edits.length) actions.push({ title: 'Fix all auto-fixable service-spec problems', kind: FIX_ALL, edit: { changes: { [uri]: toEdits(edits) } } });
    }
    return actions;
  });

  connection.onDocumentSymbol((params): DocumentSymbol[] => {
    const doc = documents.get(params.textDocument.uri);
    const state = currentModel(params.textDocument.uri);
    if (!doc || !state?.model) return [];
    const shift = bomShift(doc);
    const kind = { section: SymbolKind.Namespace, requirement: SymbolKind.Object, 'front-matter': SymbolKind.Module };
    const convert = (n: SymbolNode): DocumentSymbol => ({
      name: n.name,
      ...(n.detail ? { detail: n.detail } : {}),
      kind: kind[n.kind],
      range: toLspRange(doc, n.range, shift),
      selectionRange: toLspRange(doc, n.selectionRange, shift),
      children: n.children.map(convert),
    });
    return documentSymbols(state.model).map(convert);
  });

  connection.onWorkspaceSymbol((params): SymbolInformation[] => {
    const query = params.query.toLowerCase();
    const out: SymbolInformation[] = [];
    for (const e of workspace.entries()) {
      for (const r of e.model.requirements) {
        const name = `${r.id}: ${r.title}`;
        if (query && !fuzzy(name.toLowerCase(), query)) continue;
        out.push({
          name,
          kind: SymbolKind.Object,
          location: locate(e.file, e.model, r.idRange),
          containerName: e.id ? `${e.id} ${e.model.frontMatter.values.version ?? ''}`.trim() : undefined,
        });
        if (out.length >= 500) return out;
      }
    }
    return out;
  });

  /** The spec that defines an id occurrence: this one, or the workspace spec named by `spec-id/`. */
  function definingEntry(uri: string, model: SpecModel, specId: string | undefined, reqId: string): SpecEntry | undefined {
    if (specId === undefined) return entryFor(uri) ?? { file: uri, dir: dirOf(uri), id: model.frontMatter.values.id, requirementIds: new Set(), model };
    return workspace.specsWithId(specId, dirOf(uri)).find((e) => e.requirementIds.has(reqId));
  }

  /** Every occurrence of a requirement id across the workspace: its heading and every reference to it. */
  function occurrencesOf(target: SpecEntry, reqId: string): Location[] {
    const out: Location[] = [];
    for (const e of workspace.entries().concat(entryFor(target.file) ? [] : [target])) {
      for (const o of idOccurrences(e.model)) {
        if (o.reqId !== reqId) continue;
        const same =
          e.file === target.file
            ? o.specId === undefined
            : o.specId !== undefined && o.specId === target.id && workspace.specsWithId(o.specId, e.dir).includes(target);
        if (same) out.push(locate(e.file, e.model, o.idRange));
      }
    }
    return out;
  }

  function targetAt(uri: string, position: { line: number; character: number }): { entry: SpecEntry; reqId: string; at: CoreRange } | undefined {
    const doc = documents.get(uri);
    const state = currentModel(uri);
    if (!doc || !state?.model) return undefined;
    const occ = idAt(state.model, doc.offsetAt(position) - bomShift(doc));
    if (!occ) return undefined;
    const entry = definingEntry(uri, state.model, occ.specId, occ.reqId);
    return entry?.model.requirements.some((r) => r.id === occ.reqId) ? { entry, reqId: occ.reqId, at: occ.idRange } : undefined;
  }

  connection.onDefinition((params): Location | null => {
    const t = targetAt(params.textDocument.uri, params.position);
    const req = t?.entry.model.requirements.find((r) => r.id === t.reqId);
    return t && req ? locate(t.entry.file, t.entry.model, req.headingRange) : null;
  });

  connection.onReferences((params): Location[] => {
    const t = targetAt(params.textDocument.uri, params.position);
    if (!t) return [];
    const all = occurrencesOf(t.entry, t.reqId);
    if (params.context.includeDeclaration) return all;
    const req = t.entry.model.requirements.find((r) => r.id === t.reqId)!;
    const decl = locate(t.entry.file, t.entry.model, req.idRange);
    return all.filter((l) => !(l.uri === decl.uri && l.range.start.line === decl.range.start.line && l.range.start.character === decl.range.start.character));
  });

  connection.onPrepareRename((params) => {
    const t = targetAt(params.textDocument.uri, params.position);
    const doc = documents.get(params.textDocument.uri);
    if (!t || !doc) return null;
    return { range: toLspRange(doc, t.at), placeholder: t.reqId };
  });

  connection.onRenameRequest((params): WorkspaceEdit | ResponseError<void> | null => {
    const t = targetAt(params.textDocument.uri, params.position);
    if (!t) return null;
    if (!REQUIREMENT_ID.test(params.newName)) {
      return new ResponseError(0, `"${params.newName}" is not a requirement id (expected e.g. EHCH-3 or SMR-2.1)`);
    }
    if (t.entry.requirementIds.has(params.newName)) return new ResponseError(0, `${params.newName} is already used in ${t.entry.id ?? 'this spec'}`);
    const changes: Record<string, LspTextEdit[]> = {};
    for (const l of occurrencesOf(t.entry, t.reqId)) (changes[l.uri] ??= []).push({ range: l.range, newText: params.newName });
    return { changes };
  });

  connection.onFoldingRanges((params): FoldingRange[] => {
    const doc = documents.get(params.textDocument.uri);
    const state = currentModel(params.textDocument.uri);
    if (!doc || !state?.model) return [];
    const shift = bomShift(doc);
    const out: FoldingRange[] = [];
    for (const r of foldingRanges(state.model)) {
      const start = doc.positionAt(r.start + shift).line;
      let end = doc.positionAt(r.end + shift).line;
      if (doc.positionAt(r.end + shift).character === 0 && end > start) end--;
      if (end > start) out.push({ startLine: start, endLine: end });
    }
    return out;
  });

  connection.onDocumentLinks((params): DocumentLink[] => {
    const doc = documents.get(params.textDocument.uri);
    const state = currentModel(params.textDocument.uri);
    if (!doc || !state?.model) return [];
    const shift = bomShift(doc);
    const links: DocumentLink[] = [];
    for (const o of idOccurrences(state.model)) {
      if (o.definition || o.specId === undefined) continue;
      const entry = workspace.specsWithId(o.specId, dirOf(params.textDocument.uri)).find((e) => e.requirementIds.has(o.reqId));
      const req = entry?.model.requirements.find((r) => r.id === o.reqId);
      if (!entry || !req) continue;
      const line = locate(entry.file, entry.model, req.headingRange).range.start.line + 1;
      links.push({ range: toLspRange(doc, o.range, shift), target: `${entry.file}#L${line}`, tooltip: `${o.reqId}: ${req.title} (${entry.id})` });
    }
    return links;
  });

  /** The preview's body for a spec (`serviceSpec/preview`), with the document version it shows. */
  connection.onRequest('serviceSpec/preview', async (params: { uri: string }) => {
    const state = currentModel(params.uri);
    const doc = documents.get(params.uri);
    if (!doc || !state?.model) return null;
    const config = state.config ?? configFor(params.uri, await settingsFor(params.uri));
    const diagnostics = state.version === doc.version ? state.diagnostics : checkSpec(state.model, { config, workspace, dir: dirOf(params.uri) });
    return { version: doc.version, html: previewBody(state.model, diagnostics, costsOf(state, state.model, config), config.profile), bom: bomShift(doc) };
  });

  // --- review notes for the editor's comment threads -------------------------------------------------

  /** Every note on a spec, with where it is anchored now (`serviceSpec/review/threads`). */
  connection.onRequest('serviceSpec/review/threads', (params: { uri: string }) => {
    const doc = documents.get(params.uri);
    const model = specModel(params.uri);
    if (!model) return [];
    const shift = doc ? bomShift(doc) : 0;
    return reviewsOf(params.uri, model).flatMap((r) =>
      r.review.notes.map((n) => {
        const a = r.anchors.get(n)!;
        const req = model.requirements.find((x) => x.id === (a.currentRequirement ?? n.requirement));
        const range = req
          ? doc
            ? toLspRange(doc, req.headingRange, shift)
            : locate(params.uri, model, req.headingRange).range
          : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        return {
          sidecar: r.file,
          reviewer: r.review.reviewer ?? null,
          id: n.id,
          requirement: n.requirement,
          currentRequirement: a.currentRequirement ?? null,
          anchor: a.state,
          stance: n.stance,
          status: n.status,
          author: n.author ?? null,
          created: n.created ?? null,
          body: n.body ?? '',
          quote: n.quote ?? null,
          replies: n.replies,
          range,
        };
      }),
    );
  });

  function writeSidecar(sidecarUri: string, change: (text: string) => string, initial?: string): void {
    const file = URI.parse(sidecarUri).fsPath;
    if (documents.get(sidecarUri)) throw new ResponseError(0, `${path.basename(file)} is open with unsaved changes in the editor; save or close it first`);
    try {
      sidecarChanged(sidecarUri, updateSidecar(file, change, initial));
    } catch (e) {
      throw new ResponseError(0, (e as Error).message);
    }
  }

  /** The requirement the cursor is in (for "Add review note"). */
  connection.onRequest('serviceSpec/requirementAt', (params: { uri: string; position: { line: number; character: number } }) => {
    const doc = documents.get(params.uri);
    const state = currentModel(params.uri);
    if (!doc || !state?.model) return null;
    const offset = doc.offsetAt(params.position) - bomShift(doc);
    const req = state.model.requirements.filter((r) => r.headingRange.start <= offset).pop();
    return req && offset <= Math.max(req.range.end, req.headingRange.end) ? { id: req.id, title: req.title } : null;
  });

  /** Adds a note to the spec's sidecar (in the spec's folder; created when there is none). */
  connection.onRequest(
    'serviceSpec/review/addNote',
    (params: { uri: string; requirement: string; stance: Stance; body: string; author?: string; reviewer?: string; quote?: string }) => {
      if (!(STANCES as readonly string[]).includes(params.stance)) throw new ResponseError(0, `stance must be one of ${STANCES.join(', ')}`);
      const model = specModel(params.uri);
      const req = model?.requirements.find((r) => r.id === params.requirement);
      if (!model || !req) throw new ResponseError(0, `${params.requirement} is not a requirement of this spec`);
      const existing = [...sidecars.entries()].find(([u, r]) => sidecarTarget(u, r).specUri === params.uri && dirOf(u) === dirOf(params.uri));
      const specFile = URI.parse(params.uri).fsPath;
      const sidecarUri = existing?.[0] ?? URI.file(specFile.replace(/\.spec\.md$/, '') + REVIEW_SUFFIX).toString();
      let id = '';
      writeSidecar(
        sidecarUri,
        (text) => {
          const r = addNote(text, {
            requirement: req.id,
            stance: params.stance,
            body: params.body,
            author: params.author,
            created: new Date().toISOString().slice(0, 10),
            quote: params.quote,
            snapshot: params.quote ? undefined : snapshotOf(req),
          });
          id = r.id;
          return r.text;
        },
        newReviewText(path.basename(specFile), params.reviewer ?? 'Reviewer'),
      );
      return { sidecar: sidecarUri, id };
    },
  );

  connection.onRequest('serviceSpec/review/reply', (params: { sidecar: string; id: string; body: string; author?: string }) => {
    writeSidecar(params.sidecar, (text) =>
      addReply(text, params.id, { author: params.author, created: new Date().toISOString().slice(0, 10), body: params.body }),
    );
    return null;
  });

  connection.onRequest('serviceSpec/review/setStatus', (params: { sidecar: string; id: string; status: NoteStatus }) => {
    if (!(NOTE_STATUSES as readonly string[]).includes(params.status)) throw new ResponseError(0, `status must be one of ${NOTE_STATUSES.join(', ')}`);
    writeSidecar(params.sidecar, (text) => setStatus(text, params.id, params.status));
    return null;
  });

  /**
   * Compares the open spec with another file or a git revision of itself (`serviceSpec/compare`): the
   * webview's escaped HTML body. The other side is costed with its own configuration.
   */
  connection.onRequest('serviceSpec/compare', async (params: { uri: string; otherUri?: string; rev?: string }) => {
    const state = currentModel(params.uri);
    const doc = documents.get(params.uri);
    if (!state?.model || !doc) throw new ResponseError(0, 'open the spec first');
    const settings = await settingsFor(params.uri);
    const file = URI.parse(params.uri).fsPath;
    let oldText: string;
    let oldLabel: string;
    let oldConfig = configFor(params.uri, settings);
    try {
      if (params.rev) {
        const dir = path.dirname(file);
        const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' }).trim();
        const rel = path.relative(top, file).split(path.sep).join('/');
        oldText = execFileSync('git', ['show', `${params.rev}:${rel}`], {
          cwd: dir,
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        oldLabel = params.rev;
      } else if (params.otherUri) {
        oldText = readUtf8(URI.parse(params.otherUri).fsPath);
        oldLabel = path.basename(URI.parse(params.otherUri).fsPath);
        oldConfig = configFor(params.otherUri, settings);
      } else throw new Error('nothing to compare with');
    } catch (e) {
      throw new ResponseError(0, `cannot read the other version: ${(e as Error).message.split('\n')[0]}`);
    }
    const old = parseSpec(oldText);
    const d = diffSpecs(old, state.model, oldConfig.config, (state.config ?? configFor(params.uri, settings)).config);
    return { html: diffBody(d, old.frontMatter.values.version ?? oldLabel, state.model.frontMatter.values.version ?? 'this version'), bom: bomShift(doc) };
  });

  /** Profiles of the configuration that applies to a document, for the client's "switch profile" command. */
  connection.onRequest('serviceSpec/profiles', async (params: { uri: string }) => {
    const settings = await settingsFor(params.uri);
    const config = configFor(params.uri, settings);
    return { active: config.profile, profiles: config.profiles, config: config.path };
  });

  documents.listen(connection);
  connection.listen();
  log(`service-spec language server started${options.naive ? ' (naive full reparse)' : ''}`);
}

/** Characters of the query in order, as editors' symbol pickers match. */
function fuzzy(name: string, query: string): boolean {
  let i = 0;
  for (const c of name) if (c === query[i]) i++;
  return i === query.length;
}

/** Open review notes whose current requirement is `reqId`, marked when their anchor is not ok. */
function notesHover(reviews: ReviewOfSpec[], reqId: string): string {
  const lines: string[] = [];
  for (const r of reviews) {
    for (const n of r.review.notes) {
      const a = r.anchors.get(n);
      if (n.status !== 'open' || a?.currentRequirement !== reqId) continue;
      const mark = a.state === 'ok' ? '' : ` _(${a.state}${a.state === 'reanchored' ? ` from ${n.requirement}` : ''})_`;
      const body = (n.body ?? '').replace(/\s+/g, ' ').trim();
      lines.push(`- **${n.stance}** (${r.review.reviewer ?? 'reviewer'}, ${n.created ?? 'undated'})${mark}: ${body.replace(/([\\`*_[\]<>|#])/g, '\\$1')}`);
    }
  }
  return lines.length ? `\n\n**Open review notes** (${lines.length}):\n\n${lines.join('\n')}` : '';
}

function isReviewUri(uri: string): boolean {
  return isReviewFile(uri.split(/[?#]/)[0]!);
}

function isSpecUri(uri: string): boolean {
  return isSpecFile(uri.split(/[?#]/)[0]!);
}

function isConfigUri(uri: string): boolean {
  return isConfigFile(decodeURIComponent(uri.split(/[?#]/)[0]!));
}

function dirOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/'));
}

function readSettings(v: unknown): Partial<Settings> {
  if (!v || typeof v !== 'object') return {};
  const o = v as Record<string, unknown>;
  const out: Partial<Settings> = {};
  if (typeof o.enable === 'boolean') out.enable = o.enable;
  if (typeof o.profile === 'string' && o.profile) out.profile = o.profile;
  if (typeof o.minimumLeadTimeDays === 'number' && Number.isInteger(o.minimumLeadTimeDays) && o.minimumLeadTimeDays >= 0)
    out.minimumLeadTimeDays = o.minimumLeadTimeDays;
  const est = o.estimator as Record<string, unknown> | undefined;
  if (est && typeof est.profile === 'string' && est.profile) out.profile = est.profile;
  if (o.rules && typeof o.rules === 'object') {
    const rules: Record<string, SeveritySetting> = {};
    for (const [k, s] of Object.entries(o.rules as Record<string, unknown>)) {
      if (typeof s === 'string' && ['error', 'warning', 'info', 'hint', 'off'].includes(s)) rules[k] = s as SeveritySetting;
    }
    out.rules = rules;
  }
  return out;
}
