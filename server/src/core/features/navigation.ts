/**
 * Navigation over the model: outline (document symbols), folding ranges, and requirement-id references
 * (`EHCH-1` in this spec, `spec-id/REQ-ID` in another) for definition, references, rename and links.
 */
import { field, type SpecModel } from '../model.js';
import { REQUIREMENT_ID } from '../markdown.js';
import type { Range } from '../text.js';

export interface SymbolNode {
  name: string;
  detail?: string;
  kind: 'section' | 'requirement' | 'front-matter';
  /** Whole extent (heading to end of body). */
  range: Range;
  /** The heading (or the id in it). */
  selectionRange: Range;
  children: SymbolNode[];
}

/** Sections (non-requirement headings) containing requirements, nested by heading level. */
export function documentSymbols(spec: SpecModel): SymbolNode[] {
  type Item = { depth: number; node: SymbolNode };
  const headings: Item[] = [
    ...spec.sections.map((s) => ({
      depth: s.depth,
      node: { name: s.title, kind: 'section' as const, range: { ...s.headingRange }, selectionRange: s.headingRange, children: [] },
    })),
    ...spec.requirements.map((r) => ({
      depth: r.depth,
      node: {
        name: `${r.id}: ${r.title}`,
        detail: field(r, 'deadline')?.value,
        kind: 'requirement' as const,
        range: r.range,
        selectionRange: r.idRange,
        children: [],
      },
    })),
  ].sort((a, b) => a.node.range.start - b.node.range.start);
  const roots: SymbolNode[] = [];
  const stack: Item[] = [];
  for (const h of headings) {
    while (stack.length && stack[stack.length - 1]!.depth >= h.depth) stack.pop();
    const parent = stack[stack.length - 1];
    (parent ? parent.node.children : roots).push(h.node);
    stack.push(h);
  }
  // A section spans to its last descendant.
  const extend = (n: SymbolNode): number => {
    for (const c of n.children) n.range.end = Math.max(n.range.end, extend(c));
    return n.range.end;
  };
  roots.forEach(extend);
  if (spec.frontMatter.present) {
    roots.unshift({
      name: 'front-matter',
      detail: spec.frontMatter.values.id,
      kind: 'front-matter',
      range: spec.frontMatter.range,
      selectionRange: spec.frontMatter.openRange,
      children: [],
    });
  }
  return roots;
}

/** Ranges to fold: front-matter, sections, requirements, workload blocks. */
export function foldingRanges(spec: SpecModel): Range[] {
  const out: Range[] = [];
  if (spec.frontMatter.terminated) out.push(spec.frontMatter.range);
  const walk = (nodes: SymbolNode[]) => {
    for (const n of nodes) {
      if (n.kind !== 'front-matter') out.push(n.range);
      walk(n.children);
    }
  };
  walk(documentSymbols(spec));
  for (const r of spec.requirements) for (const b of r.workload) out.push(b.range);
  return out;
}

export interface IdReference {
  /** Spec id named before the slash, or undefined for this spec. */
  specId: string | undefined;
  reqId: string;
  /** Range of the requirement id itself (after any `spec-id/`). */
  idRange: Range;
  /** Range of the whole item (`spec-id/REQ-ID`). */
  range: Range;
  /** True for the heading that defines the id. */
  definition: boolean;
}

/** Every requirement id in the spec: headings (definitions) and `Depends on` items (references). */
export function idOccurrences(spec: SpecModel): IdReference[] {
  const out: IdReference[] = [];
  for (const r of spec.requirements) {
    out.push({ specId: undefined, reqId: r.id, idRange: r.idRange, range: r.idRange, definition: true });
    const deps = field(r, 'depends on');
    for (const p of deps?.parts ?? []) {
      const slash = p.text.indexOf('/');
      const reqId = slash < 0 ? p.text : p.text.slice(slash + 1);
      if (!REQUIREMENT_ID.test(reqId)) continue;
      const specId = slash < 0 ? undefined : p.text.slice(0, slash);
      const at = spec.text.indexOf(reqId, slash < 0 ? p.range.start : p.range.start + slash + 1);
      const idRange = at >= 0 && at < p.range.end ? { start: at, end: at + reqId.length } : p.range;
      out.push({ specId: specId === spec.frontMatter.values.id ? undefined : specId, reqId, idRange, range: p.range, definition: false });
    }
  }
  return out;
}

/** The id occurrence under the cursor, if any. */
export function idAt(spec: SpecModel, offset: number): IdReference | undefined {
  return idOccurrences(spec).find((o) => offset >= o.range.start && offset <= o.range.end);
}
