/**
 * What the language service works on: the shared project model (`project/project.ts`: configuration lookup,
 * workspace roots, sidecar targets, reviews of a spec; files read through a host whose open documents win
 * over the disk), the open documents with their parse caches and last analyses, the editor's workspace
 * folders, and which workspace roots a background index has read.
 *
 * Files are named by absolute path. A document that is not a file (an untitled buffer) is named by its URI:
 * it gets the default configuration, no workspace and no reviews.
 */
import * as path from 'node:path';
import { checkSpec, RequirementFindings } from '../core/analyze.js';
import { CONFIG_FILE_NAME, defaultConfig, parseConfig, type LoadedConfig } from '../core/config.js';
import type { SpecDiagnostic } from '../core/diagnostics.js';
import { costSpec, type SpecCost } from '../core/estimator/estimate.js';
import type { SpecModel } from '../core/model.js';
import { LiveDocument, type TextChange } from '../core/liveDocument.js';
import { parseSpec } from '../core/parse.js';
import { RULE_IDS } from '../core/rules/index.js';
import type { ReviewOfSpec } from '../core/rules/types.js';
import { specEntry, WorkspaceIndex, type SpecEntry } from '../core/workspace.js';
import { ReadError } from '../project/host.js';
import { REVIEW_SUFFIX, SPEC_SUFFIX, type Project } from '../project/project.js';
import type { Settings } from './settings.js';

/** An open document's current text. */
export interface OpenDocument {
  text: string;
  version: number;
}

/** The editor's open documents, by absolute path (or URI for documents that are not files). */
export interface ServiceDocuments {
  get(file: string): OpenDocument | undefined;
  /**
   * The edits from `version` to the current text, in order, when known (the language server logs the
   * changes the editor sends); without them an open spec's dirty region is found by comparing texts.
   */
  changesSince?(file: string, version: number): TextChange[] | undefined;
}

/** A spec's analysis for one version of its text under one set of settings. */
export interface SpecAnalysis {
  file: string;
  version: number;
  model: SpecModel;
  config: LoadedConfig;
  /** False when the settings turn checking off: no diagnostics then. */
  enabled: boolean;
  diagnostics: SpecDiagnostic[];
  /** The sidecars reviewing this spec, with their notes' anchors. */
  reviews: ReviewOfSpec[];
}

interface DocState {
  live: LiveDocument;
  findings: RequirementFindings;
  model?: SpecModel;
  version: number;
  analysis?: SpecAnalysis & { settings: Settings; stamp: number };
  cost?: { model: SpecModel; config: LoadedConfig; value: SpecCost };
}

export interface WorkspaceOptions {
  /** Workspace folders opened in the editor (absolute paths). */
  folders?: string[];
  /**
   * Starts reading a workspace root in the background (the server's worker thread); it reports each spec
   * with `indexed` and the end with `indexFinished`. Without it, a root is read when first needed.
   */
  indexInBackground?: (root: string) => void;
  /** Reparse whole documents on every change (the benchmark's baseline). */
  naive?: boolean;
}

export const isSpecPath = (f: string) => f.endsWith(SPEC_SUFFIX);
export const isReviewPath = (f: string) => f.endsWith(REVIEW_SUFFIX);
export const isConfigPath = (f: string) => path.basename(f) === CONFIG_FILE_NAME;

export class ServiceWorkspace {
  folders: string[];
  private docs = new Map<string, DocState>();
  private configs = new Map<string, LoadedConfig>();
  /** Every spec read so far (indexed or open), for workspace symbols and indexes still being built. */
  private known = new Map<string, SpecModel>();
  private indexedRoots = new Set<string>();
  private indexingRoots = new Set<string>();
  /** Indexes of roots still being read, kept in step as specs arrive (complete = false). */
  private partials = new Map<string, WorkspaceIndex>();
  /** Roots whose project index this workspace has handed out (kept in step with open documents). */
  private usedRoots = new Set<string>();
  private patched = new WeakSet<WorkspaceIndex>();
  /** Bumped on every change that can change an analysis (another spec, a configuration, a sidecar, the index). */
  private stamp = 0;

  constructor(
    readonly project: Project,
    readonly documents: ServiceDocuments,
    private readonly options: WorkspaceOptions = {},
  ) {
    this.folders = (options.folders ?? []).map((f) => path.resolve(f));
  }

  /** Whether the name is a file's path (else the URI of a document that is not a file). */
  onDisk(file: string): boolean {
    return path.isAbsolute(file);
  }

  // --- documents ---------------------------------------------------------------------------------------

  /** A document was opened: a spec gets a parse cache; another file (sidecar, configuration) now reads from the editor. */
  opened(file: string, isSpec = isSpecPath(file)): void {
    if (isSpec) this.docs.set(file, { live: new LiveDocument(), findings: new RequirementFindings(), version: -1 });
    else this.fileChanged(file);
  }

  /** An open sidecar or configuration changed (an open spec is reparsed when asked for). */
  edited(file: string): void {
    if (!isSpecPath(file)) this.fileChanged(file);
  }

  /** A document was closed: the file on disk counts again. */
  closed(file: string): void {
    this.docs.delete(file);
    this.fileChanged(file);
  }

  /** Whether a spec is open in the editor. */
  isOpenSpec(file: string): boolean {
    return this.docs.has(file);
  }

  openSpecs(): string[] {
    return [...this.docs.keys()];
  }

  /** A file changed, was created or deleted (on disk, or its open document): forget what was read of it. */
  fileChanged(file: string): void {
    if (!this.onDisk(file)) return;
    this.stamp++;
    if (isConfigPath(file)) this.configs.clear();
    if (this.docs.has(file)) return; // an open spec: its document wins
    this.project.invalidate(file);
    if (!isSpecPath(file)) return;
    const model = this.underIndexedRoot(file) || this.known.has(file) ? this.project.spec(file) : undefined;
    this.track(file, model && !(model instanceof ReadError) ? model : undefined);
  }

  /** The text of a file: its open document's, else from the project (throws a ReadError). */
  textOf(file: string): string {
    return this.documents.get(file)?.text ?? this.project.text(file);
  }

  /** The model of an open spec's current text (parsed now when the text changed). */
  modelOf(file: string): SpecModel | undefined {
    const doc = this.documents.get(file);
    const state = this.docs.get(file);
    if (!doc || !state) return undefined;
    if (state.version !== doc.version || !state.model) {
      // A live model: valid until the next parse of this document (core/liveDocument.ts); only the latest is used.
      state.model = this.options.naive
        ? parseSpec(doc.text, { whole: true })
        : state.live.parse(doc.text, state.model ? this.documents.changesSince?.(file, state.version) : undefined);
      state.version = doc.version;
      this.setModel(file, state.model);
    }
    return state.model;
  }

  /** Chunks parsed by remark and milliseconds spent in it during an open spec's last parse (the benchmark's breakdown). */
  lastParse(file: string): { parsedChunks: number; remarkMs: number } | undefined {
    const live = this.docs.get(file)?.live;
    return live && { parsedChunks: live.parsedChunks, remarkMs: live.remarkMs };
  }

  /** A spec's model: the open document's, else the project's (undefined when it cannot be read). */
  specModel(file: string): SpecModel | undefined {
    if (this.docs.has(file)) return this.modelOf(file);
    if (!this.onDisk(file)) return undefined;
    const m = this.project.spec(file);
    return m instanceof ReadError ? undefined : m;
  }

  private setModel(file: string, model: SpecModel): void {
    this.stamp++;
    if (!this.onDisk(file)) return;
    this.project.setSpec(file, model);
    this.track(file, model);
    for (const root of this.usedRoots) if (inside(root, file)) put(this.projectIndex(root), file, model);
  }

  // --- configuration -------------------------------------------------------------------------------------

  /** The configuration file that applies to a file (undefined: the built-in defaults). */
  configPathFor(file: string): string | undefined {
    return this.onDisk(file) ? this.project.configPathFor(file) : undefined;
  }

  /** The configuration that applies to a file under the editor's settings (profile, minimum lead time). */
  configFor(file: string, settings: Settings): LoadedConfig {
    const configPath = this.configPathFor(file);
    const key = `${configPath ?? ''}\0${settings.profile}\0${settings.minimumLeadTimeDays ?? ''}`;
    let c = this.configs.get(key);
    if (!c) {
      c = loadConfig(this.project, configPath, settings);
      this.configs.set(key, c);
    }
    return c;
  }

  // --- workspace roots and the index ---------------------------------------------------------------------

  /** The innermost editor workspace folder holding a file. */
  folderOf(file: string): string | undefined {
    return this.folders.filter((f) => inside(f, file)).sort((a, b) => b.length - a.length)[0];
  }

  /**
   * The workspace root of a file, as `service-spec check` finds it: the folder of the nearest configuration
   * file, else the workspace folder holding it, else (no folder open) the file's own folder.
   */
  rootOf(file: string): string | undefined {
    if (!this.onDisk(file)) return undefined;
    return this.project.rootFor(file, this.folderOf(file) ?? path.dirname(file));
  }

  /** The specs a file can reference (`spec-id/REQ-ID`); `complete` is false while its root is still being read. */
  indexOf(file: string): WorkspaceIndex {
    const root = this.rootOf(file);
    if (!root) return new WorkspaceIndex();
    const background = this.options.indexInBackground;
    if (!background || this.covered(this.indexedRoots, root)) return this.projectIndex(root);
    if (!this.covered(this.indexingRoots, root)) this.startIndexing(root);
    return this.partialIndex(root);
  }

  /** Starts reading a root in the background (an editor workspace folder, or a root seen for the first time). */
  startIndexing(root: string): void {
    const background = this.options.indexInBackground;
    root = path.resolve(root);
    if (!background) return;
    if (this.covered(this.indexedRoots, root) || this.covered(this.indexingRoots, root)) return;
    this.indexingRoots.add(root);
    background(root);
  }

  /** A spec read by the background index (ignored when the spec is open: its document wins). */
  indexed(file: string, model: SpecModel | ReadError): void {
    if (this.docs.has(file) || model instanceof ReadError) return;
    this.stamp++;
    this.project.setSpec(file, model);
    this.track(file, model);
  }

  /** The background index has read every spec below `root`. */
  indexFinished(root: string): void {
    root = path.resolve(root);
    this.stamp++;
    this.indexingRoots.delete(root);
    this.indexedRoots.add(root);
    for (const r of [...this.partials.keys()]) if (inside(root, r)) this.partials.delete(r);
  }

  /** Whether some root is still being read. */
  get indexing(): boolean {
    return this.indexingRoots.size > 0;
  }

  /** Every spec read so far (indexed, open, or read for an analysis), by path. */
  allSpecs(): SpecEntry[] {
    return [...this.known].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, model]) => specEntry(file, path.dirname(file), model));
  }

  private covered(roots: Set<string>, root: string): boolean {
    for (const r of roots) if (inside(r, root)) return true;
    return false;
  }

  private underIndexedRoot(file: string): boolean {
    return this.covered(this.indexedRoots, file) || this.covered(this.indexingRoots, file);
  }

  private projectIndex(root: string): WorkspaceIndex {
    const index = this.project.workspace(root);
    this.usedRoots.add(root);
    if (!this.patched.has(index)) {
      // Open documents that are not on disk yet, or newer than it.
      for (const [file, state] of this.docs) if (state.model && inside(root, file)) put(index, file, state.model);
      for (const e of index.entries()) if (!this.known.has(e.file)) this.known.set(e.file, e.model);
      this.patched.add(index);
    }
    return index;
  }

  private partialIndex(root: string): WorkspaceIndex {
    let index = this.partials.get(root);
    if (!index) {
      index = new WorkspaceIndex();
      for (const [file, model] of this.known) if (inside(root, file)) index.add(specEntry(file, path.dirname(file), model));
      index.complete = false;
      this.partials.set(root, index);
    }
    return index;
  }

  /** A spec read or changed: every index handed out that holds it follows. */
  private track(file: string, model: SpecModel | undefined): void {
    if (model) this.known.set(file, model);
    else this.known.delete(file);
    for (const [root, index] of this.partials) {
      if (!inside(root, file)) continue;
      if (model) put(index, file, model);
      else index.remove(file);
    }
  }

  // --- reviews and analyses --------------------------------------------------------------------------------

  /** The sidecars below a spec's workspace root that review it. */
  reviewsOf(file: string): ReviewOfSpec[] {
    const root = this.rootOf(file);
    return root ? this.project.reviewsFor(file, root) : [];
  }

  /** The open spec's analysis for its current text and these settings (computed now when out of date). */
  analysisOf(file: string, settings: Settings): SpecAnalysis | undefined {
    const model = this.modelOf(file);
    const state = this.docs.get(file);
    if (!model || !state) return undefined;
    const a = state.analysis;
    if (a && a.version === state.version && a.settings === settings && a.stamp === this.stamp) return a;
    const config = this.configFor(file, settings);
    const reviews = this.reviewsOf(file);
    const enabled = settings.enable;
    const diagnostics = enabled
      ? checkSpec(model, {
          config,
          workspace: this.indexOf(file),
          dir: this.onDisk(file) ? path.dirname(file) : undefined,
          severityOverrides: settings.rules,
          reviews,
          cache: this.options.naive ? undefined : state.findings,
        })
      : [];
    state.analysis = { file, version: state.version, model, config, enabled, diagnostics, reviews, settings, stamp: this.stamp };
    return state.analysis;
  }

  /** Costs of an analysed spec (computed once per model and configuration). */
  costOf(a: SpecAnalysis): SpecCost {
    const state = this.docs.get(a.file);
    if (state?.cost?.model === a.model && state.cost.config === a.config) return state.cost.value;
    const value = costSpec(a.model, a.config.config);
    if (state) state.cost = { model: a.model, config: a.config, value };
    return value;
  }
}

/** Replaces a spec's entry in an index (its id may have changed). */
function put(index: WorkspaceIndex, file: string, model: SpecModel): void {
  index.replace(specEntry(file, path.dirname(file), model));
}

/** Whether `file` is `root` or below it (paths as written). */
export function inside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** A configuration file under the editor's profile and minimum lead time; defaults (with a problem) when unreadable. */
function loadConfig(project: Project, configPath: string | undefined, settings: Settings): LoadedConfig {
  const opts = { profile: settings.profile, knownRules: RULE_IDS };
  let c: LoadedConfig;
  if (!configPath) c = defaultConfig(opts);
  else {
    try {
      c = parseConfig(project.text(configPath), configPath, opts);
    } catch (e) {
      const problem = { range: { start: 0, end: 0 }, message: (e as Error).message, severity: 'error' as const };
      c = { ...defaultConfig(opts), path: configPath, problems: [problem], fellBack: true };
    }
  }
  if (settings.minimumLeadTimeDays === null) return c;
  const rules = c.config.rules;
  const shortLead = { ...rules['short-lead-time'], 'minimum-days': settings.minimumLeadTimeDays };
  return { ...c, config: { ...c.config, rules: { ...rules, 'short-lead-time': shortLead } } };
}
