/**
 * Parsing successive versions of one open document in time that follows the edit, not the document.
 *
 * `LiveDocument` keeps the layout of the last version: its chunks (markdown.ts: the body cut at top-level
 * ATX headings, each parsed with the heading line after it) with their blocks at absolute offsets, and the
 * requirements assembled from them. An edit is one dirty region (the changes the editor sent, or the common
 * prefix and suffix of the two texts). Chunks whose text and following heading line end before the region
 * are kept as they are; chunks that start after it are kept and moved by the change in length, in place;
 * only the chunks in between go through remark again, and the boundary checks that make chunked parsing
 * exact (markdown.ts) run there as they do in a first parse: if the last re-parsed chunk's boundary does not
 * hold, the chunks after it are parsed again until one does. Requirements whose blocks are all unchanged
 * objects keep their identity (so per-requirement rule results and costs can be reused by identity).
 *
 * The models it returns are live: a model is valid until the next `parse` of the same `LiveDocument`,
 * which moves the ranges of the blocks and requirements it shares with it. The language server keeps one
 * per open document and only ever uses the latest model; everything else (the CLI, the ledger, the web
 * page) uses `parseSpec`, whose models never change. A differential test checks live = whole-document
 * parsing after random edit sequences.
 */
import { readFrontMatter } from './frontMatter.js';
import {
  candidateBoundaries,
  copyBlock,
  detach,
  lineEndAfter,
  moveBlock,
  summariseChunk,
  type BlockSummary,
  type ChunkSummary,
  type MarkdownLimit,
} from './markdown.js';
import type { FrontMatter, Requirement, Section, SpecModel } from './model.js';
import { stripBom } from './text.js';

/** One change as an editor sends it, in offsets of the text before the change (BOM included when present). */
export interface TextChange {
  start: number;
  end: number;
  /** Length of the text that replaced `[start, end)`. */
  length: number;
}

/** The part of the text an edit touched: `[start, oldEnd)` in the old text became `[start, newEnd)`. */
interface Dirty {
  start: number;
  oldEnd: number;
  newEnd: number;
}

interface Chunk {
  start: number;
  end: number;
  /** End of the heading line the chunk was checked with (Infinity for the last chunk: it reads to the end). */
  checkedTo: number;
  blocks: BlockSummary[];
  limits: MarkdownLimit[];
}

/** A requirement as assembled last time: the blocks it was made of and the section it was in. */
interface Assembled {
  requirement: Requirement;
  blocks: BlockSummary[];
  section: string | undefined;
}

export class LiveDocument {
  private text: string | undefined;
  private bom = false;
  private frontMatter: FrontMatter | undefined;
  private bodyStart = 0;
  private chunks: Chunk[] = [];
  /** Whether the text holds `]:` (link reference definitions are global: the body is then one chunk). */
  private refDefs = false;
  /** Requirements of the last version by their heading block. */
  private assembled = new Map<BlockSummary, Assembled>();
  private model: SpecModel | undefined;
  /** Chunks parsed by remark during the last `parse`, and the milliseconds it took (benchmarks, tests). */
  parsedChunks = 0;
  remarkMs = 0;

  /**
   * The model of `input`. `changes` are the edits that turned the previous text into this one, in order
   * (from the editor); without them the dirty region is found by comparing the texts.
   */
  parse(input: string, changes?: readonly TextChange[]): SpecModel {
    this.parsedChunks = 0;
    this.remarkMs = 0;
    const bom = input.charCodeAt(0) === 0xfeff;
    const text = stripBom(input);
    const old = this.text;
    let dirty: Dirty | undefined;
    if (old !== undefined && bom === this.bom) {
      const d = changes?.length ? fromChanges(changes, bom ? 1 : 0) : fromTexts(old, text);
      if (d === null) return this.sameText(text);
      dirty = d;
    }
    this.text = text;
    this.bom = bom;
    if (!dirty || dirty.start < 0 || !this.frontMatterHolds(old!, dirty)) return this.full(text);
    const delta = dirty.newEnd - dirty.oldEnd;
    if (this.refDefs || text.slice(Math.max(0, dirty.start - 1), dirty.newEnd + 1).includes(']:')) return this.full(text);
    this.reparse(text, dirty, delta);
    return this.assemble(text);
  }

  /** The text did not change (a version bump, an undo of nothing): the same blocks in a new model. */
  private sameText(text: string): SpecModel {
    this.text = text;
    return this.model!;
  }

  /** Whether the front-matter (and so where the body starts) is untouched by an edit. */
  private frontMatterHolds(old: string, dirty: Dirty): boolean {
    const fm = this.frontMatter;
    if (!fm) return false;
    if (fm.present) return fm.terminated && dirty.start >= this.bodyStart && old.charCodeAt(this.bodyStart - 1) === 10;
    // No front-matter: an edit of the first line could start one.
    const firstBreak = old.indexOf('\n');
    return firstBreak >= 0 && dirty.start > firstBreak;
  }

  private full(text: string): SpecModel {
    const { frontMatter, bodyStart } = readFrontMatter(text);
    this.frontMatter = frontMatter;
    this.bodyStart = bodyStart;
    this.refDefs = text.includes(']:', bodyStart);
    this.chunks = [];
    this.assembled = new Map();
    this.chunkFrom(text, bodyStart, this.refDefs ? [] : candidateBoundaries(text, bodyStart).boundaries, undefined);
    return this.assemble(text);
  }

  /** Keeps the chunks before and after the dirty region, parses the ones in between. */
  private reparse(text: string, dirty: Dirty, delta: number): void {
    const old = this.chunks;
    // Chunks before: their text and the line they were checked with end at or before the edit.
    let i = 0;
    while (i < old.length && old[i]!.checkedTo <= dirty.start) i++;
    // Chunks after: they start at or after the end of the edit (in the old text).
    let j = i;
    while (j < old.length && old[j]!.start < dirty.oldEnd) j++;
    if (i === j && i < old.length) j++; // an edit at a chunk's start: that chunk is parsed again
    const kept = old.slice(0, i);
    const after = old.slice(j);
    const from = i > 0 ? old[i - 1]!.end : this.bodyStart;
    const to = after.length ? after[0]!.start + delta : text.length;
    this.chunks = kept;
    const candidates = candidateBoundaries(text, from, to).boundaries;
    if (after.length) candidates.push(to);
    this.chunkFrom(text, from, candidates, { after, delta });
  }

  /**
   * Cuts `text` from `start` into chunks at the candidate boundaries, parsing each with the heading line
   * that follows it and merging while a boundary does not hold. With `resume`, a boundary that holds at
   * the (moved) start of one of those old chunks ends the work: that chunk and every one after it are kept.
   */
  private chunkFrom(text: string, start: number, candidates: number[], resume: { after: Chunk[]; delta: number } | undefined): void {
    let b = 0;
    let rescanned = false;
    while (start < text.length) {
      let summary: ChunkSummary | undefined;
      let end = text.length;
      let checkedTo = Infinity;
      while (true) {
        if (b >= candidates.length && resume && !rescanned) {
          // The region's last boundary did not hold: the edit changed what follows (an open fence, a
          // comment); read the rest of the text for boundaries as a first parse does.
          candidates = candidateBoundaries(text, start).boundaries.filter((c) => c > (candidates[candidates.length - 1] ?? start));
          b = 0;
          rescanned = true;
        }
        if (b >= candidates.length) {
          end = text.length;
          checkedTo = Infinity;
          summary = this.summarise(text, start, end, '');
          break;
        }
        end = candidates[b]!;
        const lineEnd = b + 1 < candidates.length ? Math.min(candidates[b + 1]!, lineEndAfter(text, end)) : lineEndAfter(text, end);
        summary = this.summarise(text, start, end, text.slice(end, lineEnd));
        checkedTo = lineEnd;
        b++;
        if (summary) break;
      }
      this.chunks.push({
        start,
        end,
        checkedTo,
        blocks: summary!.blocks.map((bl) => copyBlock(bl, start)),
        limits: summary!.limits.map((l) => ({ ...l, range: { start: l.range.start + start, end: l.range.end + start } })),
      });
      start = end;
      if (resume && this.resumeAt(end, resume)) return;
    }
  }

  /** When `at` is the moved start of one of the chunks after the edit: keeps it and the rest, moved. */
  private resumeAt(at: number, { after, delta }: { after: Chunk[]; delta: number }): boolean {
    let lo = 0;
    let hi = after.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = after[mid]!.start + delta;
      if (s === at) {
        for (let k = mid; k < after.length; k++) {
          const c = after[k]!;
          if (delta !== 0) moveChunk(c, delta);
          this.chunks.push(c);
        }
        return true;
      }
      if (s < at) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  private summarise(text: string, start: number, end: number, nextLine: string): ChunkSummary | undefined {
    const t0 = performance.now();
    this.parsedChunks++;
    // Blocks keep strings sliced from the chunk: slice from a copy, so they never hold the whole text alive.
    const summary = summariseChunk(detach(text.slice(start, end)), nextLine);
    this.remarkMs += performance.now() - t0;
    return summary;
  }

  /** Requirements and sections from the chunks' blocks, reusing the requirements whose blocks did not change. */
  private assemble(text: string): SpecModel {
    const blocks: BlockSummary[] = [];
    const limits: MarkdownLimit[] = [];
    for (const c of this.chunks) {
      for (const b of c.blocks) blocks.push(b);
      for (const l of c.limits) limits.push(l);
    }
    const sections: Section[] = [];
    const requirements: Requirement[] = [];
    const assembled = new Map<BlockSummary, Assembled>();
    const stack: Section[] = [];
    let open: { heading: BlockSummary & { kind: 'heading' }; from: number; section: string | undefined } | undefined;
    const close = (to: number) => {
      if (!open) return;
      const req = this.requirementOf(open.heading, blocks, open.from, to, open.section, text);
      requirements.push(req.requirement);
      assembled.set(open.heading, req);
      open = undefined;
    };
    for (let k = 0; k < blocks.length; k++) {
      const block = blocks[k]!;
      if (block.kind !== 'heading') continue;
      const isReq = block.requirement && block.depth >= 2 && block.depth <= 4;
      if (open && (isReq || block.depth <= open.heading.depth)) close(k);
      while (stack.length && stack[stack.length - 1]!.depth >= block.depth) stack.pop();
      if (isReq) {
        open = { heading: block, from: k, section: stack.length ? stack[stack.length - 1]!.title : undefined };
        continue;
      }
      const section: Section = { title: block.text, depth: block.depth, headingRange: block.range };
      stack.push(section);
      if (!open) sections.push(section);
    }
    close(blocks.length);
    this.assembled = assembled;
    this.model = { text, frontMatter: this.frontMatter!, sections, requirements, markdownLimits: limits };
    return this.model;
  }

  /** The requirement made of `blocks[from, to)`: last version's object when they are the same blocks. */
  private requirementOf(
    heading: BlockSummary & { kind: 'heading' },
    blocks: BlockSummary[],
    from: number,
    to: number,
    section: string | undefined,
    text: string,
  ): Assembled {
    const last = this.assembled.get(heading);
    if (last && last.section === section && last.blocks.length === to - from && last.blocks.every((b, k) => b === blocks[from + k])) {
      const r = last.requirement;
      r.range.start = heading.range.start;
      r.range.end = blocks[to - 1]!.range.end;
      r.prose[0]!.offset = r.titleRange.start;
      return last;
    }
    const req = heading.requirement!;
    const r: Requirement = {
      id: req.id,
      title: req.title,
      depth: heading.depth,
      headingRange: heading.range,
      idRange: req.idRange,
      titleRange: req.titleRange,
      range: { start: heading.range.start, end: heading.range.end },
      section,
      fields: [],
      workload: [],
      prose: [{ text: text.slice(req.titleRange.start, req.titleRange.end), offset: req.titleRange.start }],
    };
    for (let k = from + 1; k < to; k++) {
      const b = blocks[k]!;
      r.range.end = b.range.end;
      if (b.kind !== 'content') continue;
      if (b.fields.length) r.fields.push(...b.fields);
      if (b.workload.length) r.workload.push(...b.workload);
      if (b.prose.length) r.prose.push(...b.prose);
    }
    return { requirement: r, blocks: blocks.slice(from, to), section };
  }
}

function moveChunk(c: Chunk, delta: number): void {
  c.start += delta;
  c.end += delta;
  c.checkedTo += delta;
  for (const b of c.blocks) moveBlock(b, delta);
  for (const l of c.limits) {
    l.range.start += delta;
    l.range.end += delta;
  }
}

/** The region the changes touched, in BOM-less offsets; `shift` is 1 when the text starts with a BOM. */
function fromChanges(changes: readonly TextChange[], shift: number): Dirty | undefined {
  let d: Dirty | undefined;
  for (const c of changes) {
    const start = c.start - shift;
    const end = c.end - shift;
    const newEnd = start + c.length;
    if (!d) {
      d = { start, oldEnd: end, newEnd };
      continue;
    }
    // Compose: `d` is in the coordinates of the text this change applies to (its new side).
    const grow = c.length - (end - start);
    const oldEnd = end > d.newEnd ? d.oldEnd + (end - d.newEnd) : d.oldEnd;
    const dNewEnd = d.newEnd <= start ? d.newEnd : d.newEnd >= end ? d.newEnd + grow : newEnd;
    d = { start: Math.min(d.start, start), oldEnd, newEnd: Math.max(dNewEnd, newEnd) };
  }
  return d;
}

/** The region between the common prefix and the common suffix of two texts; null when they are equal. */
function fromTexts(old: string, text: string): Dirty | null {
  if (old === text) return null;
  const max = Math.min(old.length, text.length);
  let p = 0;
  while (p < max && old.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  return { start: p, oldEnd: old.length - s, newEnd: text.length - s };
}
