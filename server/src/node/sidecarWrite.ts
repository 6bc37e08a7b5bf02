/**
 * Writing review sidecars without losing a note. A change is a function of the file's current text
 * (add a note, reply, set a status), so a file changed on disk since the editor read it is simply
 * re-read and the change applied to the newer text: both survive. The write itself is `writeUserFile`
 * (atomic, through symlinks, mode kept, refused when the file changed between reading and renaming); a
 * refused write is re-applied to the newer text (up to three times), then given up with a clear message.
 * A malformed sidecar is never rewritten (the edit functions refuse it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReviewEditError } from '../core/review/edit.js';
import { reasonOf } from './files.js';
import { FileChangedError, WriteError, writeUserFile } from './writeFile.js';

export class SidecarWriteError extends Error {}

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SidecarWriteError(`cannot read ${file}: ${reasonOf(e)}`);
  }
}

/**
 * Applies `change` to the sidecar's current text (`initial` when the file does not exist yet) and
 * writes the result atomically. Returns the text written.
 */
export function updateSidecar(file: string, change: (text: string) => string, initial?: string, hooks: { beforeRename?: () => void } = {}): string {
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = readOrUndefined(file);
    if (before === undefined && initial === undefined) throw new SidecarWriteError(`${file} does not exist`);
    let next: string;
    try {
      next = change(before ?? initial!);
    } catch (e) {
      if (e instanceof ReviewEditError) throw new SidecarWriteError(`${path.basename(file)} was not changed: ${e.message}`);
      throw e;
    }
    try {
      writeUserFile(file, next, { expected: before ?? null, beforeRename: hooks.beforeRename });
      return next;
    } catch (e) {
      // Someone else wrote the file meanwhile: start again from their text.
      if (e instanceof FileChangedError) continue;
      if (e instanceof WriteError) throw new SidecarWriteError(e.message);
      throw e;
    }
  }
  throw new SidecarWriteError(`${path.basename(file)} kept changing while it was being written; nothing was written, try again`);
}
