/**
 * Where a review note belongs now (docs/format.md, Review sidecars). Decided in this order:
 * - `ok`: the named requirement exists and contains the quote (or there is no quote);
 * - `reanchored`: the quote (else the snapshot) is not in the named requirement, or the id is gone, and it
 *   is found in exactly one other requirement (`currentRequirement`);
 * - `stale`: the named requirement exists but the quote is no longer in it, nor in exactly one other;
 * - `orphaned`: the id is gone and nothing matches.
 * Quotes match with whitespace runs collapsed and Markdown markers (`*`, `_`, backticks) ignored,
 * case-sensitively, in the requirement's title, prose and field values (only that field when given).
 */
import { field, type Requirement, type SpecModel } from '../model.js';
import type { ReviewNote } from './sidecar.js';

export type AnchorState = 'ok' | 'reanchored' | 'stale' | 'orphaned';

export interface Anchor {
  state: AnchorState;
  /** The requirement the note is about now (its own id when ok or stale). */
  currentRequirement?: string;
}

export function normalise(s: string): string {
  return s.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

/** The text a quote is looked for in. */
export function searchText(spec: SpecModel, req: Requirement, only?: ReviewNote['field']): string {
  if (only === 'title') return normalise(req.title);
  if (only === 'body')
    return normalise(
      req.prose
        .slice(1)
        .map((p) => p.text)
        .join(' '),
    );
  if (only === 'workload') return normalise(req.workload.map((b) => spec.text.slice(b.contentRange.start, b.contentRange.end)).join(' '));
  if (only) return normalise(field(req, only)?.value ?? '');
  return normalise([req.title, ...req.prose.slice(1).map((p) => p.text), ...req.fields.map((f) => f.value)].join(' \u0000 '));
}

/** Title and first sentence: what a `snapshot` records. */
export function snapshotOf(req: Requirement): string {
  const prose = normalise(
    req.prose
      .slice(1)
      .map((p) => p.text)
      .join(' '),
  );
  const first = /^.*?[.!?](\s|$)/.exec(prose)?.[0] ?? prose;
  return normalise(`${req.title}. ${first}`);
}

export function anchorNote(note: ReviewNote, spec: SpecModel): Anchor {
  const named = spec.requirements.find((r) => r.id === note.requirement);
  const others = spec.requirements.filter((r) => r.id !== note.requirement);
  const quote = note.quote !== undefined ? normalise(note.quote) : '';
  if (quote) {
    if (named && searchText(spec, named, note.field).includes(quote)) return { state: 'ok', currentRequirement: named.id };
    const found = others.filter((r) => searchText(spec, r, note.field).includes(quote));
    if (found.length === 1) return { state: 'reanchored', currentRequirement: found[0]!.id };
    if (named) return { state: 'stale', currentRequirement: named.id };
    return { state: 'orphaned' };
  }
  if (named) return { state: 'ok', currentRequirement: named.id };
  const snapshot = note.snapshot !== undefined ? normalise(note.snapshot) : '';
  if (snapshot) {
    const found = others.filter((r) => {
      const now = snapshotOf(r);
      return now === snapshot || now.includes(snapshot) || snapshot.startsWith(normalise(r.title) + '.');
    });
    if (found.length === 1) return { state: 'reanchored', currentRequirement: found[0]!.id };
  }
  return { state: 'orphaned' };
}
