/**
 * Writing review sidecars without losing a note. A change is a function of the file's current text
 * (add a note, reply, set a status), so a file changed on disk since the editor read it is simply
 * re-read and the change applied to the newer text: both survive. Writes are atomic (temporary file, then
 * rename) and checked: if the file changed again between reading and renaming, the change is re-applied
 * (up to three times) or refused with a clear message. A malformed sidecar is never rewritten (the edit
 * functions refuse it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReviewEditError } from '../core/review/edit.js';

export class SidecarWriteError extends Error {}

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SidecarWriteError(`cannot read ${file}: ${(e as Error).message}`);
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
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
    fs.writeFileSync(tmp, next, { flag: 'wx' });
    hooks.beforeRename?.();
    // Someone else wrote the file meanwhile: start again from their text.
    if (readOrUndefined(file) !== before) {
      fs.rmSync(tmp, { force: true });
      continue;
    }
    fs.renameSync(tmp, file);
    return next;
  }
  throw new SidecarWriteError(`${path.basename(file)} kept changing while it was being written; nothing was written, try again`);
}
