/**
 * The editor's open documents (full text, updated by incremental changes), and the mapping between LSP
 * URIs and the names the language service uses: absolute paths for `file:` URIs, the URI itself for other
 * schemes (an untitled buffer, a git view).
 */
import type { Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { TextChange } from '../core/liveDocument.js';
import type { OpenDocument, ServiceDocuments } from '../service/index.js';

/** The service's name for a URI, or undefined when the string is not a usable URI. */
export function fileOf(uri: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(uri) || /[\0\r\n]/.test(uri)) return undefined;
  try {
    decodeURIComponent(uri);
    const u = URI.parse(uri, true);
    if (u.scheme !== 'file') return uri;
    return u.path.startsWith('/') ? u.fsPath : undefined;
  } catch {
    return undefined;
  }
}

export interface OpenedDocument {
  uri: string;
  file: string;
  languageId: string;
  doc: TextDocument;
}

const LINE_BREAK = /[\r\n]/;

/** One version's changes: in offsets, and the lines they touched when none added or removed a line break. */
interface LogEntry {
  version: number;
  changes: TextChange[] | undefined;
  lines: number[] | undefined;
}

/** Versions of a document's change log kept (the service asks for the changes since its last parse). */
const LOG_LENGTH = 256;

export class DocumentStore implements ServiceDocuments {
  private byUri = new Map<string, OpenedDocument>();
  private byFile = new Map<string, OpenedDocument>();
  /** Per document: the changes that made each version from the one before, oldest first (undefined: a full replacement). */
  private logs = new WeakMap<OpenedDocument, LogEntry[]>();

  /** Opens (or reopens) a document; undefined when the URI is not usable. */
  open(uri: string, languageId: string, version: number, text: string): OpenedDocument | undefined {
    const file = fileOf(uri);
    if (file === undefined) return undefined;
    const opened = { uri, file, languageId, doc: TextDocument.create(uri, languageId, version, text) };
    this.logs.set(opened, []);
    this.byUri.set(uri, opened);
    this.byFile.set(file, opened);
    return opened;
  }

  /** Applies changes (full or ranged) to an open document; undefined when it is not open. */
  change(uri: string, version: number, changes: ({ text: string } | { range: Range; text: string })[]): OpenedDocument | undefined {
    const opened = this.byUri.get(uri);
    if (!opened) return undefined;
    // One change at a time, so each one's offsets are taken in the text it applies to.
    const log: TextChange[] | undefined = [];
    const lines: number[] = [];
    let known = true;
    let breaks = false;
    for (const change of changes) {
      if ('range' in change) {
        const a = opened.doc.offsetAt(change.range.start);
        const b = opened.doc.offsetAt(change.range.end);
        const start = Math.min(a, b);
        const end = Math.max(a, b);
        log.push({ start, end, length: change.text.length });
        // Whether the change adds or removes a line break (else every line keeps its number).
        // (Text put between the \r and \n of a line break, or a removal bringing them together, counts too.)
        const text = opened.doc.getText();
        breaks ||= LINE_BREAK.test(change.text) || LINE_BREAK.test(text.slice(start, end)) || (text[start - 1] === '\r' && text[end] === '\n');
        lines.push(opened.doc.positionAt(start).line);
      } else known = false;
      TextDocument.update(opened.doc, [change], version);
    }
    let entries = this.logs.get(opened);
    if (!entries) this.logs.set(opened, (entries = []));
    entries.push({ version, changes: known ? log : undefined, lines: known && !breaks ? lines : undefined });
    if (entries.length > LOG_LENGTH) entries.splice(0, entries.length - LOG_LENGTH);
    return opened;
  }

  /** The changes from `version` to the current text, in order; undefined when they are not all known. */
  changesSince(file: string, version: number): TextChange[] | undefined {
    const entries = this.entriesSince(file, version);
    if (!entries) return undefined;
    const out: TextChange[] = [];
    for (const e of entries) {
      if (!e.changes) return undefined;
      out.push(...e.changes);
    }
    return out;
  }

  /**
   * The lines edited since `version` when no change since then added or removed a line break (so every
   * other line kept its number and its text); undefined otherwise.
   */
  linesEditedSince(file: string, version: number): ReadonlySet<number> | undefined {
    const entries = this.entriesSince(file, version);
    if (!entries) return undefined;
    const out = new Set<number>();
    for (const e of entries) {
      if (!e.lines) return undefined;
      for (const l of e.lines) out.add(l);
    }
    return out;
  }

  private entriesSince(file: string, version: number): LogEntry[] | undefined {
    const opened = this.byFile.get(file);
    const entries = opened && this.logs.get(opened);
    if (!opened || !entries) return undefined;
    let k = entries.length;
    while (k > 0 && entries[k - 1]!.version > version) k--;
    // The log must start right after `version`: the version before the first entry kept is unknown.
    if (k === 0 && entries.length === LOG_LENGTH) return undefined;
    if (k < entries.length && k > 0 && entries[k - 1]!.version !== version) return undefined;
    return entries.slice(k);
  }

  close(uri: string): OpenedDocument | undefined {
    const opened = this.byUri.get(uri);
    if (!opened) return undefined;
    this.byUri.delete(uri);
    if (this.byFile.get(opened.file) === opened) this.byFile.delete(opened.file);
    return opened;
  }

  byUriOf(uri: string): OpenedDocument | undefined {
    return this.byUri.get(uri);
  }

  byFileOf(file: string): OpenedDocument | undefined {
    return this.byFile.get(file);
  }

  /** The service's view: text and version by file. */
  get(file: string): OpenDocument | undefined {
    const d = this.byFile.get(file)?.doc;
    return d && { text: d.getText(), version: d.version };
  }

  /** The URI to send for a file: the open document's, else a `file:` URI (names that are URIs stay as they are). */
  uriOf(file: string): string {
    const open = this.byFile.get(file);
    if (open) return open.uri;
    return file.startsWith('/') || /^[a-z]:[\\/]/i.test(file) ? URI.file(file).toString() : file;
  }
}
