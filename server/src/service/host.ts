/**
 * What the language service needs from outside besides the project's files: git for "compare with a
 * revision", an atomic writer for review sidecars, and today's date. The server passes the Node
 * implementations (`node/git.ts`, `node/sidecarWrite.ts`); tests pass memory ones.
 */
import type { MemoryHost } from '../project/host.js';

export interface ServiceHost {
  /** A file's text at a git revision; throws an Error with a one-line message (unknown revision, an option, no repository). */
  showAtRevision(file: string, rev: string): string;
  /** Applies `change` to a sidecar's current text (`initial` when there is none) atomically; returns the new text. */
  updateSidecar(file: string, change: (text: string) => string, initial?: string): string;
  /** Today as YYYY-MM-DD (a note's `created`). */
  today(): string;
  /**
   * Word import as `service-spec import` runs it (the configuration found from `outDir`, files written
   * atomically); throws TargetExistsError when a file it would write exists and `force` is false, else an
   * Error with a one-line message. Absent where there is no file system.
   */
  importWord?(docx: string, outDir: string, force: boolean): ImportedFiles;
  /** Writes a document atomically as the CLI does; refuses an existing file without `force`. */
  writeDocument?(file: string, bytes: Uint8Array, force: boolean): void;
  /** Whether a file exists (a document's target). */
  exists?(file: string): boolean;
}

/** What a Word import wrote, with the CLI's text summary. */
export interface ImportedFiles {
  spec: string;
  review: string | null;
  /** `service-spec import`'s text summary (requirements, fields and TBCs, notes, comments outside every requirement). */
  summary: string;
  /** One-line warnings (a configuration with errors). */
  warnings: string[];
}

/** Files that exist where a command would write: nothing was written; the user may confirm and retry with force. */
export class TargetExistsError extends Error {
  constructor(readonly files: string[]) {
    super(`${files.join(', ')} exists; nothing was written`);
  }
}

/** A user-facing refusal (bad request content, a file that cannot be written): its message is shown as is. */
export class ServiceError extends Error {}

/** A host over files in memory: sidecar writes change the MemoryHost; git has no revisions. */
export function memoryServiceHost(files: MemoryHost, today = '2020-01-01'): ServiceHost {
  return {
    showAtRevision: (_file, rev) => {
      throw new Error(`unknown git revision "${rev}"`);
    },
    updateSidecar: (file, change, initial) => {
      const current = files.files.get(file) ?? initial;
      if (current === undefined) throw new Error(`${file} does not exist`);
      const next = change(current);
      files.files.set(file, next);
      return next;
    },
    today: () => today,
  };
}
