/**
 * The one place where core and service results become LSP types and LSP positions become offsets. Core
 * offsets refer to the BOM-less text; a text that starts with a byte-order mark is shifted by one, so
 * positions match the client's text.
 */
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  SymbolKind,
  type CodeAction,
  type CodeLens,
  type CompletionItem as LspCompletionItem,
  type Diagnostic,
  type DocumentLink as LspDocumentLink,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Location,
  type Position,
  type Range as LspRange,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Severity, SpecDiagnostic } from '../core/diagnostics.js';
import type { CompletionItem } from '../core/features/completion.js';
import type { SymbolNode } from '../core/features/navigation.js';
import { LineIndex, type Range } from '../core/text.js';
import type { CodeFix, DocumentLink, FileEdit, FileRange, HoverResult, Lens, ReviewThread, WorkspaceSymbol } from '../service/index.js';
import type { ReviewThread as LspReviewThread } from './protocol.js';

/** The code action kind of "fix all" for this language (`editor.codeActionsOnSave: {"source.fixAll": true}`). */
export const FIX_ALL = `${CodeActionKind.SourceFixAll}.service-spec`;

/** Offsets ↔ positions for one text. */
export interface Positions {
  positionAt(offset: number): Position;
  /** The offset of a position (clamped into the text). */
  offsetAt(position: Position): number;
}

export function bomShift(doc: TextDocument): number {
  return doc.getText({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }) === '\uFEFF' ? 1 : 0;
}

/** Positions in an open document. */
export function documentPositions(doc: TextDocument): Positions {
  const shift = bomShift(doc);
  return {
    positionAt: (o) => doc.positionAt(o + shift),
    offsetAt: (p) => Math.max(0, doc.offsetAt(p) - shift),
  };
}

/** Positions in a text as read from disk (BOM included when there is one). */
export function textPositions(text: string): Positions {
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lines = new LineIndex(text);
  return {
    positionAt: (o) => lines.positionAt(o + shift),
    offsetAt: (p) => Math.max(0, lines.offsetAt(p) - shift),
  };
}

export function toLspRange(p: Positions, r: Range): LspRange {
  return { start: p.positionAt(r.start), end: p.positionAt(r.end) };
}

export function toRange(p: Positions, r: LspRange): Range {
  const start = p.offsetAt(r.start);
  return { start, end: Math.max(start, p.offsetAt(r.end)) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * A diagnostic as the client sees it; `ruleLink` gives `codeDescription.href`, or nothing. The finding's
 * `data` stays on the server: quick fixes are computed from the server's own analysis, so sending it would
 * only repeat what the message says.
 */
export function toLspDiagnostic(p: Positions, d: SpecDiagnostic, ruleLink?: (code: string) => string | undefined): Diagnostic {
  return lspDiagnostic(toLspRange(p, d.range), d, ruleLink?.(d.code));
}

function lspDiagnostic(range: LspRange, d: SpecDiagnostic, href: string | undefined): Diagnostic {
  const out: Diagnostic = { range, severity: SEVERITY[d.severity], code: d.code, source: 'service-spec', message: d.message };
  if (href) out.codeDescription = { href };
  return out;
}

/**
 * LSP diagnostics of findings, made once per finding object while its range converts to the same positions.
 * An open document's findings outlive keystrokes that do not touch their requirement (core/analyze.ts
 * `RequirementFindings`), so a keystroke builds objects only for the findings that moved; the rest are the
 * objects sent last time. When the edits since the last publish of that document changed no line break,
 * a finding sent then on lines nobody edited is on the same positions, and its offsets are not converted.
 */
export class DiagnosticConversions {
  private made = new WeakMap<SpecDiagnostic, { lsp: Diagnostic; file?: string; version?: number }>();
  private published = new Map<string, number>();

  constructor(private readonly ruleLink: (code: string) => string | undefined) {}

  /**
   * `at`: the document and version the findings were computed for, with the lines edited since a version
   * (lsp/documents.ts); without it every finding's offsets are converted.
   */
  convert(
    p: Positions,
    findings: readonly SpecDiagnostic[],
    at?: { file: string; version: number; linesEditedSince(version: number): ReadonlySet<number> | undefined },
  ): Diagnostic[] {
    const last = at && this.published.get(at.file);
    const edited = at && last !== undefined ? at.linesEditedSince(last) : undefined;
    const out: Diagnostic[] = new Array(findings.length);
    for (let i = 0; i < findings.length; i++) {
      const d = findings[i]!;
      const entry = this.made.get(d);
      if (entry && edited && entry.file === at!.file && entry.version === last) {
        const r = entry.lsp.range;
        if (!edited.has(r.start.line) && !edited.has(r.end.line)) {
          entry.version = at!.version;
          out[i] = entry.lsp;
          continue;
        }
      }
      const start = p.positionAt(d.range.start);
      const end = p.positionAt(d.range.end);
      if (entry && samePosition(entry.lsp.range.start, start) && samePosition(entry.lsp.range.end, end)) out[i] = entry.lsp;
      else out[i] = lspDiagnostic({ start, end }, d, this.ruleLink(d.code));
      this.made.set(d, { lsp: out[i]!, file: at?.file, version: at?.version });
    }
    if (at) this.published.set(at.file, at.version);
    return out;
  }

  /** A document closed: its next publish converts every finding. */
  forget(file: string): void {
    this.published.delete(file);
  }
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

const COMPLETION_KIND: Record<CompletionItem['kind'], CompletionItemKind> = {
  field: CompletionItemKind.Field,
  value: CompletionItemKind.Value,
  reference: CompletionItemKind.Reference,
  keyword: CompletionItemKind.Keyword,
  snippet: CompletionItemKind.Snippet,
  property: CompletionItemKind.Property,
  enum: CompletionItemKind.EnumMember,
};

export function toLspCompletionItem(p: Positions, i: CompletionItem): LspCompletionItem {
  return {
    label: i.label,
    kind: COMPLETION_KIND[i.kind],
    ...(i.detail ? { detail: i.detail } : {}),
    ...(i.documentation ? { documentation: i.documentation } : {}),
    ...(i.sortText ? { sortText: i.sortText } : {}),
    insertTextFormat: i.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: toLspRange(p, i.range), newText: i.insertText },
  };
}

const SYMBOL_KIND: Record<SymbolNode['kind'], SymbolKind> = {
  section: SymbolKind.Namespace,
  requirement: SymbolKind.Object,
  'front-matter': SymbolKind.Module,
};

export function toDocumentSymbol(p: Positions, n: SymbolNode): DocumentSymbol {
  return {
    name: n.name,
    ...(n.detail ? { detail: n.detail } : {}),
    kind: SYMBOL_KIND[n.kind],
    range: toLspRange(p, n.range),
    selectionRange: toLspRange(p, n.selectionRange),
    children: n.children.map((c) => toDocumentSymbol(p, c)),
  };
}

/** Whole lines; a range ending at the start of a line ends on the line before. Undefined for one line. */
export function toFoldingRange(p: Positions, r: Range): FoldingRange | undefined {
  const startLine = p.positionAt(r.start).line;
  const end = p.positionAt(r.end);
  const endLine = end.character === 0 && end.line > startLine ? end.line - 1 : end.line;
  return endLine > startLine ? { startLine, endLine } : undefined;
}

export function toTextEdit(p: Positions, e: { range: Range; newText: string }): TextEdit {
  return { range: toLspRange(p, e.range), newText: e.newText };
}

// --- results naming other files ------------------------------------------------------------------------

/** The URI and the positions of a file the service names (the session knows open documents). */
export interface Files {
  uriOf(file: string): string;
  positionsOf(file: string): Positions;
}

export function toLocation(files: Files, l: FileRange): Location {
  return { uri: files.uriOf(l.file), range: toLspRange(files.positionsOf(l.file), l.range) };
}

/** Core edits across files as `WorkspaceEdit.changes`. */
export function toWorkspaceEdit(files: Files, edits: FileEdit[]): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) (changes[files.uriOf(e.file)] ??= []).push(toTextEdit(files.positionsOf(e.file), e));
  return { changes };
}

export function toHover(p: Positions, h: HoverResult): Hover {
  return { contents: { kind: 'markdown', value: h.markdown }, range: toLspRange(p, h.range) };
}

/** A lens shows a title only: no command runs when it is clicked. */
export function toCodeLens(p: Positions, l: Lens): CodeLens {
  return { range: toLspRange(p, l.range), command: { title: l.title, command: '' } };
}

export function toCodeAction(files: Files, p: Positions, fix: CodeFix, ruleLink?: (code: string) => string | undefined): CodeAction {
  return {
    title: fix.title,
    kind: fix.kind === 'fixAll' ? FIX_ALL : CodeActionKind.QuickFix,
    ...(fix.diagnostic ? { diagnostics: [toLspDiagnostic(p, fix.diagnostic, ruleLink)] } : {}),
    ...(fix.preferred !== undefined ? { isPreferred: fix.preferred } : {}),
    edit: toWorkspaceEdit(files, fix.edits),
  };
}

/** A requirement as a workspace symbol. */
export function toSymbolInformation(files: Files, s: WorkspaceSymbol): SymbolInformation {
  return { name: s.name, kind: SymbolKind.Object, location: toLocation(files, s), ...(s.container ? { containerName: s.container } : {}) };
}

/** A cross-spec reference linking to the line of the heading it names (`file:///…#L12`). */
export function toDocumentLink(files: Files, p: Positions, l: DocumentLink): LspDocumentLink {
  const target = toLocation(files, l.target);
  return { range: toLspRange(p, l.range), target: `${target.uri}#L${target.range.start.line + 1}`, tooltip: l.tooltip };
}

export function toReviewThread(files: Files, p: Positions, t: ReviewThread): LspReviewThread {
  return { ...t, sidecar: files.uriOf(t.sidecar), range: toLspRange(p, t.range) };
}
