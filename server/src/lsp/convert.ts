/**
 * The one place where core results become LSP types. Offsets refer to the BOM-less text; a document
 * whose text starts with a BOM is shifted by one so positions still match the client's text.
 */
import { DiagnosticSeverity, type Diagnostic, type Range as LspRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Severity, SpecDiagnostic } from '../core/diagnostics.js';
import type { Range } from '../core/text.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function bomShift(doc: TextDocument): number {
  return doc.getText({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }) === '\uFEFF' ? 1 : 0;
}

export function toLspRange(doc: TextDocument, r: Range, shift = bomShift(doc)): LspRange {
  return { start: doc.positionAt(r.start + shift), end: doc.positionAt(r.end + shift) };
}

export function toLspDiagnostic(doc: TextDocument, d: SpecDiagnostic, docsBase: string, shift: number): Diagnostic {
  return {
    range: toLspRange(doc, d.range, shift),
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: `${docsBase}${d.code}.md` },
    source: 'service-spec',
    message: d.message,
    ...(d.data ? { data: d.data } : {}),
  };
}

/** Same as toLspDiagnostic for a text that is not an open document (a configuration file on disk). */
export function toLspDiagnosticInText(positionAt: (o: number) => { line: number; character: number }, d: SpecDiagnostic, docsBase: string): Diagnostic {
  return {
    range: { start: positionAt(d.range.start), end: positionAt(d.range.end) },
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: `${docsBase}${d.code}.md` },
    source: 'service-spec',
    message: d.message,
  };
}
