/**
 * The one way the tools read git (the CLI's `diff --rev`, the editor's compare with a revision). Every
 * call runs `git` in the repository's top folder, so paths mean the same from any subfolder; a revision is
 * verified with `rev-parse --verify --end-of-options` first, and anything that looks like an option is
 * refused before git sees it.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A git problem worth one line to the user (not a repository, unknown revision, no such path). */
export class GitError extends Error {}

function run(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A repository and one verified commit of it. */
export interface GitRevision {
  /** The repository's top folder (absolute). */
  top: string;
  /** The revision as the user wrote it. */
  rev: string;
  /** The commit it names. */
  commit: string;
}

/** The top folder of the repository holding `dir`; a GitError when there is none (or no git). */
export function repositoryOf(dir: string): string {
  // A path may exist only at a revision: ask from its nearest folder that exists now.
  let cwd = path.resolve(dir);
  while (!fs.existsSync(cwd) && path.dirname(cwd) !== cwd) cwd = path.dirname(cwd);
  try {
    return run(cwd, ['rev-parse', '--show-toplevel']).trim();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new GitError('git is not installed (needed for --rev)');
    throw new GitError(`${path.resolve(dir)} is not inside a git repository`);
  }
}

/** Verifies a revision in the repository holding `dir`: a GitError for options, unknown names or no repository. */
export function resolveRevision(dir: string, rev: string): GitRevision {
  if (!rev || rev.startsWith('-') || /[\0\n]/.test(rev)) throw new GitError(`"${rev}" is not a git revision`);
  const top = repositoryOf(dir);
  let commit: string;
  try {
    commit = run(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]).trim();
  } catch {
    throw new GitError(`unknown git revision "${rev}"`);
  }
  return { top, rev, commit };
}

/** A path relative to the repository's top folder, with `/` separators ('' for the top itself). */
export function repoPath(r: GitRevision, file: string): string {
  return path.relative(r.top, path.resolve(file)).split(path.sep).join('/');
}

/** `tree`, `blob`, or undefined when the path does not exist at that revision. */
export function kindAt(r: GitRevision, file: string): 'tree' | 'blob' | undefined {
  const rel = repoPath(r, file);
  if (rel === '') return 'tree';
  if (rel.startsWith('../')) return undefined;
  try {
    const t = run(r.top, ['cat-file', '-t', `${r.commit}:${rel}`]).trim();
    return t === 'tree' || t === 'blob' ? t : undefined;
  } catch {
    return undefined;
  }
}

/** A file's text at the revision; a GitError naming it when it is not there. */
export function showFile(r: GitRevision, file: string): string {
  const rel = repoPath(r, file);
  if (kindAt(r, file) !== 'blob') throw new GitError(`${file} does not exist at ${r.rev}`);
  return run(r.top, ['show', `${r.commit}:${rel}`]);
}

/** Absolute paths of the files below a folder at the revision. */
export function listFilesAt(r: GitRevision, dir: string): string[] {
  const rel = repoPath(r, dir);
  const out = run(r.top, ['ls-tree', '-r', '--name-only', '--full-tree', r.commit, '--', rel || '.']);
  return out
    .split('\n')
    .filter(Boolean)
    .map((f) => path.join(r.top, f));
}
