/**
 * `service-spec ledger`: gathers the versions of a spec set (folders, files, or one PATH at several git
 * revisions), each spec with its own configuration under the active profile, and the sidecars of each
 * version that review a spec of that version. The ledger itself is built by the pure core (`core/ledger`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedConfig } from '../core/config.js';
import { ChunkCache } from '../core/markdown.js';
import type { SpecModel } from '../core/model.js';
import { parseSpec } from '../core/parse.js';
import { buildLedger, specKeyOf, type Ledger, type LedgerSidecarInput, type LedgerSpecInput, type LedgerVersionInput } from '../core/ledger/index.js';
import { LineIndex } from '../core/text.js';
import { Project } from '../project/project.js';
import { ReadError, type ProjectHost } from '../project/host.js';
import { comparePaths, readUtf8, REVIEW_SUFFIX, SPEC_SUFFIX } from './files.js';
import { GitError, kindAt, listFilesAt, resolveRevision, showFile, type GitRevision } from './git.js';
import { nodeProject } from './project.js';

/** Wrong arguments (too few versions, files mixed with folders, an unknown profile): exit 2 with the usage hint. */
export class LedgerUsageError extends Error {}

/** A version that cannot be read (a missing PATH, a PATH with no spec, an unreadable file): exit 2, one line naming it. */
export class LedgerReadError extends ReadError {}

export interface LedgerOptions {
  /** Use this configuration file for every spec (read from disk, also for git revisions). */
  configFile?: string;
  profile?: string;
  /** `--rev` values, oldest first: one takes the working tree as the last version. */
  revs?: string[];
}

export interface LedgerRun {
  ledger: Ledger;
  /** Malformed sidecars and other notices: their notes are not counted; the exit status stays 0. */
  warnings: string[];
}

/** One version to read: a PATH in the working tree or at a git revision. */
interface VersionSource {
  arg: string;
  /** Shown in the ledger: the PATH, or `REV:PATH`. */
  label: string;
  project: Project;
  rev?: GitRevision;
  /** `tree` (folder), `blob` (file) or undefined (missing). */
  kind: 'tree' | 'blob' | undefined;
}

const hasHiddenSegment = (rel: string) =>
  rel
    .split('/')
    .slice(0, -1)
    .some((s) => s.startsWith('.') || s === 'node_modules');

/** The project host of a git revision: files as they are at that commit; `disk` files come from the disk. */
export function gitHost(r: GitRevision, disk: ReadonlySet<string> = new Set()): ProjectHost {
  let files: Set<string> | undefined;
  const all = () => (files ??= new Set(listFilesAt(r, r.top)));
  return {
    readText: (file) => {
      if (disk.has(file)) return readUtf8(file);
      try {
        return showFile(r, file);
      } catch (e) {
        throw new ReadError(file, `cannot read ${file} at ${r.rev}: ${(e as Error).message}`);
      }
    },
    listFiles: (root, suffixes) => {
      const prefix = root.endsWith(path.sep) ? root : root + path.sep;
      return [...all()]
        .filter((f) => f.startsWith(prefix) && suffixes.some((s) => f.endsWith(s)) && !hasHiddenSegment(path.relative(root, f).split(path.sep).join('/')))
        .sort(comparePaths);
    },
    isFile: (file) => (disk.has(file) ? fs.existsSync(file) : all().has(path.resolve(file))),
    realPath: (file) => file,
  };
}

function sources(positionals: string[], options: LedgerOptions): VersionSource[] {
  const revs = options.revs ?? [];
  const projectOptions = { configFile: options.configFile, profile: options.profile };
  // One parse per file, incremental across versions (`parsedSpec`): no worker threads.
  const worktree = nodeProject({ ...projectOptions, threads: 1 });
  const onDisk = (arg: string): VersionSource => {
    let kind: VersionSource['kind'];
    try {
      const st = fs.statSync(arg);
      kind = st.isDirectory() ? 'tree' : st.isFile() ? 'blob' : undefined;
    } catch {
      kind = undefined;
    }
    if (!kind) throw new LedgerReadError(arg, `cannot read ${arg}: no such file or folder`);
    return { arg, label: arg, project: worktree, kind };
  };
  if (!revs.length) {
    if (positionals.length < 2)
      throw new LedgerUsageError('the ledger needs at least two versions: give two or more PATHs, oldest first, or --rev REV [--rev REV...] [PATH]');
    return positionals.map(onDisk);
  }
  if (positionals.length > 1) throw new LedgerUsageError('with --rev, give at most one PATH (it is read at each revision)');
  const arg = positionals[0] ?? '.';
  const disk = new Set(options.configFile ? [path.resolve(options.configFile)] : []);
  const out = revs.map((rev): VersionSource => {
    let r: GitRevision;
    try {
      r = resolveRevision(existingFolder(arg), rev);
    } catch (e) {
      throw e instanceof GitError ? e : new GitError(String(e));
    }
    const kind = kindAt(r, arg);
    if (!kind) throw new LedgerReadError(arg, `${arg} does not exist at ${rev}`);
    return { arg, label: `${rev}:${arg}`, project: new Project(gitHost(r, disk), projectOptions), rev: r, kind };
  });
  if (revs.length === 1) out.push(onDisk(arg));
  return out;
}

/** The folder itself, or its nearest existing parent: where git looks for the repository of a PATH (it may exist only at a revision). */
function existingFolder(arg: string): string {
  let dir = path.resolve(arg);
  while (!(fs.existsSync(dir) && fs.statSync(dir).isDirectory()) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** The path shown for a file found below PATH: relative paths stay relative. */
function shown(src: VersionSource, abs: string): string {
  const folder = src.kind === 'blob' ? path.dirname(src.arg) : src.arg;
  const p = src.kind === 'blob' && path.resolve(src.arg) === abs ? src.arg : path.join(folder, path.relative(path.resolve(folder), abs));
  return src.rev ? `${src.rev.rev}:${p}` : p;
}

function configOf(project: Project, abs: string): LoadedConfig {
  const c = project.config(project.configPathFor(abs));
  if (c instanceof ReadError) throw new LedgerReadError(c.file, c.message);
  if (c.unknownProfile)
    throw new LedgerUsageError(
      `unknown profile "${c.unknownProfile}" (${c.path ? `profiles in ${c.path}: ${c.profiles.length ? c.profiles.join(', ') : 'none'}` : 'no configuration file, so no profiles'})`,
    );
  return c;
}

/** Where a sidecar's first problem is, as `line:column`. */
function firstProblem(text: string, p: { range: { start: number }; message: string } | undefined): string {
  if (!p) return '';
  const pos = new LineIndex(text).positionAt(p.range.start);
  return ` (${pos.line + 1}:${pos.character + 1} ${p.message})`;
}

/** The spec files of a version (absolute paths); a usage error when there are none. */
function specFilesOf(src: VersionSource): string[] {
  const abs = path.resolve(src.arg);
  const specFiles = src.kind === 'tree' ? src.project.host.listFiles(abs, [SPEC_SUFFIX]) : abs.endsWith(SPEC_SUFFIX) ? [abs] : [];
  if (!specFiles.length)
    throw new LedgerReadError(src.arg, src.kind === 'tree' ? `${src.label} holds no *${SPEC_SUFFIX} file` : `${src.label} is not a spec (*${SPEC_SUFFIX})`);
  return specFiles;
}

/**
 * Chunk caches by a spec's path inside its version (one for the lone spec of file versions). Versions are
 * read oldest first, so each spec is parsed against its previous version's chunks: only the requirements
 * that changed go through the Markdown parser again (an incremental parse is exactly the whole parse).
 */
type ChunkCaches = Map<string, ChunkCache>;

function parsedSpec(src: VersionSource, abs: string, caches: ChunkCaches): SpecModel {
  let text: string;
  try {
    text = src.project.text(abs);
  } catch (e) {
    if (e instanceof ReadError) throw new LedgerReadError(abs, e.message.replace(abs, shown(src, abs)));
    throw e;
  }
  const key = src.kind === 'tree' ? path.relative(path.resolve(src.arg), abs) : '';
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new ChunkCache()));
  const model = parseSpec(text, { cache });
  src.project.setSpec(abs, model);
  return model;
}

function readVersion(src: VersionSource, specFiles: string[], caches: ChunkCaches, warnings: string[]): LedgerVersionInput {
  const { project } = src;
  const abs = path.resolve(src.arg);
  const specs: LedgerSpecInput[] = [];
  const indexOf = new Map<string, number>();
  const byKey = new Map<string, string>();
  for (const f of specFiles) {
    const model = parsedSpec(src, f, caches);
    const spec = { file: shown(src, f), model, config: configOf(project, f).config };
    const key = specKeyOf(spec);
    if (byKey.has(key)) warnings.push(`${spec.file} has the same id "${key}" as ${byKey.get(key)}; the ledger follows ${byKey.get(key)}`);
    else byKey.set(key, spec.file);
    indexOf.set(f, specs.length);
    specs.push(spec);
  }
  const folder = src.kind === 'tree' ? abs : path.dirname(abs);
  const sidecarFiles = project.host.listFiles(folder, [REVIEW_SUFFIX]).filter((f) => src.kind === 'tree' || path.dirname(f) === folder);
  const sidecars: LedgerSidecarInput[] = [];
  for (const f of sidecarFiles) {
    const review = project.review(f);
    if (review instanceof ReadError) throw new LedgerReadError(f, review.message.replace(f, shown(src, f)));
    const target = review.malformed ? {} : project.reviewTarget(f, review, project.rootFor(f, folder));
    if (review.malformed || target.problem) {
      const why = review.malformed ? `malformed${firstProblem(review.text, review.problems[0])}` : target.problem!;
      warnings.push(`${shown(src, f)}: ${why}; its notes are not counted`);
      continue;
    }
    const spec = target.specAbs === undefined ? undefined : indexOf.get(target.specAbs);
    // Sidecars reviewing a spec outside this version were not written against it.
    if (spec !== undefined) sidecars.push({ file: shown(src, f), review, spec });
  }
  return { path: src.label, specs, sidecars };
}

/** Reads every version (oldest first); throws LedgerUsageError (usage), LedgerReadError or GitError (I/O). */
export function gatherVersions(positionals: string[], options: LedgerOptions = {}): { versions: LedgerVersionInput[]; warnings: string[] } {
  const srcs = sources(positionals, options);
  const folders = srcs.filter((s) => s.kind === 'tree');
  if (folders.length && folders.length < srcs.length) {
    const file = srcs.find((s) => s.kind !== 'tree')!;
    throw new LedgerUsageError(`give only folders or only files, not both: ${folders[0]!.label} is a folder, ${file.label} is a file`);
  }
  const files = srcs.map(specFilesOf);
  const caches: ChunkCaches = new Map();
  const warnings: string[] = [];
  return { versions: srcs.map((s, i) => readVersion(s, files[i]!, caches, warnings)), warnings };
}

export function runLedger(positionals: string[], options: LedgerOptions = {}): LedgerRun {
  const { versions, warnings } = gatherVersions(positionals, options);
  return { ledger: buildLedger(versions), warnings };
}
