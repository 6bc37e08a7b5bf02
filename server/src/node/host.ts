/** The project model's host on Node: files on disk, read strictly as UTF-8 (`files.ts`). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProjectHost } from '../project/host.js';
import { findSpecs, readUtf8 } from './files.js';

/** The path with symlinks resolved; a missing file is resolved through its nearest existing folder. */
export function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    const parent = path.dirname(p);
    return parent === p ? p : path.join(realPath(parent), path.basename(p));
  }
}

export const nodeHost: ProjectHost = {
  readText: (file) => readUtf8(file),
  listFiles: (root, suffixes) => findSpecs(root, [...suffixes]),
  isFile: (file) => {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  },
  realPath,
};

/** A host whose open documents win over the disk (the language server's), by absolute path. */
export function overlayHost(open: (file: string) => string | undefined, base: ProjectHost = nodeHost): ProjectHost {
  return {
    ...base,
    readText: (file) => open(file) ?? base.readText(file),
    isFile: (file) => open(file) !== undefined || base.isFile(file),
  };
}
