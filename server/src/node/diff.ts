/**
 * `service-spec diff`: the two sides (files, folders, or git revisions read with git itself), each costed
 * with its own configuration under the active profile.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig, defaultConfig, type LoadedConfig, CONFIG_FILE_NAME } from '../core/config.js';
import { diffSpecs, summarise, type SpecDiff, type DiffSummary } from '../core/diff/diff.js';
import { parseSpec } from '../core/parse.js';
import type { SpecModel } from '../core/model.js';
import { RULE_IDS } from '../core/rules/index.js';
import { findConfigFile, findSpecs, readUtf8, ReadError, SPEC_SUFFIX, comparePaths } from './files.js';

export interface Side {
  file: string;
  id: string | null;
  version: string | null;
}

export interface DiffResult {
  old: Side;
  new: Side;
  profile: string;
  specs: (SpecDiff & { oldFile: string | null; newFile: string | null })[];
  summary: DiffSummary;
}

export class DiffUsageError extends Error {}

interface Loaded {
  file: string;
  model: SpecModel;
  config: LoadedConfig;
}

/** A side of the diff: where to read files and their configuration from. */
interface Source {
  label: string;
  isDir(p: string): boolean;
  list(dir: string): string[];
  read(file: string): string;
  config(file: string, profile: string | undefined): LoadedConfig;
}

function checkProfile(c: LoadedConfig, where: string): LoadedConfig {
  if (c.unknownProfile)
    throw new DiffUsageError(`unknown profile "${c.unknownProfile}" (${where}: ${c.profiles.length ? c.profiles.join(', ') : 'no profiles'})`);
  return c;
}

function workingTree(): Source {
  return {
    label: 'working tree',
    isDir: (p) => fs.statSync(p).isDirectory(),
    list: (dir) => findSpecs(dir),
    read: (f) => readUtf8(f),
    config: (file, profile) => {
      const c = findConfigFile(path.dirname(path.resolve(file)));
      const loaded = c ? parseConfig(readUtf8(c), c, { profile, knownRules: RULE_IDS }) : defaultConfig({ profile });
      return checkProfile(loaded, c ?? 'built-in defaults');
    },
  };
}

function git(args: string[]): string {
  return execFileSync('git', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

function gitRevision(rev: string): Source {
  const top = git(['rev-parse', '--show-toplevel']).trim();
  try {
    git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  } catch {
    throw new DiffUsageError(`unknown git revision "${rev}"`);
  }
  const rel = (p: string) => path.relative(top, path.resolve(p)).split(path.sep).join('/');
  const exists = (p: string) => {
    try {
      git(['cat-file', '-e', `${rev}:${p}`]);
      return true;
    } catch {
      return false;
    }
  };
  return {
    label: rev,
    isDir: (p) => git(['cat-file', '-t', `${rev}:${rel(p)}`]).trim() === 'tree',
    list: (dir) =>
      git(['ls-tree', '-r', '--name-only', rev, '--', rel(dir) || '.'])
        .split('\n')
        .filter((f) => f.endsWith(SPEC_SUFFIX) && !f.split('/').some((s) => s.startsWith('.') || s === 'node_modules'))
        .map((f) => path.relative(process.cwd(), path.join(top, f)).split(path.sep).join('/'))
        .sort(comparePaths),
    read: (f) => {
      try {
        return git(['show', `${rev}:${rel(f)}`]);
      } catch {
        throw new ReadError(f, `cannot read ${f} at ${rev}`);
      }
    },
    config: (file, profile) => {
      let dir = path.posix.dirname(rel(file));
      while (true) {
        const candidate = dir === '.' ? CONFIG_FILE_NAME : `${dir}/${CONFIG_FILE_NAME}`;
        if (exists(candidate))
          return checkProfile(
            parseConfig(git(['show', `${rev}:${candidate}`]), `${rev}:${candidate}`, { profile, knownRules: RULE_IDS }),
            `${rev}:${candidate}`,
          );
        if (dir === '.' || dir === '') break;
        dir = path.posix.dirname(dir);
      }
      return checkProfile(defaultConfig({ profile }), 'built-in defaults');
    },
  };
}

function load(src: Source, file: string, profile: string | undefined): Loaded {
  return { file, model: parseSpec(src.read(file)), config: src.config(file, profile) };
}

export interface DiffOptions {
  profile?: string;
  /** `--rev` values: one compares that revision with the working tree, two compare revisions. */
  revs?: string[];
}

export function runDiff(positionals: string[], options: DiffOptions = {}): DiffResult {
  let oldSrc: Source;
  let newSrc: Source;
  let oldPath: string;
  let newPath: string;
  const revs = options.revs ?? [];
  if (revs.length) {
    if (revs.length > 2) throw new DiffUsageError('at most two --rev');
    if (positionals.length > 1) throw new DiffUsageError('with --rev, give at most one PATH');
    oldSrc = gitRevision(revs[0]!);
    newSrc = revs[1] ? gitRevision(revs[1]) : workingTree();
    oldPath = newPath = positionals[0] ?? '.';
  } else {
    if (positionals.length !== 2) throw new DiffUsageError('expected two paths: service-spec diff OLD NEW (or --rev REV [--rev REV] [PATH])');
    oldSrc = newSrc = workingTree();
    [oldPath, newPath] = positionals as [string, string];
    for (const p of [oldPath, newPath]) if (!fs.existsSync(p)) throw new ReadError(p, `cannot read ${p}: no such file or folder`);
  }
  const oldIsDir = oldSrc.isDir(oldPath);
  const newIsDir = newSrc.isDir(newPath);
  if (oldIsDir !== newIsDir) throw new DiffUsageError('compare two files or two folders, not one of each');
  const profile = options.profile;
  const specs: DiffResult['specs'] = [];
  let oldSide: Side;
  let newSide: Side;
  const sideLabel = (src: Source, p: string) => (revs.length ? `${src.label}:${p}` : p);
  if (!oldIsDir) {
    const a = load(oldSrc, oldPath, profile);
    const b = load(newSrc, newPath, profile);
    specs.push({ ...diffSpecs(a.model, b.model, a.config.config, b.config.config), oldFile: oldPath, newFile: newPath });
    oldSide = { file: sideLabel(oldSrc, oldPath), id: a.model.frontMatter.values.id ?? null, version: a.model.frontMatter.values.version ?? null };
    newSide = { file: sideLabel(newSrc, newPath), id: b.model.frontMatter.values.id ?? null, version: b.model.frontMatter.values.version ?? null };
  } else {
    const byId = (src: Source, dir: string) => {
      const m = new Map<string, Loaded>();
      for (const f of src.list(dir)) {
        const l = load(src, f, profile);
        const id = l.model.frontMatter.values.id ?? f;
        if (!m.has(id)) m.set(id, l);
      }
      return m;
    };
    const a = byId(oldSrc, oldPath);
    const b = byId(newSrc, newPath);
    const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
    const fallback = defaultConfig({ profile });
    for (const id of ids) {
      const x = a.get(id);
      const y = b.get(id);
      specs.push({
        ...diffSpecs(x?.model, y?.model, (x ?? y)?.config.config ?? fallback.config, (y ?? x)?.config.config ?? fallback.config),
        oldFile: x?.file ?? null,
        newFile: y?.file ?? null,
      });
    }
    oldSide = { file: sideLabel(oldSrc, oldPath), id: null, version: null };
    newSide = { file: sideLabel(newSrc, newPath), id: null, version: null };
  }
  return { old: oldSide, new: newSide, profile: profile ?? 'default', specs, summary: summarise(specs) };
}
