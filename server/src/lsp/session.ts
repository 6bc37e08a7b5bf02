/**
 * The language server's whole state, in one place: the connection, the open documents, the settings, what
 * the client supports, the language service (holding the shared project model and the index state), the
 * analyses waiting to run, and whether `shutdown` was received. Handlers get the session and nothing else.
 */
import type { Connection } from 'vscode-languageserver';
import type { SpecModel } from '../core/model.js';
import { LineIndex } from '../core/text.js';
import type { LanguageService, Settings } from '../service/index.js';
import { mergeSettings, readSettings } from '../service/index.js';
import { DiagnosticConversions, documentPositions, textPositions, type Positions } from './convert.js';
import { DocumentStore } from './documents.js';

export interface ServerOptions {
  /** Reparse the whole document on every change: the benchmark's baseline. */
  naive?: boolean;
  /** After each spec's diagnostics, send `$/serviceSpec/timings` (`Timings`): the benchmark's breakdown. */
  timings?: boolean;
}

/** What the client said it supports (initialize), as the server uses it. */
export interface ClientSupport {
  /** `workspace/configuration`: settings pulled per resource. */
  pullSettings: boolean;
  /** Dynamic registration of file watchers. */
  watchFiles: boolean;
  /** `workspace/codeLens/refresh`. */
  refreshLenses: boolean;
  /** Work-done progress (`window/workDoneProgress/create`). */
  progress: boolean;
  /** `Diagnostic.codeDescription` (rule links). */
  codeDescription: boolean;
}

/** Settings per resource: pulled from the client when it can, else initialization options and pushed changes. */
export class SettingsStore {
  private cache = new Map<string, Promise<Settings>>();
  /** From initializationOptions, then `workspace/didChangeConfiguration` pushes (clients that cannot be asked). */
  pushed: Partial<Settings> = {};

  constructor(private readonly session: Session) {}

  for(uri: string): Promise<Settings> {
    let s = this.cache.get(uri);
    if (!s) {
      const base = mergeSettings(this.pushed);
      s = this.session.support.pullSettings
        ? this.session.connection.workspace
            .getConfiguration({ scopeUri: uri, section: 'serviceSpec' })
            .then((v) => mergeSettings(this.pushed, readSettings(v)))
            .catch(() => base)
        : Promise.resolve(base);
      this.cache.set(uri, s);
    }
    return s;
  }

  /** Settings changed: forget them (and take pushed values when the client cannot be asked). */
  changed(pushed: unknown): void {
    this.cache.clear();
    if (!this.session.support.pullSettings) this.pushed = { ...this.pushed, ...readSettings(pushed) };
  }
}

export class Session {
  readonly documents = new DocumentStore();
  readonly settings = new SettingsStore(this);
  support: ClientSupport = { pullSettings: false, watchFiles: false, refreshLenses: false, progress: false, codeDescription: false };
  /** Created by `initialize` (it needs the workspace folders). */
  service: LanguageService | undefined;
  /** `codeDescription.href` of a rule, when the client shows rule links and does not make its own. */
  ruleLink: (code: string) => string | undefined = () => undefined;
  /** Findings as LSP diagnostics, made once per finding (set again when `ruleLink` is). */
  conversions = new DiagnosticConversions(() => undefined);
  /** Set by `shutdown`: later requests are refused. */
  shuttingDown = false;
  /** Specs whose analysis is due in the next turn (several changes before it give one analysis). */
  readonly pending = new Set<string>();
  flushScheduled = false;
  /** What each configuration file's diagnostics were last computed from (`nonEmpty`: an empty list must clear them). */
  readonly publishedConfigs = new Map<string, { loaded: object; settings: Settings; nonEmpty: boolean }>();
  /** Configurations whose unknown profile was already reported. */
  readonly warnedProfiles = new WeakSet<object>();

  constructor(
    readonly connection: Connection,
    readonly options: ServerOptions = {},
  ) {}

  log(message: string): void {
    this.connection.console.log(message);
  }

  /** The service's name for a URI (see documents.ts). */
  uriOf(file: string): string {
    return this.documents.uriOf(file);
  }

  settingsFor(file: string): Promise<Settings> {
    return this.settings.for(this.uriOf(file));
  }

  /**
   * Offsets ↔ positions in a file: through its open document, else through the text the service read (a
   * spec's model text, a sidecar's or configuration's text as on disk).
   */
  positionsOf(file: string): Positions {
    const open = this.documents.byFileOf(file);
    if (open) return documentPositions(open.doc);
    const service = this.service;
    const model = service?.workspace.isOpenSpec(file) || !file.endsWith('.spec.md') ? undefined : service?.workspace.specModel(file);
    if (model) return modelPositions(model);
    try {
      return textPositions(service?.workspace.textOf(file) ?? '');
    } catch {
      return textPositions('');
    }
  }

  /** Asks the client to fetch code lenses again (costs change with the configuration or the profile). */
  refreshLenses(): void {
    if (this.support.refreshLenses) void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  }
}

/** Line indexes of spec models, kept while the model lives (many locations in one spec share one). */
const lineIndexes = new WeakMap<SpecModel, LineIndex>();

function modelPositions(model: SpecModel): Positions {
  let lines = lineIndexes.get(model);
  if (!lines) lineIndexes.set(model, (lines = new LineIndex(model.text)));
  const l = lines;
  return { positionAt: (o) => l.positionAt(o), offsetAt: (p) => l.offsetAt(p) };
}
