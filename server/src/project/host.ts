/**
 * What the project model needs from the outside world: reading text, listing files, resolving links.
 * The Node implementation is `node/host.ts`; tests (and a browser) can give files from memory
 * (`MemoryHost`). Nothing in `project/` touches the disk itself.
 */

/** A file that cannot be read (missing, unreadable, not UTF-8): the message names the file. */
export class ReadError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ProjectHost {
  /** The file's text (an editor's host returns the open document's text). Throws a `ReadError`. */
  readText(file: string): string;
  /** Files below a folder whose names end with one of `suffixes`, skipping node_modules and dot-folders, sorted. */
  listFiles(root: string, suffixes: readonly string[]): string[];
  /** Whether a regular file exists at this path. */
  isFile(file: string): boolean;
  /** The path with symlinks resolved (a missing file: its folder resolved, its name kept). */
  realPath(file: string): string;
}

/** Files held in memory, keyed by absolute path (tests; a browser). */
export class MemoryHost implements ProjectHost {
  readonly files = new Map<string, string>();

  constructor(files: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(files)) this.files.set(k, v);
  }

  readText(file: string): string {
    const t = this.files.get(file);
    if (t === undefined) throw new ReadError(file, `cannot read ${file}: no such file`);
    return t;
  }

  listFiles(root: string, suffixes: readonly string[]): string[] {
    const prefix = root.endsWith('/') ? root : `${root}/`;
    return [...this.files.keys()]
      .filter((f) => f.startsWith(prefix) && suffixes.some((s) => f.endsWith(s)))
      .filter(
        (f) =>
          !f
            .slice(prefix.length)
            .split('/')
            .some((seg, i, all) => i < all.length - 1 && (seg.startsWith('.') || seg === 'node_modules')),
      )
      .sort();
  }

  isFile(file: string): boolean {
    return this.files.has(file);
  }

  realPath(file: string): string {
    return file;
  }
}
