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
  rangesOf,
  summariseChunk,
  type BlockSummary,
  type ChunkSummary,
  type MarkdownLimit,
} from './markdown.js';
import type { FrontMatter, ProseSpan, Requirement, Section, SpecModel } from './model.js';
import { stripBom, type Range } from './text.js';

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
  /** Every range and prose span of the blocks and limits, flat: what an edit before the chunk moves. */
  ranges: Range[];
  spans: ProseSpan[];
  /** Requirements whose heading is in this chunk: their own ranges move with it. */
  owned: Requirement[];
  /**
   * When the chunk starts with a requirement heading: the sections open there (after that heading closed
   * deeper ones) and how many requirements and top-level sections came before, as last assembled.
   */
  snapshot?: { stack: Section[]; reqIndex: number; sectionIndex: number };
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
  private assembled = new WeakMap<BlockSummary, Assembled>();
  private model: SpecModel | undefined;
  /** Index of the first chunk kept after the edit by the last `reparse` (Infinity: none). */
  private firstKept = Infinity;
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
    const firstChanged = this.reparse(text, dirty, delta);
    return this.assemble(text, firstChanged, this.firstKept);
  }

  /** The text did not change (a version bump, a change that changed nothing): the same model. */
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
    this.assembled = new WeakMap();
    this.chunkFrom(text, bodyStart, this.refDefs ? [] : candidateBoundaries(text, bodyStart).boundaries, undefined);
    return this.assemble(text);
  }

  /** Keeps the chunks before and after the dirty region, parses the ones in between. */
  private reparse(text: string, dirty: Dirty, delta: number): number {
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
    this.firstKept = Infinity;
    this.chunkFrom(text, from, candidates, { after, delta });
    return i;
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
      this.chunks.push(placeChunk(summary!, start, end, checkedTo));
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
        this.firstKept = this.chunks.length;
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

  /**
   * Requirements and sections from the chunks' blocks. Work starts at the last unchanged chunk that opens a
   * requirement before the first re-parsed chunk (its snapshot gives the lists and the open sections there),
   * and stops at the first kept chunk after the edit that opens a requirement with the same sections open as
   * last time: from there on, last version's requirements and sections are this version's. Requirements
   * whose blocks are the same objects as last time are reused (and their own ranges set).
   */
  private assemble(text: string, firstChanged = 0, firstKept = Infinity): SpecModel {
    const old = this.model;
    const chunks = this.chunks;
    let c = 0;
    let b = 0;
    let requirements: Requirement[] = [];
    let sections: Section[] = [];
    let stack: Section[] = [];
    let open: Open | undefined;
    for (let r = Math.min(firstChanged, chunks.length) - 1; old && r >= 0; r--) {
      const snap = chunks[r]!.snapshot;
      if (!snap) continue;
      const heading = chunks[r]!.blocks[0] as HeadingBlock;
      requirements = old.requirements.slice(0, snap.reqIndex);
      sections = old.sections.slice(0, snap.sectionIndex);
      stack = snap.stack.slice();
      open = { heading, blocks: [heading], section: stack.length ? stack[stack.length - 1]!.title : undefined, chunk: chunks[r]! };
      chunks[r]!.owned = [];
      c = r;
      b = 1;
      break;
    }
    const close = () => {
      if (!open) return;
      const req = this.requirementOf(open, text);
      requirements.push(req);
      open.chunk.owned.push(req);
      open = undefined;
    };
    for (; c < chunks.length; c++, b = 0) {
      const chunk = chunks[c]!;
      const last = chunk.snapshot;
      const owned = chunk.owned;
      if (b === 0) {
        chunk.owned = [];
        chunk.snapshot = undefined;
      }
      for (; b < chunk.blocks.length; b++) {
        const block = chunk.blocks[b]!;
        if (block.kind !== 'heading') {
          open?.blocks.push(block);
          continue;
        }
        const isReq = block.requirement && block.depth >= 2 && block.depth <= 4;
        if (open && (isReq || block.depth <= open.heading.depth)) close();
        while (stack.length && stack[stack.length - 1]!.depth >= block.depth) stack.pop();
        if (isReq) {
          if (b === 0) {
            if (old && last && c >= firstKept && sameSections(last.stack, stack)) {
              // Everything from here is as it was: last version's requirements and sections.
              const moved = { reqs: requirements.length - last.reqIndex, sections: sections.length - last.sectionIndex };
              chunk.snapshot = last;
              chunk.owned = owned;
              for (let k = last.reqIndex; k < old.requirements.length; k++) requirements.push(old.requirements[k]!);
              for (let k = last.sectionIndex; k < old.sections.length; k++) sections.push(old.sections[k]!);
              if (moved.reqs || moved.sections) renumber(chunks, c, moved);
              return this.finish(text, requirements, sections);
            }
            chunk.snapshot = { stack: stack.slice(), reqIndex: requirements.length, sectionIndex: sections.length };
          }
          open = { heading: block, blocks: [block], section: stack.length ? stack[stack.length - 1]!.title : undefined, chunk };
          continue;
        }
        const section: Section = { title: block.text, depth: block.depth, headingRange: block.range };
        stack.push(section);
        if (open) open.blocks.push(block);
        else sections.push(section);
      }
    }
    close();
    return this.finish(text, requirements, sections);
  }

  private finish(text: string, requirements: Requirement[], sections: Section[]): SpecModel {
    const limits: MarkdownLimit[] = [];
    for (const c of this.chunks) for (const l of c.limits) limits.push(l);
    this.model = { text, frontMatter: this.frontMatter!, sections, requirements, markdownLimits: limits };
    return this.model;
  }

  /** The requirement made of an open requirement's blocks: last version's object when they are the same blocks. */
  private requirementOf(open: Open, text: string): Requirement {
    const { heading, blocks, section } = open;
    const last = this.assembled.get(heading);
    if (last && last.section === section && last.blocks.length === blocks.length && last.blocks.every((b, k) => b === blocks[k])) {
      const r = last.requirement;
      r.range.start = heading.range.start;
      r.range.end = blocks[blocks.length - 1]!.range.end;
      r.prose[0]!.offset = r.titleRange.start;
      return r;
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
      // A copy: a slice would keep this whole version of the text alive as long as the requirement lives.
      prose: [{ text: detach(text.slice(req.titleRange.start, req.titleRange.end)), offset: req.titleRange.start }],
    };
    for (let k = 1; k < blocks.length; k++) {
      const b = blocks[k]!;
      r.range.end = b.range.end;
      if (b.kind !== 'content') continue;
      if (b.fields.length) r.fields.push(...b.fields);
      if (b.workload.length) r.workload.push(...b.workload);
      if (b.prose.length) r.prose.push(...b.prose);
    }
    this.assembled.set(heading, { requirement: r, blocks, section });
    return r;
  }
}

type HeadingBlock = BlockSummary & { kind: 'heading' };

/** A requirement being assembled: its heading, its blocks so far, its section, the chunk holding its heading. */
interface Open {
  heading: HeadingBlock;
  blocks: BlockSummary[];
  section: string | undefined;
  chunk: Chunk;
}

function sameSections(a: readonly Section[], b: readonly Section[]): boolean {
  return a.length === b.length && a.every((s, k) => s.title === b[k]!.title && s.depth === b[k]!.depth);
}

/** After reusing last version's lists from chunk `from` on: the snapshots there count from the new lists. */
function renumber(chunks: Chunk[], from: number, moved: { reqs: number; sections: number }): void {
  for (let k = from; k < chunks.length; k++) {
    const snap = chunks[k]!.snapshot;
    if (!snap) continue;
    snap.reqIndex += moved.reqs;
    snap.sectionIndex += moved.sections;
  }
}

/** A chunk's summary placed at `start`: blocks and limits with absolute ranges of their own. */
function placeChunk(summary: ChunkSummary, start: number, end: number, checkedTo: number): Chunk {
  const blocks = summary.blocks.map((b) => copyBlock(b, start));
  const limits = summary.limits.map((l) => ({ ...l, range: { start: l.range.start + start, end: l.range.end + start } }));
  const ranges: Range[] = [];
  const spans: ProseSpan[] = [];
  for (const b of blocks) rangesOf(b, ranges, spans);
  for (const l of limits) ranges.push(l.range);
  return { start, end, checkedTo, blocks, limits, ranges, spans, owned: [] };
}

function moveChunk(c: Chunk, delta: number): void {
  c.start += delta;
  c.end += delta;
  c.checkedTo += delta;
  const ranges = c.ranges;
  for (let k = 0; k < ranges.length; k++) {
    const r = ranges[k]!;
    r.start += delta;
    r.end += delta;
  }
  const spans = c.spans;
  for (let k = 0; k < spans.length; k++) spans[k]!.offset += delta;
  for (const r of c.owned) {
    r.range.start += delta;
    r.range.end += delta;
    r.prose[0]!.offset += delta;
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
