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
import { costRequirement, costSpec, formatMoney, type SpecCost } from './core/estimator/estimate.js';
import type { SpecModel } from './core/model.js';
import { ChunkCache, parseSpec } from './core/parse.js';
import { RULE_IDS } from './core/rules/index.js';
import { LineIndex, stripBom } from './core/text.js';
import { WorkspaceIndex, specEntry } from './core/workspace.js';
import type { SpecDiagnostic } from './core/diagnostics.js';
import { findConfigFile, findSpecs, isConfigFile, isSpecFile, readUtf8 } from './node/files.js';
import { docsBaseUrl } from './node/paths.js';
import { bomShift, toLspDiagnostic, toLspDiagnosticInText, toLspRange } from './lsp/convert.js';

/** Settings under `serviceSpec` (package.json `contributes.configuration` declares the same defaults). */
export interface Settings {
  enable: boolean;
  /** Estimator profile from the configuration file ('default' for none). */
  profile: string;
  /** Per-rule severity overrides. */
  rules: Record<string, SeveritySetting>;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, profile: 'default', rules: {} };

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
  const settingsCache = new Map<string, Promise<Settings>>();
  const pending = new Set<string>();
  let flushScheduled = false;
  let roots: string[] = [];
  let canPullSettings = false;
  let canWatchDynamically = false;
  let canRefreshLenses = false;
  let initSettings: Partial<Settings> = {};
  const docsBase = docsBaseUrl();

  const log = (m: string) => connection.console.log(m);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canPullSettings = Boolean(params.capabilities.workspace?.configuration);
    canWatchDynamically = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    canRefreshLenses = Boolean(params.capabilities.workspace?.codeLens?.refreshSupport);
    initSettings = readSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings ?? params.initializationOptions);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.map((u) => URI.parse(u).fsPath);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'service-spec-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (canPullSettings) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'serviceSpec' });
    if (canWatchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: '**/*.spec.md' }],
      });
    }
    // Index the workspace's specs in the background, a file per turn, so edits are never blocked.
    const files = roots.flatMap((r) => findSpecs(r));
    const step = () => {
      const file = files.shift();
      if (!file) {
        for (const uri of states.keys()) schedule(uri);
        return;
      }
      const uri = URI.file(file).toString();
      if (!states.has(uri)) {
        try {
          workspace.add(specEntry(uri, dirOf(uri), parseSpec(readUtf8(file))));
        } catch {
          /* unreadable files are reported when opened or checked */
        }
      }
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
    const key = `${file ?? ''}\0${settings.profile}`;
    let c = configs.get(key);
    if (!c) {
      const opts = { profile: settings.profile, knownRules: RULE_IDS };
      if (!file) c = defaultConfig(opts);
      else {
        const open = documents.get(URI.file(file).toString());
        try {
          c = parseConfig(open ? open.getText() : readUtf8(file), file, opts);
        } catch (e) {
          c = { ...defaultConfig(opts), path: file, problems: [{ range: { start: 0, end: 0 }, message: (e as Error).message, severity: 'error' }], fellBack: true };
        }
      }
      if (c.unknownProfile) {
        connection.window.showWarningMessage(`Service Spec: profile "${c.unknownProfile}" is not defined${file ? ` in ${file}` : ''}; using the default assumptions.`);
        c = { ...c, unknownProfile: undefined };
      }
      configs.set(key, c);
      if (file) publishConfigDiagnostics(file, c);
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
      toLspDiagnosticInText((o) => {
        const p = lines.positionAt(o);
        return p.line === 0 ? { line: 0, character: p.character + shift } : p;
      }, d, docsBase),
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
    if (!isSpecUri(e.document.uri)) return;
    states.set(e.document.uri, { cache: new ChunkCache(), diagnostics: [], version: -1 });
    schedule(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    if (isConfigUri(e.document.uri)) return configChanged();
    if (states.has(e.document.uri)) schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    if (isConfigUri(e.document.uri)) return configChanged();
    states.delete(e.document.uri);
    pending.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeWatchedFiles((e) => {
    let specs = false;
    for (const change of e.changes) {
      if (isConfigUri(change.uri)) configChanged();
      else if (isSpecUri(change.uri) && !states.has(change.uri)) {
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
    const settings = await settingsFor(uri);
    // A newer edit arrived while settings were fetched: its own run will publish.
    if (documents.get(uri)?.version !== doc.version || states.get(uri) !== state) return;
    try {
      const model = parseSpec(doc.getText(), options.naive ? { whole: true } : { cache: state.cache });
      state.model = model;
      state.version = doc.version;
      workspace.add(specEntry(uri, dirOf(uri), model));
      if (!settings.enable) {
        state.diagnostics = [];
        void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: [] });
        return;
      }
      const config = configFor(uri, settings);
      state.config = config;
      state.diagnostics = checkSpec(model, { config, workspace, dir: dirOf(uri), severityOverrides: settings.rules });
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
        contents: { kind: 'markdown', value: requirementHover(model, req, config.config, diagnostics) + '\n\n' + costHover(cost, config) },
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
    state.model.requirements.forEach((req, i) => {
      const c = cost.requirements[i]!;
      if (!c.activities.length) return;
      lenses.push({
        range: toLspRange(doc, req.headingRange, shift),
        command: { title: `${formatMoney(c.costPerPcn)} per PCN · ${formatMoney(c.costPerPractice)} per practice${c.unfunded ? ' · unfunded' : ''}`, command: '' },
      });
    });
    return lenses;
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
