/**
 * Analysis and publication. Changes are coalesced (several before the next turn give one analysis of the
 * latest text); an analysis yields once after parsing and stops when a newer edit arrived meanwhile, so only
 * the version a result was computed from is ever published. After a spec: its sidecars' diagnostics, its
 * configuration file's, and the cost summary for the client's status item.
 */
import type { SpecDiagnostic } from '../../core/diagnostics.js';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { lastPublish } from '../encoder.js';
import { CostSummaryNotification } from '../protocol.js';
import type { SpecAnalysis } from '../../service/index.js';
import type { Session } from '../session.js';

export function schedule(session: Session, file: string): void {
  session.pending.add(file);
  if (session.flushScheduled) return;
  session.flushScheduled = true;
  setImmediate(() => {
    session.flushScheduled = false;
    const files = [...session.pending];
    session.pending.clear();
    for (const f of files) void validate(session, f);
  });
}

/** Every open spec again (a configuration, a sidecar, another spec or the settings changed). */
export function scheduleAll(session: Session): void {
  for (const f of session.service?.workspace.openSpecs() ?? []) schedule(session, f);
}

async function validate(session: Session, file: string): Promise<void> {
  const opened = session.documents.byFileOf(file);
  const service = session.service;
  if (!opened || !service?.workspace.isOpenSpec(file) || session.shuttingDown) return;
  // The document object is updated in place by later edits: remember which version this run is for.
  const { doc, uri } = opened;
  const version = doc.version;
  const stale = () => session.documents.byFileOf(file) !== opened || doc.version !== version || session.shuttingDown;
  const settings = await session.settings.for(uri);
  if (stale()) return; // a newer edit arrived while settings were fetched: its own run publishes
  try {
    const t0 = performance.now();
    service.workspace.modelOf(file);
    const parsed = performance.now() - t0;
    // Let queued messages in: if a newer edit arrived, this result is stale and its own run publishes.
    await new Promise((resolve) => setImmediate(resolve));
    if (stale()) return;
    const t1 = performance.now();
    const a = service.analyze(file, settings);
    if (!a) return;
    const t2 = performance.now();
    const params = publish(session, file, a.diagnostics, version);
    const t3 = performance.now();
    if (a.enabled) afterPublish(session, uri, a);
    if (session.options.timings) {
      const times = { parsed, rules: t2 - t1, convert: t3 - t2, other: performance.now() - t3 };
      // After the notification is written (vscode-jsonrpc writes on the next turn): the breakdown measures it again.
      setImmediate(() => sendTimings(session, file, version, params, times));
    }
  } catch (e) {
    // Never let one document take the server down; say what happened and keep serving.
    session.connection.console.error(`service-spec: analysis of ${uri} failed: ${(e as Error).stack ?? e}`);
  }
}

/** After a spec's diagnostics: its sidecars', its configuration's, a missing profile, the cost summary. */
function afterPublish(session: Session, uri: string, a: SpecAnalysis): void {
  const service = session.service!;
  for (const r of a.reviews) void publishSidecar(session, r.file);
  if (a.config.path) void publishConfig(session, a.config.path);
  if (a.config.unknownProfile && !session.warnedProfiles.has(a.config)) {
    session.warnedProfiles.add(a.config);
    void session.connection.window.showWarningMessage(
      `Service Spec: profile "${a.config.unknownProfile}" is not defined${a.config.path ? ` in ${a.config.path}` : ''}; using the default assumptions.`,
    );
  }
  void session.connection.sendNotification(CostSummaryNotification, { uri, ...service.costTotals(a) });
}

function publish(session: Session, file: string, diagnostics: SpecDiagnostic[], version?: number): PublishDiagnosticsParams {
  const p = session.positionsOf(file);
  const params = {
    uri: session.uriOf(file),
    ...(version !== undefined ? { version } : {}),
    diagnostics: session.conversions.convert(
      p,
      diagnostics,
      version === undefined ? undefined : { file, version, linesEditedSince: (v) => session.documents.linesEditedSince(file, v) },
    ),
  };
  void session.connection.sendDiagnostics(params);
  return params;
}

/** Where one analysis's time went, in milliseconds (`--timings`; the benchmark's breakdown). */
export interface Timings {
  uri: string;
  version: number;
  /** remark on the chunks that changed (and summarising them). */
  parse: number;
  /** The rest of reading the text into a model: chunk boundaries, cache lookups, re-basing, assembling. */
  rebase: number;
  rules: number;
  /** Offsets → LSP diagnostics. */
  convert: number;
  /** Encoding the notification, as the stdio writer reports it. */
  serialise: number;
  /** After publishing: sidecars, the configuration, the cost summary. */
  other: number;
  diagnostics: number;
  bytes: number;
}

function sendTimings(
  session: Session,
  file: string,
  version: number,
  params: PublishDiagnosticsParams,
  t: { parsed: number; rules: number; convert: number; other: number },
): void {
  const remark = session.service?.workspace.lastParse(file)?.remarkMs ?? 0;
  // The writer's own encoding when it reports it (stdio); else JSON.stringify of the notification, again.
  const s0 = performance.now();
  const json = lastPublish.bytes ? '' : JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params });
  const serialise = lastPublish.bytes ? lastPublish.encodeMs : performance.now() - s0;
  const bytes = lastPublish.bytes || json.length;
  const timings: Timings = {
    uri: params.uri,
    version,
    parse: remark,
    rebase: t.parsed - remark,
    rules: t.rules,
    convert: t.convert,
    serialise,
    other: t.other,
    diagnostics: params.diagnostics.length,
    bytes,
  };
  void session.connection.sendNotification('$/serviceSpec/timings', timings);
}

/** A review sidecar's diagnostics (nothing when it cannot be read: it is then reported when opened or checked). */
export async function publishSidecar(session: Session, file: string): Promise<void> {
  const settings = await session.settingsFor(file);
  const diagnostics = session.service?.sidecarDiagnostics(file, settings);
  if (diagnostics) publish(session, file, diagnostics);
}

/**
 * A configuration file's own diagnostics, when they can have changed since last published (`force`: its
 * text changed); an empty list only to clear earlier ones.
 */
export async function publishConfig(session: Session, file: string, force = false): Promise<void> {
  const settings = await session.settingsFor(file);
  const service = session.service;
  if (!service) return;
  const loaded = service.workspace.configFor(file, settings);
  const before = session.publishedConfigs.get(file);
  if (!force && before?.loaded === loaded && before.settings === settings) return;
  const diagnostics = service.configDiagnostics(file, settings);
  if (!diagnostics.length && !before?.nonEmpty) {
    session.publishedConfigs.set(file, { loaded, settings, nonEmpty: false });
    return;
  }
  session.publishedConfigs.set(file, { loaded, settings, nonEmpty: diagnostics.length > 0 });
  publish(session, file, diagnostics);
}

/** Clears what was published for a file (a spec closed, a sidecar deleted). */
export function clear(session: Session, file: string): void {
  session.conversions.forget(file);
  void session.connection.sendDiagnostics({ uri: session.uriOf(file), diagnostics: [] });
}
