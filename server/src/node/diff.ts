/**
 * `service-spec diff`: the two sides (files, folders, or git revisions read through `git.ts`), each read
 * through the project model (`Project` over the disk, or over a revision) and costed with its own
 * configuration under the active profile.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedConfig } from '../core/config.js';
import { diffSpecs, summarise, type SpecDiff, type DiffSummary } from '../core/diff/diff.js';
import type { SpecModel } from '../core/model.js';
import { ReadError, type ProjectHost } from '../project/host.js';
import { Project, SPEC_SUFFIX } from '../project/project.js';
import { configError, unknownProfile } from './cost.js';
import { comparePaths, reasonOf } from './files.js';
import { GitError, kindAt, listFilesAt, repoPath, resolveRevision, showFile, type GitRevision } from './git.js';
import { nodeHost } from './host.js';

export interface Side {
  /** The path compared (with `REV:` in front for a git revision). */
  file: string;
  id: string | null;
  version: string | null;
  title: string | null;
}

export interface DiffResult {
  old: Side;
  new: Side;
  profile: string;
  specs: (SpecDiff & { oldFile: string | null; newFile: string | null })[];
  summary: DiffSummary;
  /** Folders compared (else two files). */
  folders: boolean;
  /** Things worth a line on stderr that do not stop the diff (several specs sharing an id in a folder). */
  notes: string[];
}

/** A usage problem (wrong arguments, unknown profile, unusable configuration): exit 2. */
export class DiffUsageError extends Error {}

interface Loaded {
  /** As shown to the user. */
  file: string;
  /** Relative to the folder compared (folder mode), for pairing specs that share an id. */
  rel: string;
  model: SpecModel;
  config: LoadedConfig;
}

/** One side of the diff: the working tree or a git revision, seen through the same project model. */
interface Source {
  label: string;
  project: Project;
  /** 'dir', 'file', or a one-line reason it cannot be compared. */
  kind(abs: string, shown: string): 'dir' | 'file';
}

function workingTree(profile: string | undefined): Source {
  return {
    label: 'working tree',
    project: new Project(nodeHost, { profile }),
    kind: (abs, shown) => {
      let st: fs.Stats;
      try {
        st = fs.statSync(abs);
      } catch (e) {
        throw new ReadError(shown, `cannot read ${shown}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : reasonOf(e)}`);
      }
      if (st.isDirectory()) return 'dir';
      if (!st.isFile()) throw new ReadError(shown, `cannot read ${shown}: not a regular file`);
      return 'file';
    },
  };
}

/** The files of a revision as a project host: read with `git show`, listed with `git ls-tree`. */
function revisionHost(r: GitRevision): ProjectHost {
  return {
    readText: (file) => {
      try {
        return showFile(r, file);
      } catch (e) {
        throw new ReadError(file, e instanceof GitError ? e.message : `cannot read ${file} at ${r.rev}: ${(e as Error).message.split('\n')[0]}`);
      }
    },
    listFiles: (root, suffixes) =>
      listFilesAt(r, root)
        .filter((f) => suffixes.some((s) => f.endsWith(s)))
        .filter(
          (f) =>
            !path
              .relative(root, f)
              .split(path.sep)
              .some((seg) => seg.startsWith('.') || seg === 'node_modules'),
        )
        .sort(comparePaths),
    isFile: (file) => kindAt(r, file) === 'blob',
    realPath: (p) => p,
  };
}

/** The nearest existing folder at or above a path (a path deleted since a revision still names its repository). */
function existingFolder(abs: string): string {
  for (let dir = abs; ; dir = path.dirname(dir)) {
    try {
      if (fs.statSync(dir).isDirectory()) return dir;
    } catch {
      /* keep walking up */
    }
    if (path.dirname(dir) === dir) return dir;
  }
}

function gitRevision(rev: string, near: string, profile: string | undefined): Source {
  const r = resolveRevision(existingFolder(near), rev);
  return {
    label: rev,
    project: new Project(revisionHost(r), { profile }),
    kind: (abs, shown) => {
      const k = kindAt(r, abs);
      if (!k) throw new GitError(`${shown} does not exist at ${rev}${repoPath(r, abs).startsWith('../') ? ` (it is outside the repository ${r.top})` : ''}`);
      return k === 'tree' ? 'dir' : 'file';
    },
  };
}

/** Reads a spec and its configuration on one side; usage problems (profile, configuration) are thrown. */
function load(src: Source, abs: string, shown: string, rel: string): Loaded {
  const model = src.project.spec(abs);
  if (model instanceof ReadError) throw model;
  const configPath = src.project.configPathFor(abs);
  const config = src.project.config(configPath);
  if (config instanceof ReadError) throw config;
  const where = configPath ? (src.label === 'working tree' ? displayPath(configPath) : `${src.label}:${displayPath(configPath)}`) : undefined;
  const invalid = configError(config, src.project, where ?? '');
  if (invalid) throw new DiffUsageError(invalid);
  if (config.unknownProfile) throw new DiffUsageError(unknownProfile(config, where));
  return { file: shown, rel, model, config };
}

function displayPath(abs: string): string {
  return path.relative(process.cwd(), abs).split(path.sep).join('/') || '.';
}

export interface DiffOptions {
  profile?: string;
  /** `--rev` values: one compares that revision with the working tree, two compare revisions. */
  revs?: string[];
}

export function runDiff(positionals: string[], options: DiffOptions = {}): DiffResult {
  const profile = options.profile;
  const revs = options.revs ?? [];
  let oldSrc: Source;
  let newSrc: Source;
  let oldPath: string;
  let newPath: string;
  if (revs.length) {
    if (revs.length > 2) throw new DiffUsageError('at most two --rev');
    if (positionals.length > 1) throw new DiffUsageError('with --rev, give at most one PATH');
    oldPath = newPath = positionals[0] ?? '.';
    oldSrc = gitRevision(revs[0]!, path.resolve(oldPath), profile);
    newSrc = revs[1] ? gitRevision(revs[1], path.resolve(newPath), profile) : workingTree(profile);
  } else {
    if (positionals.length !== 2) throw new DiffUsageError('expected two paths: service-spec diff OLD NEW (or --rev REV [--rev REV] [PATH])');
    oldSrc = newSrc = workingTree(profile);
    [oldPath, newPath] = positionals as [string, string];
  }
  const sideLabel = (src: Source, p: string) => (revs.length ? `${src.label}:${p}` : p);
  const oldKind = oldSrc.kind(path.resolve(oldPath), oldPath);
  const newKind = newSrc.kind(path.resolve(newPath), newPath);
  if (oldKind !== newKind)
    throw new DiffUsageError(
      `compare two files or two folders, not one of each (${oldPath} is a ${oldKind === 'dir' ? 'folder' : 'file'}, ${newPath} a ${newKind === 'dir' ? 'folder' : 'file'})`,
    );
  const side = (src: Source, p: string, l?: Loaded): Side => {
    const fm = l?.model.frontMatter.values;
    return { file: sideLabel(src, p), id: fm?.id ?? null, version: fm?.version ?? null, title: fm?.title ?? null };
  };
  if (oldKind === 'file') {
    const a = load(oldSrc, path.resolve(oldPath), oldPath, path.basename(oldPath));
    const b = load(newSrc, path.resolve(newPath), newPath, path.basename(newPath));
    const specs = [{ ...diffSpecs(a.model, b.model, a.config.config, b.config.config), oldFile: oldPath, newFile: newPath }];
    return {
      old: side(oldSrc, oldPath, a),
      new: side(newSrc, newPath, b),
      profile: profile ?? 'default',
      specs,
      summary: summarise(specs),
      folders: false,
      notes: [],
    };
  }
  const notes: string[] = [];
  const a = loadFolder(oldSrc, oldPath, sideLabel(oldSrc, oldPath));
  const b = loadFolder(newSrc, newPath, sideLabel(newSrc, newPath));
  const specs: DiffResult['specs'] = pairSpecs(a, b, notes, sideLabel(oldSrc, oldPath), sideLabel(newSrc, newPath)).map(([x, y]) => ({
    ...diffSpecs(x?.model, y?.model, (x ?? y)!.config.config, (y ?? x)!.config.config),
    oldFile: x?.file ?? null,
    newFile: y?.file ?? null,
  }));
  return { old: side(oldSrc, oldPath), new: side(newSrc, newPath), profile: profile ?? 'default', specs, summary: summarise(specs), folders: true, notes };
}

/** The specs below a folder on one side, shown as the folder argument joined with their path inside it. */
function loadFolder(src: Source, dir: string, shownDir: string): Loaded[] {
  const root = path.resolve(dir);
  const files = src.project.host.listFiles(root, [SPEC_SUFFIX]);
  if (!files.length) throw new ReadError(shownDir, `no *${SPEC_SUFFIX} files in ${shownDir}`);
  return files.map((abs) => {
    const rel = path.relative(root, abs).split(path.sep).join('/');
    return load(src, abs, path.join(dir, rel).split(path.sep).join('/'), rel);
  });
}

const idOf = (l: Loaded) => l.model.frontMatter.values.id ?? null;

/**
 * Pairs the specs of two folders. A spec is paired with the spec of the same id on the other side; when
 * several share an id (two versions side by side, a copy), those are paired by their path inside the
 * folder, and what is left of the id pairs only one-to-one, else counts as removed and added. Specs with
 * no id pair by path. Each shared id is noted (stderr), so nothing is dropped silently.
 */
export function pairSpecs(olds: Loaded[], news: Loaded[], notes: string[], oldLabel: string, newLabel: string): [Loaded | undefined, Loaded | undefined][] {
  const out: [Loaded | undefined, Loaded | undefined][] = [];
  const groups = new Map<string, { o: Loaded[]; n: Loaded[] }>();
  const keyOf = (l: Loaded) => idOf(l) ?? `\0${l.rel}`;
  for (const l of olds) (groups.get(keyOf(l)) ?? groups.set(keyOf(l), { o: [], n: [] }).get(keyOf(l))!).o.push(l);
  for (const l of news) (groups.get(keyOf(l)) ?? groups.set(keyOf(l), { o: [], n: [] }).get(keyOf(l))!).n.push(l);
  for (const [key, { o, n }] of groups) {
    for (const [list, label] of [
      [o, oldLabel],
      [n, newLabel],
    ] as const)
      if (list.length > 1)
        notes.push(`${list.length} specs in ${label} have the id "${key}" (${list.map((l) => l.rel).join(', ')}); they are paired by their path in the folder`);
    const restO = [...o];
    const restN: Loaded[] = [];
    for (const y of n) {
      const i = restO.findIndex((x) => x.rel === y.rel);
      if (i >= 0) out.push([restO.splice(i, 1)[0], y]);
      else restN.push(y);
    }
    if (restO.length === 1 && restN.length === 1) out.push([restO[0], restN[0]]);
    else {
      for (const x of restO) out.push([x, undefined]);
      for (const y of restN) out.push([undefined, y]);
    }
  }
  const sortKey = (p: [Loaded | undefined, Loaded | undefined]) => idOf((p[1] ?? p[0])!) ?? '';
  const relOf = (p: [Loaded | undefined, Loaded | undefined]) => (p[1] ?? p[0])!.rel;
  return out.sort((p, q) => (sortKey(p) < sortKey(q) ? -1 : sortKey(p) > sortKey(q) ? 1 : comparePaths(relOf(p), relOf(q))));
}
