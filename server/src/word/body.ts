/**
 * The document body as Word shows it with every tracked change accepted: inserted and moved-to text kept,
 * deleted and moved-from text dropped, a deleted paragraph mark joining its paragraph to the next, deleted
 * table rows removed. Each paragraph keeps its direct properties (style, numbering, outline level) and the
 * positions of comment ranges in its accepted text. Formatting changes (`w:pPrChange`, `w:rPrChange`, …)
 * and what they hold are ignored.
 */
import { IMPORT_LIMITS, WordImportError } from './errors.js';
import { child, childVal, type XEl } from './xml.js';

export interface Mark {
  comment: string;
  kind: 'start' | 'end' | 'ref';
  /** Offset in the block's accepted text. */
  offset: number;
}

export interface Para {
  kind: 'p';
  text: string;
  styleId?: string;
  numId?: string;
  ilvl?: number;
  outlineLevel?: number;
  marks: Mark[];
  /** The paragraph mark is deleted (or moved away): the paragraph joins the next one. */
  joinNext: boolean;
}

export interface Table {
  kind: 'table';
  styleId?: string;
  /** Style of the first paragraph in the table (generated tables carry the generated paragraph style). */
  paraStyle?: string;
  /** Rows of cells; each cell's paragraphs (accepted text, empty ones dropped). */
  rows: string[][][];
  /** Cells' paragraphs joined by spaces, cells and rows by spaces: what comment offsets refer to. */
  text: string;
  marks: Mark[];
}

export type Block = Para | Table;

const TRACKED = new Set(['ins', 'del', 'moveFrom', 'moveTo']);
const CONTAINERS = new Set(['hyperlink', 'smartTag', 'customXml', 'sdt', 'sdtContent', 'fldSimple', 'dir', 'bdo', 'ins', 'moveTo']);

/** Counts `w:ins`, `w:del`, `w:moveFrom` and `w:moveTo` below an element, outside formatting changes. */
export function countTracked(el: XEl): number {
  let n = 0;
  for (const c of el.children) {
    if (typeof c === 'string' || c.name.endsWith('Change')) continue;
    if (c.ns === 'w' && TRACKED.has(c.name)) n++;
    n += countTracked(c);
  }
  return n;
}

interface Inline {
  text: string;
  marks: Mark[];
}

function mark(out: Inline, el: XEl, kind: Mark['kind']): void {
  const id = el.attrs['w:id'];
  if (id !== undefined) out.marks.push({ comment: id, kind, offset: out.text.length });
}

/** Accepted text of runs and their containers. */
export function inline(el: XEl, deleted: boolean, out: Inline): void {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.ns === 'm') {
      if (c.name === 't') {
        if (!deleted) out.text += textOf(c);
      } else inline(c, deleted, out);
      continue;
    }
    if (c.ns !== 'w') continue;
    switch (c.name) {
      case 'r':
        inline(c, deleted, out);
        break;
      case 't':
        if (!deleted) out.text += textOf(c);
        break;
      case 'tab':
      case 'ptab':
      case 'br':
      case 'cr':
        if (!deleted) out.text += ' ';
        break;
      case 'noBreakHyphen':
        if (!deleted) out.text += '-';
        break;
      case 'del':
      case 'moveFrom':
        inline(c, true, out);
        break;
      case 'commentRangeStart':
        mark(out, c, 'start');
        break;
      case 'commentRangeEnd':
        mark(out, c, 'end');
        break;
      case 'commentReference':
        mark(out, c, 'ref');
        break;
      default:
        if (CONTAINERS.has(c.name)) inline(c, deleted, out);
    }
  }
}

function textOf(el: XEl): string {
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : textOf(c);
  return s;
}

function int(v: string | undefined): number | undefined {
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

export function readParagraph(p: XEl): Para {
  const pPr = child(p, 'w', 'pPr');
  const numPr = child(pPr, 'w', 'numPr');
  const markRPr = child(pPr, 'w', 'rPr');
  const out: Inline = { text: '', marks: [] };
  inline(p, false, out);
  return {
    kind: 'p',
    text: out.text,
    styleId: childVal(pPr, 'w', 'pStyle'),
    numId: childVal(numPr, 'w', 'numId'),
    ilvl: int(childVal(numPr, 'w', 'ilvl')),
    outlineLevel: int(childVal(pPr, 'w', 'outlineLvl')),
    marks: out.marks,
    joinNext: Boolean(child(markRPr, 'w', 'del') ?? child(markRPr, 'w', 'moveFrom')),
  };
}

/** Joins paragraphs whose mark was deleted to the next, which keeps its own properties (as Word does). */
export function joinParagraphs<T extends Block>(blocks: T[]): T[] {
  const out: T[] = [];
  let carry: Para | undefined;
  for (const b of blocks) {
    if (b.kind === 'p') {
      const p: Para = carry ? { ...b, text: carry.text + b.text, marks: [...carry.marks, ...shift(b.marks, carry.text.length)] } : b;
      carry = undefined;
      if (p.joinNext) carry = p;
      else out.push(p as T);
    } else {
      if (carry) out.push({ ...carry, joinNext: false } as T);
      carry = undefined;
      out.push(b);
    }
  }
  if (carry) out.push({ ...carry, joinNext: false } as T);
  return out;
}

function shift(marks: Mark[], by: number): Mark[] {
  return by ? marks.map((m) => ({ ...m, offset: m.offset + by })) : marks;
}

function rowDeleted(tr: XEl): boolean {
  const trPr = child(tr, 'w', 'trPr');
  return Boolean(child(trPr, 'w', 'del') ?? child(trPr, 'w', 'moveFrom'));
}

/** Children of an element with content controls and custom XML wrappers looked through. */
function unwrap(el: XEl, name: string): XEl[] {
  const out: XEl[] = [];
  for (const c of el.children) {
    if (typeof c === 'string' || c.ns !== 'w') continue;
    if (c.name === name) out.push(c);
    else if (c.name === 'sdt') out.push(...unwrap(child(c, 'w', 'sdtContent') ?? c, name));
    else if (c.name === 'customXml' || c.name === 'ins' || c.name === 'moveTo') out.push(...unwrap(c, name));
  }
  return out;
}

/** A cell's paragraphs, nested tables' paragraphs included, in order. */
function cellParagraphs(tc: XEl): Para[] {
  const out: Para[] = [];
  for (const c of tc.children) {
    if (typeof c === 'string' || c.ns !== 'w') continue;
    if (c.name === 'p') out.push(readParagraph(c));
    else if (c.name === 'tbl') {
      for (const tr of unwrap(c, 'tr')) {
        if (!rowDeleted(tr)) for (const inner of unwrap(tr, 'tc')) out.push(...cellParagraphs(inner));
      }
    } else if (c.name === 'sdt' || c.name === 'customXml') out.push(...cellParagraphs(child(c, 'w', 'sdtContent') ?? c));
  }
  return joinParagraphs(out);
}

export function readTable(tbl: XEl): Table {
  const rows: string[][][] = [];
  const marks: Mark[] = [];
  let text = '';
  let paraStyle: string | undefined;
  let first = true;
  for (const tr of unwrap(tbl, 'tr')) {
    if (rowDeleted(tr)) continue;
    const row: string[][] = [];
    for (const tc of unwrap(tr, 'tc')) {
      const cell: string[] = [];
      for (const p of cellParagraphs(tc)) {
        if (first) paraStyle = p.styleId;
        first = false;
        if (text.length && !text.endsWith(' ')) text += ' ';
        marks.push(...shift(p.marks, text.length));
        text += p.text;
        if (p.text.trim()) cell.push(p.text);
      }
      row.push(cell);
    }
    rows.push(row);
  }
  return { kind: 'table', styleId: childVal(child(tbl, 'w', 'tblPr'), 'w', 'tblStyle'), paraStyle, rows, text, marks };
}

export interface BodyReader {
  /** Takes one child of `w:body`. */
  add(el: XEl): void;
  /** The blocks, paragraphs joined where their marks were deleted. */
  finish(): { blocks: Block[]; trackedChanges: number };
}

/** Reads body children as they stream in; comment markers between blocks go to the nearest paragraph. */
export function bodyReader(maxBlocks: number = IMPORT_LIMITS.maxBlocks): BodyReader {
  const blocks: Block[] = [];
  let pending: Mark[] = [];
  let tracked = 0;
  const push = (b: Block) => {
    if (blocks.length >= maxBlocks)
      throw new WordImportError('too-large', `the document has more than ${maxBlocks.toLocaleString('en-GB')} paragraphs and tables; refused`);
    if (pending.length) {
      b.marks.unshift(...pending.map((m) => ({ ...m, offset: 0 })));
      pending = [];
    }
    blocks.push(b);
  };
  const visit = (el: XEl, deleted: boolean) => {
    if (el.ns !== 'w') return;
    switch (el.name) {
      case 'p':
        if (!deleted) push(readParagraph(el));
        break;
      case 'tbl':
        if (!deleted) push(readTable(el));
        break;
      case 'commentRangeStart':
        if (el.attrs['w:id'] !== undefined) pending.push({ comment: el.attrs['w:id'], kind: 'start', offset: 0 });
        break;
      case 'commentRangeEnd': {
        const last = blocks[blocks.length - 1];
        if (el.attrs['w:id'] === undefined) break;
        if (last) last.marks.push({ comment: el.attrs['w:id'], kind: 'end', offset: last.text.length });
        else pending.push({ comment: el.attrs['w:id'], kind: 'end', offset: 0 });
        break;
      }
      case 'sdt':
        for (const c of (child(el, 'w', 'sdtContent') ?? el).children) if (typeof c !== 'string') visit(c, deleted);
        break;
      case 'customXml':
      case 'ins':
      case 'moveTo':
      case 'del':
      case 'moveFrom':
        for (const c of el.children) if (typeof c !== 'string') visit(c, deleted || el.name === 'del' || el.name === 'moveFrom');
        break;
    }
  };
  return {
    add(el) {
      tracked += (el.ns === 'w' && TRACKED.has(el.name) ? 1 : 0) + countTracked(el);
      visit(el, false);
    },
    finish() {
      if (pending.length && blocks.length) {
        const last = blocks[blocks.length - 1]!;
        last.marks.push(...pending.map((m) => ({ ...m, offset: last.text.length })));
      }
      return { blocks: joinParagraphs(blocks), trackedChanges: tracked };
    },
  };
}
