/**
 * Code actions as core edits: quick fixes for the spec's diagnostics in a range and "fix all"
 * (`core/features/fixes.ts`, shared with `check --fix`), and on a review sidecar, moving a reanchored note
 * to the requirement its text is under now.
 */
import type { SpecDiagnostic } from '../core/diagnostics.js';
import { fixAllEdits, fixesFor } from '../core/features/fixes.js';
import type { Range } from '../core/text.js';
import { sidecarDiagnostics } from './diagnostics.js';
import type { Settings } from './settings.js';
import { isReviewPath, type ServiceWorkspace } from './workspace.js';

export interface FileEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface CodeFix {
  title: string;
  kind: 'quickfix' | 'fixAll';
  /** The diagnostic it resolves (quick fixes). */
  diagnostic?: SpecDiagnostic;
  preferred?: boolean;
  edits: FileEdit[];
}

export interface FixKinds {
  quickFixes: boolean;
  fixAll: boolean;
}

export function codeFixes(ws: ServiceWorkspace, file: string, range: Range, kinds: FixKinds, settings: Settings): CodeFix[] {
  if (isReviewPath(file)) return kinds.quickFixes ? sidecarFixes(ws, file, range, settings) : [];
  const a = ws.analysisOf(file, settings);
  if (!a) return [];
  const out: CodeFix[] = [];
  const inFile = (edits: { range: Range; newText: string }[]) => edits.map((e) => ({ file, ...e }));
  if (kinds.quickFixes) {
    for (const fix of fixesFor(a.model, a.diagnostics)) {
      if (fix.diagnostic.range.end < range.start || fix.diagnostic.range.start > range.end) continue;
      out.push({ title: fix.title, kind: 'quickfix', diagnostic: fix.diagnostic, preferred: fix.fixAll, edits: inFile(fix.edits) });
    }
  }
  if (kinds.fixAll) {
    const edits = fixAllEdits(a.model, a.diagnostics);
    if (edits.length) out.push({ title: 'Fix all auto-fixable service-spec problems', kind: 'fixAll', edits: inFile(edits) });
  }
  return out;
}

/** A reanchored note: point it at the requirement its text is under now. */
function sidecarFixes(ws: ServiceWorkspace, file: string, range: Range, settings: Settings): CodeFix[] {
  const out: CodeFix[] = [];
  for (const d of sidecarDiagnostics(ws, file, settings) ?? []) {
    const id = d.data?.suggestion;
    if (d.code !== 'reanchored-review-note' || typeof id !== 'string') continue;
    if (d.range.end < range.start || d.range.start > range.end) continue;
    out.push({ title: `Move the note to ${id}`, kind: 'quickfix', diagnostic: d, preferred: true, edits: [{ file, range: d.range, newText: id }] });
  }
  return out;
}
