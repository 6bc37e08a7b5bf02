/**
 * Quick fixes for diagnostics, as plain edits. The language server offers them as code actions (and
 * `source.fixAll`); `service-spec check --fix` applies the same edits to files.
 */
import type { SpecDiagnostic } from '../diagnostics.js';
import { field, type Requirement, type SpecModel } from '../model.js';
import type { TextEdit } from './edits.js';
import { nextFreeId } from '../rules/duplicate-requirement-id.js';

export interface Fix {
  title: string;
  /** The diagnostic it resolves (same object as passed in). */
  diagnostic: SpecDiagnostic;
  edits: TextEdit[];
  /** Safe to apply without looking: part of fix-all. */
  fixAll: boolean;
}

const REQUIRED = [
  ['missing-deadline', 'Deadline'],
  ['missing-funding', 'Funding'],
  ['missing-deliverability', 'Deliverability'],
] as const;

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Where new field lines go: after the requirement's last field, else after its heading and prose. */
function fieldInsertion(spec: SpecModel, req: Requirement): { offset: number; prefix: string } {
  const nl = eol(spec.text);
  const last = req.fields[req.fields.length - 1];
  if (last) {
    const lineEnd = spec.text.indexOf('\n', last.range.end);
    const at = lineEnd < 0 ? spec.text.length : lineEnd + 1;
    return { offset: at, prefix: lineEnd < 0 ? nl : '' };
  }
  // No fields: after the body's prose (before a workload block or the next heading), separated by a blank line.
  const bodyEnd = req.workload.length ? req.workload[0]!.range.start : req.range.end;
  let at = bodyEnd;
  while (at > req.headingRange.end && /\s/.test(spec.text[at - 1]!)) at--;
  const lineEnd = spec.text.indexOf('\n', at);
  const insertAt = lineEnd < 0 ? spec.text.length : lineEnd + 1;
  return { offset: insertAt, prefix: (lineEnd < 0 ? nl : '') + nl };
}

/** The fields a requirement lacks (or has empty), as one edit adding `- **Field:** TBC` lines. */
export function addMissingFields(spec: SpecModel, req: Requirement): TextEdit[] {
  const nl = eol(spec.text);
  const missing = REQUIRED.filter(([, label]) => !field(req, label));
  const edits: TextEdit[] = [];
  if (missing.length) {
    const { offset, prefix } = fieldInsertion(spec, req);
    const after = req.fields.length || spec.text.slice(offset).startsWith(nl) || offset >= spec.text.length ? '' : nl;
    edits.push({ range: { start: offset, end: offset }, newText: prefix + missing.map(([, label]) => `- **${label}:** TBC${nl}`).join('') + after });
  }
  for (const [, label] of REQUIRED) {
    const f = field(req, label);
    if (f && !f.value)
      edits.push({ range: { start: f.valueRange.start, end: f.valueRange.end }, newText: f.valueRange.start === f.labelRange.end ? ' TBC' : 'TBC' });
  }
  return edits;
}

export function fixesFor(spec: SpecModel, diagnostics: SpecDiagnostic[]): Fix[] {
  const fixes: Fix[] = [];
  const doneMissing = new Set<string>();
  // Renumbering several duplicates must give each its own new id.
  const usedIds = new Set(spec.requirements.map((r) => r.id));
  for (const d of diagnostics) {
    const suggestion = typeof d.data?.suggestion === 'string' ? (d.data.suggestion as string) : undefined;
    switch (d.code) {
      case 'missing-deadline':
      case 'missing-funding':
      case 'missing-deliverability': {
        const req = spec.requirements.find((r) => d.range.start >= r.range.start && d.range.start <= r.range.end);
        if (!req) break;
        const edits = addMissingFields(spec, req);
        if (!edits.length) break;
        // One edit adds every missing field; offer it on each diagnostic but apply it once in fix-all.
        fixes.push({ title: `Add the missing fields of ${req.id}`, diagnostic: d, edits, fixAll: !doneMissing.has(req.id) });
        doneMissing.add(req.id);
        break;
      }
      case 'unknown-funding-source':
        if (suggestion) fixes.push({ title: `Replace with "${suggestion}"`, diagnostic: d, edits: [{ range: d.range, newText: suggestion }], fixAll: true });
        break;
      case 'invalid-workload':
        if (suggestion) fixes.push({ title: `Replace with "${suggestion}"`, diagnostic: d, edits: [{ range: d.range, newText: suggestion }], fixAll: true });
        break;
      case 'invalid-deadline':
        if (suggestion) fixes.push({ title: `Rewrite as ${suggestion}`, diagnostic: d, edits: [{ range: d.range, newText: suggestion }], fixAll: true });
        break;
      case 'duplicate-requirement-id': {
        const id = spec.text.slice(d.range.start, d.range.end);
        const free = nextFreeId(id, usedIds);
        if (!free) break;
        usedIds.add(free);
        fixes.push({ title: `Renumber to ${free}`, diagnostic: d, edits: [{ range: d.range, newText: free }], fixAll: true });
        break;
      }
      case 'unknown-front-matter-key':
        if (suggestion) fixes.push({ title: `Rename to "${suggestion}"`, diagnostic: d, edits: [{ range: d.range, newText: suggestion }], fixAll: false });
        break;
      case 'dangling-reference':
        if (suggestion) fixes.push({ title: `Replace with ${suggestion}`, diagnostic: d, edits: [{ range: d.range, newText: suggestion }], fixAll: false });
        break;
    }
  }
  return fixes;
}

/** The edits of fix-all: every safe fix, without overlaps. */
export function fixAllEdits(spec: SpecModel, diagnostics: SpecDiagnostic[]): TextEdit[] {
  return fixesFor(spec, diagnostics)
    .filter((f) => f.fixAll)
    .flatMap((f) => f.edits);
}
