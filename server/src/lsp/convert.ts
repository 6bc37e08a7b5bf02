/**
 * The one place where core and service results become LSP types and LSP positions become offsets. Core
 * offsets refer to the BOM-less text; a text that starts with a byte-order mark is shifted by one, so
 * positions match the client's text.
 */
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  SymbolKind,
  type CompletionItem as LspCompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Position,
  type Range as LspRange,
  type TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Severity, SpecDiagnostic } from '../core/diagnostics.js';
import type { CompletionItem } from '../core/features/completion.js';
import type { SymbolNode } from '../core/features/navigation.js';
import { LineIndex, type Range } from '../core/text.js';

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

/** A diagnostic with its `data` (quick fixes read it); `ruleLink` gives `codeDescription.href`, or nothing. */
export function toLspDiagnostic(p: Positions, d: SpecDiagnostic, ruleLink?: (code: string) => string | undefined): Diagnostic {
  const href = ruleLink?.(d.code);
  return {
    range: toLspRange(p, d.range),
    severity: SEVERITY[d.severity],
    code: d.code,
    ...(href ? { codeDescription: { href } } : {}),
    source: 'service-spec',
    message: d.message,
    ...(d.data ? { data: d.data } : {}),
  };
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

export const REQUIREMENT_SYMBOL_KIND = SymbolKind.Object;

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
