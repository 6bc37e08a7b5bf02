/** Why a file cannot be imported. The message completes "cannot import FILE: …" and names no path. */
export type RefusalKind = 'not-zip' | 'encrypted' | 'ole' | 'corrupt' | 'not-word' | 'too-large' | 'dtd';

export class WordImportError extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message);
    this.name = 'WordImportError';
  }
}

/** Limits that keep a hostile file from costing more than a bounded amount of memory and time. */
export interface ImportLimits {
  readonly ratio: number;
  readonly maxInflatedBytes: number;
  readonly maxElementsPerBlock: number;
  readonly maxBlocks: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  /** Inflated XML may be at most this many times the size of the .docx… */
  ratio: 100,
  /** …and never more than this many bytes, whatever the zip's headers declare. */
  maxInflatedBytes: 200 * 1024 * 1024,
  /** Elements in one top-level block (a paragraph, a table, a comment, a style). */
  maxElementsPerBlock: 1_000_000,
  /** Paragraphs and tables in the document body. */
  maxBlocks: 500_000,
};
