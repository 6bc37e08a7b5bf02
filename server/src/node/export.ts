/**
 * Word and HTML documents on disk: `service-spec export` (the publication), the review document and the
 * redline. Each spec is read through the project model with its own configuration and the active profile;
 * documents are written atomically (a temporary file, then a hard link or a rename), and an existing file is
 * never replaced without `force`.
 *
 * Where a document goes: without `out`, beside its spec (`NAME.docx`, `NAME.html`, `NAME.review.docx`,
 * `NEW-NAME.redline.docx`, NAME being the spec's file name without `.spec.md`); `out` is a folder when it is
 * one (or ends with a slash, or several documents are written), else the file for the one document.
 */
import * as fs from 'node:fs';
import { FileChangedError, WriteError, writeUserFile } from './writeFile.js';
import * as path from 'node:path';
import type { LoadedConfig } from '../core/config.js';
import type { SpecModel } from '../core/model.js';
import { exportDocx } from '../docx/export.js';
import { exportHtml } from '../docx/html.js';
import { redlineDocx } from '../docx/redline.js';
import { reviewDocx, type PlacedNote } from '../docx/review.js';
import { ReadError } from '../project/host.js';
import { SPEC_SUFFIX } from '../project/project.js';
import { expandPaths } from './files.js';
import { nodeProject, type Project } from './project.js';

/** A problem that stops a document from being written: one line naming the file; exit status 2. */
export class ExportError extends Error {}

/** Wrong arguments or an unknown profile: exit status 2, with the command's usage hint. */
export class ExportUsageError extends Error {}

export interface ExportOptions {
  /** `-o`: a file (one document) or a folder. */
  out?: string;
  force?: boolean;
  configFile?: string;
  profile?: string;
}

export interface Written {
  /** The spec (or NEW spec) the document is of, as given or found. */
  source: string;
  /** The document written. */
  file: string;
}

const reason = (e: unknown) => {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'ENOENT') return 'no such folder';
  if (code === 'EISDIR') return 'it is a folder';
  return (e as Error).message;
};

/**
 * Writes bytes or text to `file` atomically. Without `force` an existing file is kept (even one created
 * meanwhile: the temporary file is hard-linked into place, which fails when the name is taken).
 */
export function writeDocument(file: string, data: Uint8Array | string, force = false): void {
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(file);
  } catch {
    st = undefined;
  }
  if (st?.isDirectory()) throw new ExportError(`cannot write ${file}: it is a folder`);
  if (st && !force) throw new ExportError(`${file} exists; nothing was written (--force replaces it)`);
  try {
    // The one module that writes user files: atomic, mode and symlink kept; without --force the file must
    // still not exist just before the rename.
    writeUserFile(file, data, { expected: force ? undefined : null });
  } catch (e) {
    if (e instanceof FileChangedError) throw new ExportError(`${file} exists (created meanwhile); it was kept`);
    if (e instanceof WriteError) throw new ExportError(e.message);
    throw new ExportError(`cannot write ${file}: ${reason(e)}`);
  }
}

/** The spec's file name without `.spec.md` (or its extension). */
export function baseName(spec: string): string {
  const name = path.basename(spec);
  return name.endsWith(SPEC_SUFFIX) ? name.slice(0, -SPEC_SUFFIX.length) : name.replace(/\.[^.]*$/, '');
}

/** Whether `out` names a folder: an existing one, one written with a trailing slash, or any when several documents go there. */
function outIsFolder(out: string, documents: number): boolean {
  if (/[\\/]$/.test(out)) return true;
  try {
    if (fs.statSync(out).isDirectory()) return true;
  } catch {
    /* not there yet */
  }
  return documents > 1;
}

/** Target paths for documents named `names` (beside `sources` when there is no `out`). */
export function targets(sources: string[], names: string[], out: string | undefined): string[] {
  if (out === undefined) return sources.map((s, i) => path.join(path.dirname(s), names[i]!));
  if (!outIsFolder(out, sources.length)) return [out];
  if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw new ExportUsageError(`-o ${out} is a file; several documents need a folder`);
  try {
    fs.mkdirSync(out, { recursive: true });
  } catch (e) {
    throw new ExportError(`cannot create folder ${out}: ${reason(e)}`);
  }
  const seen = new Set<string>();
  return names.map((n) => {
    const t = path.join(out, n);
    if (seen.has(t)) throw new ExportUsageError(`two specs would both be written to ${t}; export them separately`);
    seen.add(t);
    return t;
  });
}

interface LoadedSpec {
  file: string;
  abs: string;
  model: SpecModel;
  config: LoadedConfig;
}

/** Reads a spec and its configuration; an unknown profile or an unreadable file is thrown. */
export function loadSpec(project: Project, file: string): LoadedSpec {
  const abs = path.resolve(file);
  const model = project.spec(abs);
  if (model instanceof ReadError) throw new ExportError(model.message.replace(abs, file));
  const configPath = project.configPathFor(abs);
  const config = project.config(configPath);
  if (config instanceof ReadError) throw new ExportError(config.message);
  if (config.unknownProfile) {
    const known = config.profiles.length ? config.profiles.join(', ') : 'none defined';
    throw new ExportUsageError(
      `unknown profile "${config.unknownProfile}" (${config.path ? `profiles in ${config.path}: ${known}` : 'no configuration file, so no profiles'})`,
    );
  }
  return { file, abs, model, config };
}

const basisOf = (l: LoadedSpec) => ({ config: l.config.config, profile: l.config.profile });

export interface ExportResult {
  written: Written[];
  /** One line each: files that could not be read or written (the others are still written). */
  errors: string[];
}

/** `service-spec export SPEC... --format docx|html [-o FILE|DIR] [--force]`. */
export function runExport(paths: string[], format: 'docx' | 'html', options: ExportOptions = {}, project = nodeProject(options)): ExportResult {
  if (!paths.length) throw new ExportUsageError('export needs at least one SPEC (a *.spec.md file or a folder)');
  const { groups, errors } = expandPaths(paths);
  const files = groups.flatMap((g) => g.files);
  const loaded: LoadedSpec[] = [];
  for (const f of files) {
    try {
      loaded.push(loadSpec(project, f));
    } catch (e) {
      if (e instanceof ExportError) errors.push(e.message);
      else throw e;
    }
  }
  const names = loaded.map((l) => `${baseName(l.file)}.${format}`);
  const where = targets(
    loaded.map((l) => l.file),
    names,
    options.out,
  );
  const written: Written[] = [];
  loaded.forEach((l, i) => {
    try {
      writeDocument(where[i]!, format === 'docx' ? exportDocx(l.model, basisOf(l)) : exportHtml(l.model, basisOf(l)), options.force);
      written.push({ source: l.file, file: where[i]! });
    } catch (e) {
      if (e instanceof ExportError) errors.push(e.message);
      else throw e;
    }
  });
  return { written, errors };
}

export interface ReviewDocxResult extends Written {
  notes: PlacedNote[];
  /** The sidecars whose notes it holds. */
  sidecars: string[];
}

/** `service-spec review SPEC --format docx [-o FILE]`: the publication with every note of the spec's sidecars as a comment. */
export function runReviewDocx(spec: string, options: ExportOptions = {}, project = nodeProject(options)): ReviewDocxResult {
  const l = loadSpec(project, spec);
  const reviews = project.reviewsFor(l.abs);
  const doc = reviewDocx(
    l.model,
    basisOf(l),
    reviews.map((r) => ({ review: r.review, anchors: r.anchors })),
  );
  const [file] = targets([spec], [`${baseName(spec)}.review.docx`], options.out);
  writeDocument(file!, doc.bytes, options.force);
  return { source: spec, file: file!, notes: doc.notes, sidecars: reviews.map((r) => path.relative(process.cwd(), r.file) || r.file) };
}

export interface RedlineRunOptions extends ExportOptions {
  /** Author of the tracked changes (default `service-spec`). */
  author?: string;
}

/**
 * `service-spec diff OLD NEW --format docx [-o FILE|DIR]`: NEW's publication with tracked changes against
 * OLD's. Two files give one redline; two folders give one per spec, paired by spec id: a spec only in NEW
 * is all inserted, one only in OLD all deleted (named after the OLD file).
 */
export function runRedline(oldPath: string, newPath: string, options: RedlineRunOptions = {}, project = nodeProject(options)): ExportResult {
  const kind = (p: string) => {
    try {
      return fs.statSync(p).isDirectory() ? 'dir' : 'file';
    } catch {
      throw new ExportError(`cannot read ${p}: no such file or folder`);
    }
  };
  if (kind(oldPath) !== kind(newPath)) throw new ExportUsageError(`compare two files or two folders, not one of each (${oldPath}, ${newPath})`);
  const pairs: [LoadedSpec | undefined, LoadedSpec | undefined][] = [];
  const errors: string[] = [];
  if (kind(newPath) === 'file') pairs.push([loadSpec(project, oldPath), loadSpec(project, newPath)]);
  else {
    const list = (dir: string) => {
      const { groups, errors: e } = expandPaths([dir]);
      errors.push(...e);
      return groups.flatMap((g) => g.files).map((f) => loadSpec(project, f));
    };
    const olds = list(oldPath);
    const byId = new Map<string, LoadedSpec>();
    for (const o of olds) {
      const id = o.model.frontMatter.values.id;
      if (id && !byId.has(id)) byId.set(id, o);
    }
    const used = new Set<LoadedSpec>();
    for (const n of list(newPath)) {
      const o = n.model.frontMatter.values.id ? byId.get(n.model.frontMatter.values.id) : undefined;
      if (o && !used.has(o)) {
        used.add(o);
        pairs.push([o, n]);
      } else pairs.push([undefined, n]);
    }
    for (const o of olds) if (!used.has(o)) pairs.push([o, undefined]);
  }
  const named = pairs.map(([o, n]) => (n ?? o)!);
  const where = targets(
    named.map((l) => l.file),
    named.map((l) => `${baseName(l.file)}.redline.docx`),
    options.out,
  );
  const written: Written[] = [];
  pairs.forEach(([o, n], i) => {
    try {
      writeDocument(where[i]!, redlineDocx(o?.model, n?.model, basisOf((o ?? n)!), basisOf((n ?? o)!), { author: options.author }), options.force);
      written.push({ source: named[i]!.file, file: where[i]! });
    } catch (e) {
      if (e instanceof ExportError) errors.push(e.message);
      else throw e;
    }
  });
  return { written, errors };
}
