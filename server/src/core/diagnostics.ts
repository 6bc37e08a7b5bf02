/** Diagnostics as the core produces them: editor-neutral, with offsets; the edges convert them. */
import type { LineIndex, Range } from './text.js';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface SpecDiagnostic {
  range: Range;
  severity: Severity;
  /** The rule id (stable, kebab-case); becomes LSP `Diagnostic.code`. */
  code: string;
  message: string;
  /** Extra facts for quick fixes and tests (e.g. a suggested replacement). */
  data?: Record<string, unknown>;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** By position, then severity, then rule id: the order in every output. */
export function compareDiagnostics(a: SpecDiagnostic, b: SpecDiagnostic): number {
  return (
    a.range.start - b.range.start ||
    a.range.end - b.range.end ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** A finding as the CLI's JSON gives it: 1-based lines and UTF-16 columns, end exclusive. */
export interface LineColumnDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

/** A finding's offsets as 1-based lines and columns of its text (the CLI's JSON, the web page). */
export function toLineColumn(lines: LineIndex, d: SpecDiagnostic): LineColumnDiagnostic {
  const s = lines.positionAt(d.range.start);
  const e = lines.positionAt(d.range.end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, severity: d.severity, code: d.code, message: d.message };
}
