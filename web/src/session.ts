/**
 * The page's workspace: the files the reader opened, laid out in an in-memory folder tree (`MemoryHost`)
 * so that the project model finds configurations, sidecars and neighbouring specs exactly as the CLI does
 * on disk. No DOM here (the tests run it under Node); `views.ts` turns it into what the page shows.
 *
 * Where an opened file goes, below the root `/w`:
 * - a file picked with its folder (a folder input or a dropped folder) keeps its relative path, under a
 *   folder of its own per batch (`/w/d1/samples/2019-12-draft/ehch.spec.md`), so the tree is the reader's;
 * - a lone `service-spec.config.yaml` goes to `/w` when none is there yet (it then applies to everything
 *   opened), else beside the batch's files;
 * - other lone files go to a numbered folder (`/w/1`, `/w/2` …): the first where none of the batch's
 *   names is taken, so two versions of `ehch.spec.md` opened one after the other sit side by side; a lone
 *   sidecar goes beside the spec its `spec:` names when that spec is already open;
 * - a `.docx` is imported (server/src/word) under the configuration that applies where it goes: it becomes
 *   `ID.spec.md` and, when its comments give notes, `ID.review.yaml`.
 *
 * Notes added, replied to or resolved in the page change the sidecar's text through the core's editing
 * functions (core/review/edit.ts), as the editor does; each change is kept so a re-import (after a
 * configuration is opened) can replay it.
 */
import { CONFIG_FILE_NAME, defaultConfig, parseConfig } from '../../server/src/core/config.js';
import { RULE_IDS } from '../../server/src/core/rules/index.js';
import { parseReview } from '../../server/src/core/review/sidecar.js';
import { MemoryHost, ReadError } from '../../server/src/project/host.js';
import { Project, REVIEW_SUFFIX, SPEC_SUFFIX, type ModelCache } from '../../server/src/project/project.js';
import type { SpecModel } from '../../server/src/core/model.js';
import { importDocx, WordImportError, type ImportReport } from '../../server/src/word/index.js';
import * as path from './path.js';

export const ROOT = '/w';

/** A file as the page received it: its name, the path below a picked or dropped folder, its bytes. */
export interface OpenedFile {
  name: string;
  /** `folder/sub/name` when it came with its folder; absent (or just the name) for a lone file. */
  relativePath?: string;
  bytes: Uint8Array;
}

export type FileKind = 'docx' | 'spec' | 'review' | 'config';

export function kindOf(name: string): FileKind | undefined {
  const n = name.toLowerCase();
  if (n.endsWith('.docx')) return 'docx';
  if (n.endsWith(SPEC_SUFFIX)) return 'spec';
  if (n.endsWith(REVIEW_SUFFIX)) return 'review';
  if (n === CONFIG_FILE_NAME) return 'config';
  return undefined;
}

/** A message about one opened file: refused, imported, already open. */
export interface FileMessage {
  file: string;
  level: 'error' | 'warning' | 'info';
  text: string;
}

/** A Word document opened in the page and what its import wrote. */
export interface ImportedDocx {
  name: string;
  bytes: Uint8Array;
  dir: string;
  spec: string;
  review: string | null;
  report: ImportReport;
}

/** A picked folder's relative path without empty, `.` or `..` segments (it cannot leave its folder). */
function safeRelative(p: string | undefined): string | undefined {
  return p
    ?.split(/[\\/]/)
    .filter((seg) => seg && seg !== '.' && seg !== '..')
    .join('/');
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A change to a sidecar's text (add, reply, set status); throws ReviewEditError when it cannot apply. */
export type SidecarEdit = (text: string) => string;

export class Session {
  readonly host = new MemoryHost();
  /** Virtual path → what the reader knows it as (`ehch.spec.md`, `2019-12-draft/ehch.spec.md`, `draft.docx`). */
  readonly shown = new Map<string, string>();
  readonly imports: ImportedDocx[] = [];
  /** Sidecar path → its text as opened or imported, and the edits made in the page since. */
  private readonly bases = new Map<string, string>();
  private readonly edits = new Map<string, SidecarEdit[]>();
  private readonly projects = new Map<string, Project>();
  /** Parsed specs shared by the projects of every profile, by path, kept while the text is the same. */
  private readonly models = new Map<string, SpecModel>();
  private readonly modelCache: ModelCache = {
    get: (abs, text) => {
      const m = this.models.get(abs);
      return m && m.text === (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) ? m : undefined;
    },
    set: (abs, model) => void this.models.set(abs, model),
  };
  private batches = 0;
  /** Bumped on every change: views cache by it. */
  generation = 0;

  constructor(public profile = 'default') {}

  /** The project model under the active profile (one per profile, parsed specs reused). */
  project(profile = this.profile): Project {
    let p = this.projects.get(profile);
    if (!p) this.projects.set(profile, (p = new Project(this.host, { profile, cache: this.modelCache })));
    return p;
  }

  /** Something changed: the projects start again (parsed specs are reused while their text is the same). */
  private changed(): void {
    this.generation++;
    this.projects.clear();
  }

  setProfile(profile: string): void {
    this.profile = profile;
    this.generation++;
  }

  /** Files of a kind, sorted. */
  files(suffixes: string[]): string[] {
    return this.host.listFiles(ROOT, suffixes);
  }

  configs(): string[] {
    return [...this.host.files.keys()].filter((f) => path.basename(f) === CONFIG_FILE_NAME).sort();
  }

  /** Profile names defined in any opened configuration, `default` first. */
  profiles(): string[] {
    const names = new Set<string>(['default']);
    for (const c of this.configs()) {
      const loaded = this.project().config(c);
      if (!(loaded instanceof ReadError)) for (const p of loaded.profiles) names.add(p);
    }
    return [...names];
  }

  /** Opens a batch of files (one pick or one drop). Returns a message per file. */
  open(files: OpenedFile[]): FileMessage[] {
    const messages: FileMessage[] = [];
    const batch = ++this.batches;
    const lone: { f: OpenedFile; kind: FileKind; text?: string }[] = [];
    const configsFirst = [...files].sort((a, b) => Number(kindOf(b.name) === 'config') - Number(kindOf(a.name) === 'config'));
    const before = new Set(this.host.files.keys());
    for (const f of configsFirst) {
      const rel = safeRelative(f.relativePath);
      const shownAs = rel?.includes('/') ? rel : f.name;
      const kind = kindOf(f.name);
      if (!kind) {
        messages.push({
          file: shownAs,
          level: 'error',
          text: `${shownAs} is not a Word document (.docx), a spec (*.spec.md), a review (*.review.yaml) or a service-spec.config.yaml; it was not opened`,
        });
        continue;
      }
      let text: string | undefined;
      if (kind !== 'docx') {
        try {
          text = decoder.decode(f.bytes);
        } catch {
          messages.push({ file: shownAs, level: 'error', text: `cannot read ${shownAs}: not valid UTF-8; save it as UTF-8` });
          continue;
        }
        if (this.alreadyOpen(f.name, text)) {
          messages.push({ file: shownAs, level: 'info', text: `${shownAs} is already open` });
          continue;
        }
      }
      if (shownAs !== f.name) {
        const target = path.join(ROOT, `d${batch}`, shownAs);
        if (kind === 'docx') this.importAt(f, path.dirname(target), shownAs, messages);
        else this.put(target, text!, shownAs);
        continue;
      }
      if (kind === 'config' && !this.host.isFile(path.join(ROOT, CONFIG_FILE_NAME))) {
        this.put(path.join(ROOT, CONFIG_FILE_NAME), text!, f.name);
        continue;
      }
      lone.push({ f, kind, text });
    }
    this.placeLone(lone, messages);
    const added = [...this.host.files.keys()].filter((k) => !before.has(k));
    if (added.some((f) => path.basename(f) === CONFIG_FILE_NAME)) this.reimport(messages);
    this.changed();
    return messages;
  }

  private alreadyOpen(name: string, text: string): boolean {
    for (const [file, t] of this.host.files) if (path.basename(file) === name && t === text && this.shown.has(file)) return true;
    return false;
  }

  private put(file: string, text: string, shownAs: string): void {
    this.host.files.set(file, text);
    this.shown.set(file, shownAs);
    if (file.endsWith(REVIEW_SUFFIX)) {
      this.bases.set(file, text);
      this.edits.delete(file);
    }
  }

  /** Lone files of a batch: one numbered folder for all, sidecars beside their spec when it is open. */
  private placeLone(lone: { f: OpenedFile; kind: FileKind; text?: string }[], messages: FileMessage[]): void {
    if (!lone.length) return;
    const specNames = new Set(lone.filter((x) => x.kind === 'spec').map((x) => x.f.name));
    const docxs = lone.filter((x) => x.kind === 'docx');
    const rest = lone.filter((x) => x.kind !== 'docx');
    const beside = new Map<OpenedFile, string>();
    for (const x of rest) {
      if (x.kind !== 'review') continue;
      const named = parseReview(x.text!).spec;
      if (!named || specNames.has(path.basename(named))) continue;
      const dir = this.slots().find((d) => this.host.isFile(path.join(d, path.basename(named))) && !this.host.isFile(path.join(d, x.f.name)));
      if (dir && path.join(dir, named) === path.join(dir, path.basename(named))) beside.set(x.f, dir);
    }
    // Word documents are imported first, under the configuration at the root (or the batch's own).
    const imported = docxs.map((x) => ({ x, result: this.tryImport(x.f, this.configTextFor(lone), messages) }));
    const names = [
      ...rest.filter((x) => !beside.has(x.f)).map((x) => x.f.name),
      ...imported.flatMap(({ result }) => (result ? [result.report.specFile, ...(result.report.reviewFile ? [result.report.reviewFile] : [])] : [])),
    ];
    let n = 1;
    while (names.some((name) => this.host.isFile(path.join(ROOT, String(n), name)))) n++;
    const dir = path.join(ROOT, String(n));
    for (const x of rest) this.put(path.join(beside.get(x.f) ?? dir, x.f.name), x.text!, x.f.name);
    for (const { x, result } of imported) if (result) this.record(x.f, dir, x.f.name, result);
  }

  private slots(): string[] {
    const dirs = new Set<string>();
    for (const f of this.host.files.keys()) {
      const rel = path.relative(ROOT, f).split('/');
      if (rel.length === 2 && /^\d+$/.test(rel[0]!)) dirs.add(path.join(ROOT, rel[0]!));
    }
    return [...dirs].sort((a, b) => Number(path.basename(a)) - Number(path.basename(b)));
  }

  /** The configuration text a lone batch's Word documents are imported under: the batch's own, else the root one. */
  private configTextFor(lone: { kind: FileKind; text?: string }[]): { text: string; file: string } | undefined {
    const own = lone.find((x) => x.kind === 'config');
    if (own) return { text: own.text!, file: CONFIG_FILE_NAME };
    const root = path.join(ROOT, CONFIG_FILE_NAME);
    return this.host.isFile(root) ? { text: this.host.files.get(root)!, file: root } : undefined;
  }

  private nearestConfigText(dir: string): { text: string; file: string } | undefined {
    for (let d = dir; ; d = path.dirname(d)) {
      const c = path.join(d, CONFIG_FILE_NAME);
      if (this.host.isFile(c)) return { text: this.host.files.get(c)!, file: c };
      if (d === '/' || d === ROOT) return undefined;
    }
  }

  private tryImport(f: OpenedFile, config: { text: string; file: string } | undefined, messages: FileMessage[]) {
    const loaded = config ? parseConfig(config.text, config.file, { knownRules: RULE_IDS }) : defaultConfig();
    try {
      return importDocx(f.bytes, { config: loaded.config, sourceName: f.name });
    } catch (e) {
      const why = e instanceof WordImportError ? e.message : `the import failed (${(e as Error).message})`;
      messages.push({ file: f.name, level: 'error', text: `cannot import ${f.name}: ${why}` });
      return undefined;
    }
  }

  private importAt(f: OpenedFile, dir: string, shownAs: string, messages: FileMessage[]): void {
    const result = this.tryImport(f, this.nearestConfigText(dir), messages);
    if (result) this.record(f, dir, shownAs, result);
  }

  private record(f: OpenedFile, dir: string, shownAs: string, result: ReturnType<typeof importDocx>): void {
    const spec = path.join(dir, result.report.specFile);
    const review = result.report.reviewFile ? path.join(dir, result.report.reviewFile) : null;
    this.host.files.set(spec, result.specText);
    this.shown.set(spec, shownAs);
    if (review) this.put(review, result.reviewText!, shownAs.replace(/\.docx$/i, ' (comments)'));
    this.imports.push({ name: shownAs, bytes: f.bytes, dir, spec, review, report: result.report });
  }

  /** After a configuration is opened: imports again the Word documents it now applies to, keeping notes edited since. */
  private reimport(messages: FileMessage[]): void {
    for (const imp of this.imports) {
      const result = this.tryImport({ name: path.basename(imp.name), bytes: imp.bytes }, this.nearestConfigText(imp.dir), messages);
      if (!result || result.specText === this.host.files.get(imp.spec)) continue;
      this.host.files.set(imp.spec, result.specText);
      imp.report = result.report;
      if (imp.review && result.reviewText) {
        this.bases.set(imp.review, result.reviewText);
        this.host.files.set(imp.review, this.replay(imp.review, messages));
      }
    }
  }

  private replay(sidecar: string, messages: FileMessage[]): string {
    let text = this.bases.get(sidecar) ?? '';
    for (const edit of this.edits.get(sidecar) ?? []) {
      try {
        text = edit(text);
      } catch (e) {
        messages.push({
          file: this.shown.get(sidecar) ?? sidecar,
          level: 'warning',
          text: `a change made in the page no longer applies: ${(e as Error).message}`,
        });
      }
    }
    return text;
  }

  /** Applies a change to a sidecar (creating it with `create` when it does not exist yet); throws when it cannot apply. */
  editSidecar(sidecar: string, edit: SidecarEdit, create?: { text: string; shownAs: string }): void {
    const current = this.host.files.get(sidecar) ?? create?.text;
    if (current === undefined) throw new Error(`${sidecar} is not open`);
    const next = edit(current); // throws before anything changes
    if (!this.host.files.has(sidecar)) {
      this.bases.set(sidecar, current);
      this.shown.set(sidecar, create!.shownAs);
    }
    this.host.files.set(sidecar, next);
    this.edits.set(sidecar, [...(this.edits.get(sidecar) ?? []), edit]);
    this.changed();
  }

  /** Whether the page changed a sidecar since it was opened. */
  edited(sidecar: string): boolean {
    return (this.edits.get(sidecar)?.length ?? 0) > 0;
  }

  /** The imported Word document a spec came from, if any. */
  importOf(spec: string): ImportedDocx | undefined {
    return this.imports.find((i) => i.spec === spec);
  }

  /** Forgets every file. */
  clear(): void {
    this.host.files.clear();
    this.shown.clear();
    this.imports.length = 0;
    this.bases.clear();
    this.edits.clear();
    this.models.clear();
    this.batches = 0;
    this.profile = 'default';
    this.changed();
  }
}
