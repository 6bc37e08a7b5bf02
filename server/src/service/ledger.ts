/**
 * The consultation ledger in the editor: the versions of a spec found in the workspace (specs with the same
 * front-matter id, published before it or named by its `supersedes` chain), each with its sidecars, built
 * into the ledger by the ledger core. A requirement heading's hover shows its history line; "Show Ledger"
 * shows the CLI's ledger page (every text escaped, no script).
 */
import * as path from 'node:path';
import { ledgerHtml } from '../cli/ledgerFormat.js';
import { buildLedger, findThread, historyLine, type Ledger, type LedgerVersionInput } from '../core/ledger/index.js';
import type { SpecModel } from '../core/model.js';
import type { ReviewOfSpec } from '../core/rules/types.js';
import { ServiceError } from './host.js';
import type { Settings } from './settings.js';
import type { ServiceWorkspace } from './workspace.js';

interface Version {
  file: string;
  model: SpecModel;
}

/**
 * The versions of an open spec in the workspace, oldest first, ending with the spec itself: specs with its
 * id that were published before it, or that its `supersedes` chain names. One file per version.
 */
export function versionsOf(ws: ServiceWorkspace, file: string, model: SpecModel): Version[] {
  const fm = model.frontMatter.values;
  if (!fm.id || !ws.onDisk(file)) return [{ file, model }];
  const others = ws
    .indexOf(file)
    .entries()
    .filter((e) => e.id === fm.id && e.file !== file && e.model.frontMatter.values.version !== fm.version);
  const byVersion = new Map<string, Version>();
  for (const e of others) {
    const v = e.model.frontMatter.values.version ?? e.file;
    if (!byVersion.has(v)) byVersion.set(v, { file: e.file, model: e.model });
  }
  // The supersedes chain, from this version back.
  const chain = new Set<string>();
  for (let v = fm.supersedes; v && byVersion.has(v) && !chain.has(v); v = byVersion.get(v)!.model.frontMatter.values.supersedes) chain.add(v);
  const published = fm.published;
  const earlier = [...byVersion.entries()]
    .filter(([v, x]) => chain.has(v) || (published && x.model.frontMatter.values.published && x.model.frontMatter.values.published < published))
    .map(([, x]) => x);
  const key = (x: Version) => `${x.model.frontMatter.values.published ?? ''}\u0000${x.model.frontMatter.values.version ?? ''}`;
  earlier.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return [...earlier, { file, model }];
}

/** Caches the last ledger of each open spec while its versions' models and sidecars are the same objects. */
const cache = new Map<string, { parts: object[]; ledger: Ledger }>();

/** The ledger over the versions of an open spec in the workspace; undefined when the workspace holds no earlier version. */
export function ledgerOf(ws: ServiceWorkspace, file: string, settings: Settings): Ledger | undefined {
  const a = ws.analysisOf(file, settings);
  if (!a) return undefined;
  const versions = versionsOf(ws, file, a.model);
  if (versions.length < 2) return undefined;
  const reviews = versions.map((v) => (v.file === file ? a.reviews : ws.reviewsOf(v.file)).filter((r) => !r.review.malformed));
  const configs = versions.map((v) => (v.file === file ? a.config : ws.configFor(v.file, settings)));
  const parts: object[] = [...versions.map((v) => v.model), ...reviews.flat().map((r) => r.review), ...configs];
  const cached = cache.get(file);
  if (cached && cached.parts.length === parts.length && cached.parts.every((p, i) => p === parts[i])) return cached.ledger;
  const input: LedgerVersionInput[] = versions.map((v, i) => ({
    path: shown(ws, v.file),
    specs: [{ file: shown(ws, v.file), model: v.model, config: configs[i]!.config }],
    sidecars: reviews[i]!.map((r: ReviewOfSpec) => ({ file: shown(ws, r.file), review: r.review, spec: 0 })),
  }));
  const ledger = buildLedger(input);
  cache.set(file, { parts, ledger });
  if (cache.size > 50) cache.delete(cache.keys().next().value!);
  return ledger;
}

/** A file as the ledger shows it: relative to its workspace folder when it is in one. */
function shown(ws: ServiceWorkspace, file: string): string {
  const folder = ws.folderOf(file);
  return folder ? path.relative(folder, file).split(path.sep).join('/') : file;
}

/** The history line of requirement `id` of an open spec, when the workspace holds earlier versions of it. */
export function historyOf(ws: ServiceWorkspace, file: string, id: string, settings: Settings): string | undefined {
  const ledger = ledgerOf(ws, file, settings);
  const model = ws.analysisOf(file, settings)?.model;
  if (!ledger || !model) return undefined;
  // A ledger is built only for a spec with an id (its versions are found by it), so the id is its key.
  const thread = model.frontMatter.values.id ? findThread(ledger, model.frontMatter.values.id, id) : undefined;
  return thread ? historyLine(thread, ledger) : undefined;
}

/** The ledger page (the CLI's `ledger --format html`) of the versions of an open spec. */
export function ledgerPage(ws: ServiceWorkspace, file: string, settings: Settings): { html: string; versions: string[] } {
  const ledger = ledgerOf(ws, file, settings);
  if (!ledger) {
    if (!ws.analysisOf(file, settings)) throw new ServiceError('open the spec first');
    throw new ServiceError('the workspace holds no earlier version of this spec (a spec with the same id, published before it)');
  }
  return { html: ledgerHtml(ledger), versions: ledger.versions.map((v) => v.version ?? v.path) };
}
