/**
 * File-system edges shared by the CLI and the language server: finding specs and configuration files,
 * reading text strictly as UTF-8. Nothing here is editor-specific; nothing in core/ touches the disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../core/config.js';
import { ReadError } from '../project/host.js';
import { isInside as isInsideWith, REVIEW_SUFFIX, SPEC_SUFFIX } from '../project/project.js';
import { realPath } from './host.js';

export { REVIEW_SUFFIX, SPEC_SUFFIX };

export function isSpecFile(file: string): boolean {
  return file.endsWith(SPEC_SUFFIX);
}

export function isReviewFile(file: string): boolean {
  return file.endsWith(REVIEW_SUFFIX);
}

export function isConfigFile(file: string): boolean {
  return path.basename(file) === CONFIG_FILE_NAME;
}

export { ReadError } from '../project/host.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** What a path is when it is not a regular file, for messages ("a FIFO", "a folder"). */
export function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Why a file cannot be read, in a few words. */
export function reasonOf(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  if (err.code === 'EISDIR') return 'is a folder';
  if (err.code === 'ELOOP') return 'too many symbolic links';
  return err.message.split('\n')[0]!;
}

/**
 * Reads a file as UTF-8 (a BOM is dropped; the core strips one too); invalid UTF-8 is a ReadError. Only
 * regular files are read: a FIFO, socket or device is refused without waiting on it (opened non-blocking,
 * checked with fstat before any read).
 */
export function readUtf8(file: string): string {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new ReadError(file, `cannot read ${file}: ${kindOf(st) === 'a folder' ? 'is a folder' : `not a regular file (${kindOf(st)})`}`);
    bytes = fs.readFileSync(fd);
  } catch (e) {
    if (e instanceof ReadError) throw e;
    throw new ReadError(file, `cannot read ${file}: ${reasonOf(e)}`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new ReadError(file, `cannot read ${file}: not valid UTF-8 (first bad byte at offset ${at}); save it as UTF-8`);
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return i;
}

/** Every `*.spec.md` (or other suffixes) below a folder, skipping node_modules and dot-folders, sorted by path. */
export function findSpecs(dir: string, suffix: string | string[] = SPEC_SUFFIX): string[] {
  const suffixes = Array.isArray(suffix) ? suffix : [suffix];
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && suffixes.some((x) => e.name.endsWith(x))) out.push(p);
    }
  };
  walk(dir);
  return out.sort(comparePaths);
}

/** Sorts paths by their segments, so `a/b.spec.md` < `a-b.spec.md` does not depend on separators. */
export function comparePaths(a: string, b: string): number {
  const pa = a.split(/[\\/]/);
  const pb = b.split(/[\\/]/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) {
      // A file sorts before a folder's contents at the same level only by name, like `ls -R`.
      return pa[i]! < pb[i]! ? -1 : 1;
    }
  }
  return pa.length - pb.length;
}

/** Whether `file` is inside the folder `root`, as written and with symlinks resolved (a link out does not count). */
export function isInside(root: string, file: string): boolean {
  return isInsideWith(root, file, realPath);
}

/** The nearest `service-spec.config.yaml` in the file's folder or above, or undefined. */
export function findConfigFile(startDir: string, stopAt?: string): string | undefined {
  let dir = path.resolve(startDir);
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  while (true) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    if (stop && dir === stop) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface PathGroup {
  /** The PATH argument as given. */
  arg: string;
  isDirectory: boolean;
  /** Its spec files (a file argument is its own group), each path once across all groups. */
  files: string[];
}

/**
 * PATH arguments (default `.`) expanded to spec files, in argument order, each file once. A missing path,
 * one that is neither a folder nor a regular file (a FIFO, a device), or a folder holding no file with
 * one of the suffixes is a one-line error naming it (as ESLint does for a pattern matching nothing).
 */
export function expandPaths(paths: string[], suffixes: string[] = [SPEC_SUFFIX]): { groups: PathGroup[]; errors: string[] } {
  const groups: PathGroup[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const arg of paths.length ? paths : ['.']) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch (e) {
      errors.push(`cannot read ${arg}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : reasonOf(e)}`);
      continue;
    }
    if (!stat.isDirectory() && !stat.isFile()) {
      errors.push(`cannot read ${arg}: not a regular file (${kindOf(stat)})`);
      continue;
    }
    const found = stat.isDirectory() ? findSpecs(arg, suffixes) : [arg];
    if (!found.length) {
      errors.push(`no ${suffixes.map((s) => `*${s}`).join(' or ')} files in ${arg}`);
      continue;
    }
    const files = found.filter((f) => {
      const abs = path.resolve(f);
      if (seen.has(abs)) return false;
      seen.add(abs);
      return true;
    });
    groups.push({ arg, isDirectory: stat.isDirectory(), files });
  }
  return { groups, errors };
}
