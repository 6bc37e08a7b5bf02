/**
 * The one way the tools write a user's file (`check --fix`, review sidecars from the editor and the CLI,
 * imported specs, Word documents and reports):
 *
 * - atomic: the text goes to a temporary file in the target's real folder, then is renamed over it, so a
 *   reader sees the old file or the new one, never half of one;
 * - through symlinks: a link is resolved and its target written (the link stays a link);
 * - the file keeps its permission bits (and owner, when the process may set it);
 * - checked: when the caller says what it read (`expected`), the file is compared with that just before
 *   the rename, and a file changed meanwhile is refused (`FileChangedError`), never overwritten;
 * - problems are one line naming the file (`WriteError`): a read-only folder, a full disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { reasonOf } from './files.js';

/** A file that could not be written; the message is one line naming it. */
export class WriteError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/** The file changed on disk since the caller read it: nothing was written. */
export class FileChangedError extends WriteError {}

export interface WriteOptions {
  /**
   * What the caller read (a BOM at the start is ignored on both sides): the write is refused when the file
   * now holds something else. `null`: the file must not exist yet. Undefined: no check.
   */
  expected?: string | null;
  /** Keep a UTF-8 BOM the file starts with, when `text` has none. */
  keepBom?: boolean;
  /** Called after the temporary file is written, before the check and the rename (tests use it to interfere). */
  beforeRename?: () => void;
}

const BOM = '\uFEFF';
const noBom = (s: string) => (s.startsWith(BOM) ? s.slice(1) : s);

/** The path a write really goes to: links resolved (a missing file: its folder's links resolved). */
function targetOf(file: string): string {
  const abs = path.resolve(file);
  try {
    return fs.realpathSync(abs);
  } catch {
    try {
      // A dangling link: write where it points, so it stops dangling and stays a link.
      const link = fs.readlinkSync(abs);
      return targetOf(path.resolve(path.dirname(abs), link));
    } catch {
      try {
        return path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs));
      } catch {
        return abs;
      }
    }
  }
}

/** The file's current text, or undefined when it does not exist. */
function current(target: string, shown: string): string | undefined {
  try {
    return fs.readFileSync(target, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new WriteError(shown, `cannot write ${shown}: cannot read it first (${reasonOf(e)})`);
  }
}

function writeProblem(shown: string, target: string, e: unknown): WriteError {
  const code = (e as NodeJS.ErrnoException).code;
  const folder = path.dirname(target);
  if (code === 'EACCES' || code === 'EPERM') return new WriteError(shown, `cannot write ${shown}: permission denied (is ${folder} read-only?)`);
  if (code === 'EROFS') return new WriteError(shown, `cannot write ${shown}: ${folder} is on a read-only file system`);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new WriteError(shown, `cannot write ${shown}: no space left on the device`);
  if (code === 'ENOENT') return new WriteError(shown, `cannot write ${shown}: folder ${folder} does not exist`);
  return new WriteError(shown, `cannot write ${shown}: ${reasonOf(e)}`);
}

function unchanged(now: string | undefined, expected: string | null | undefined): boolean {
  if (expected === undefined) return true;
  if (expected === null) return now === undefined;
  return now !== undefined && noBom(now) === noBom(expected);
}

/**
 * Writes `data` (text, or the bytes of a document) to `file` atomically, keeping its mode and its symlink,
 * refusing when it changed since the caller read it (`expected: null`: when it exists at all). Throws
 * `FileChangedError` or `WriteError`; never leaves a temporary file behind.
 */
export function writeUserFile(file: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  const target = targetOf(file);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(target);
  } catch {
    stat = undefined;
  }
  // Never read (or replace) a FIFO, a device or a folder.
  if (stat && !stat.isFile()) throw new WriteError(file, `cannot write ${file}: not a regular file`);
  const before = current(target, file);
  if (!unchanged(before, options.expected)) throw changed(file, options.expected);
  const out = typeof data === 'string' && options.keepBom && before?.startsWith(BOM) && !data.startsWith(BOM) ? BOM + data : data;
  const tmp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`,
  );
  let created = false;
  try {
    try {
      fs.writeFileSync(tmp, out, { flag: 'wx', mode: stat ? stat.mode & 0o7777 : 0o666 });
      created = true;
      if (stat) {
        // The umask may have dropped bits; the file keeps exactly the mode it had.
        fs.chmodSync(tmp, stat.mode & 0o7777);
        if (typeof process.getuid === 'function' && (stat.uid !== process.getuid() || stat.gid !== process.getgid?.())) {
          try {
            fs.chownSync(tmp, stat.uid, stat.gid);
          } catch {
            /* only root may give a file away; the mode is what matters */
          }
        }
      }
    } catch (e) {
      throw writeProblem(file, target, e);
    }
    options.beforeRename?.();
    if (!unchanged(current(target, file), options.expected)) throw changed(file, options.expected);
    try {
      fs.renameSync(tmp, target);
      created = false;
    } catch (e) {
      throw writeProblem(file, target, e);
    }
  } finally {
    if (created) fs.rmSync(tmp, { force: true });
  }
}

function changed(file: string, expected: string | null | undefined): FileChangedError {
  return new FileChangedError(
    file,
    expected === null ? `${file} was created by someone else meanwhile; nothing was written` : `${file} changed on disk since it was read; nothing was written`,
  );
}
