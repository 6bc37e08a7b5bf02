/**
 * Markdown parsing, incremental at section level.
 *
 * The body of a spec is cut into chunks at top-level ATX headings. Each chunk is parsed on its own with
 * remark and summarised (headings, fields, workload blocks, prose) with chunk-relative offsets; the
 * summaries are cached by text, so after an edit only the chunks whose text changed are parsed again.
 *
 * Why this is exact (not an approximation): CommonMark decides block structure line by line. A chunk is
 * parsed together with the heading line that follows it; if that line comes out as a top-level ATX
 * heading, every container was closed before it, so the next chunk starts from the same clean state as
 * in a whole-document parse. If it does not (the line sat inside a fenced block, an HTML block, ...), the
 * two chunks are merged and parsed again. The one global construct, link reference definitions, makes
 * a document holding `]:` anywhere be parsed as a single chunk. A differential test checks chunked = whole-document parsing.
 */
import type { Root, RootContent, Nodes, Heading, List, ListItem, Code, Paragraph } from 'mdast';
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Range } from './text.js';
import type { Field, ProseSpan, ValuePart, WorkloadBlock } from './model.js';
import { parseWorkload } from './workload.js';

/**
 * CommonMark plus the GFM block and inline syntax a spec uses: tables, task lists, strikethrough. Not
 * GFM autolink literals or footnotes: they change nothing the model reads, cost a quarter of the parse
 * time, and autolinks overflow the stack on deep nesting (BENCHMARKS.md).
 */
const processor = unified()
  .use(function gfmSubset(this: Processor) {
    const data = this.data();
    (data.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem(), gfmStrikethrough());
    (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown(), gfmStrikethroughFromMarkdown());
  })
  .use(remarkParse)
  .freeze();

/** What the model builder needs from one top-level block, with chunk-relative ranges. */
export type BlockSummary =
  | {
      kind: 'heading';
      depth: number;
      /** Rendered heading text. */
      text: string;
      range: Range;
      requirement?: { id: string; title: string; idRange: Range; titleRange: Range };
    }
  | {
      kind: 'content';
      range: Range;
      fields: Field[];
      workload: WorkloadBlock[];
      prose: ProseSpan[];
    };

export interface ChunkSummary {
  blocks: BlockSummary[];
  /** Parts of the chunk read as plain text because they exceed the Markdown limits (see `guard`). */
  limits: MarkdownLimit[];
}

/** A part of the body read as plain text rather than Markdown, to bound parse time. */
export interface MarkdownLimit {
  kind: 'long-line' | 'deep-nesting';
  range: Range;
  /** Line length in characters, container markers on the line, or indentation in columns. */
  size: number;
  unit: 'characters' | 'markers' | 'columns';
}

/**
 * Limits past which Markdown is read as plain text. remark/micromark is linear in these only with a
 * large constant (deep containers) or not at all (50,000 nested quotes take minutes), and no real
 * spec comes near them: see BENCHMARKS.md (pathological inputs).
 */
export const MARKDOWN_LIMITS = {
  /** Characters of one line parsed as Markdown; the rest of the line is kept as plain text. */
  lineLength: 10_000,
  /** Block-quote and list markers at the start of one line. */
  markers: 16,
  /** Columns of indentation at the start of one line. */
  indent: 40,
} as const;

const REQ_HEADING = /^\s*([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-[0-9]+(?:\.[0-9]+)*)\s*:\s*([\s\S]*)$/;
export const REQUIREMENT_ID = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-[0-9]+(?:\.[0-9]+)*$/;

/**
 * Parse cache for one document: chunk text → following heading line → summary. Two levels, so a key is
 * never built by concatenation: looking up a slice of the document hashes it in place.
 */
export class ChunkCache {
  // `null` marks a chunk whose following heading line did not hold as a boundary.
  private entries = new Map<string, Map<string, ChunkSummary | null>>();
  private used = new Map<string, Map<string, ChunkSummary | null>>();
  /** Chunks parsed by remark during the last `parseBody` (for tests and benchmarks). */
  parsedChunks = 0;

  get(chunk: string, nextLine: string): ChunkSummary | null | undefined {
    let hit = this.used.get(chunk)?.get(nextLine);
    if (hit === undefined) {
      hit = this.entries.get(chunk)?.get(nextLine);
      if (hit !== undefined) this.set(chunk, nextLine, hit);
    }
    return hit;
  }

  set(chunk: string, nextLine: string, value: ChunkSummary | null): void {
    let inner = this.used.get(chunk);
    if (!inner) this.used.set(chunk, (inner = new Map()));
    inner.set(nextLine, value);
  }

  /** Drops entries not used since the last call, so memory follows the current text. */
  sweep(): void {
    this.entries = this.used;
    this.used = new Map();
  }

  get size(): number {
    let n = 0;
    for (const m of this.entries.values()) n += m.size;
    return n;
  }

  /**
   * The summary's blocks moved to `base`. An edit leaves the chunks before it where they were, so
   * their absolute blocks are reused rather than copied again.
   */
  shifted(summary: ChunkSummary, base: number): BlockSummary[] {
    const last = this.placed.get(summary);
    if (last && last.base === base) return last.blocks;
    const blocks = summary.blocks.map((b) => shiftBlock(b, base));
    this.placed.set(summary, { base, blocks });
    return blocks;
  }

  private placed = new WeakMap<ChunkSummary, { base: number; blocks: BlockSummary[] }>();
}

export interface ParseBodyOptions {
  /** Parse the body as one chunk: the naive baseline and the reference for differential tests. */
  whole?: boolean;
  cache?: ChunkCache;
}

export interface BodyBlocks {
  /** Blocks with absolute ranges, in document order. */
  blocks: BlockSummary[];
  /** Where the body exceeded the Markdown limits, absolute ranges. */
  limits: MarkdownLimit[];
}

/** Parses `text.slice(from)` as Markdown and returns its top-level block summaries. Never throws. */
export function parseBody(text: string, from: number, options: ParseBodyOptions = {}): BodyBlocks {
  const cache = options.cache;
  if (cache) cache.parsedChunks = 0;
  const blocks: BlockSummary[] = [];
  const limits: MarkdownLimit[] = [];
  // Link reference definitions are global (even inside quotes and lists): any `]:` means one chunk.
  const boundaries = options.whole || text.includes(']:', from) ? [] : candidateBoundaries(text, from).boundaries;
  let start = from;
  let b = 0;
  while (start < text.length) {
    // Try to end this chunk at boundaries[b]; merge forward while the boundary does not hold.
    let summary: ChunkSummary | undefined;
    let end = text.length;
    while (true) {
      if (b >= boundaries.length) {
        end = text.length;
        summary = summarise(text.slice(start, end), '', cache);
        break;
      }
      end = boundaries[b]!;
      const lineEnd = b + 1 < boundaries.length ? Math.min(boundaries[b + 1]!, lineEndAfter(text, end)) : lineEndAfter(text, end);
      summary = summarise(text.slice(start, end), text.slice(end, lineEnd), cache);
      b++;
      if (summary) break;
    }
    const placed = cache ? cache.shifted(summary!, start) : summary!.blocks.map((b) => shiftBlock(b, start));
    for (const block of placed) blocks.push(block);
    for (const l of summary!.limits) limits.push({ ...l, range: sr(l.range, start) });
    start = end;
    if (end >= text.length) break;
  }
  cache?.sweep();
  return { blocks, limits };
}

export function lineEndAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  if (text.charCodeAt(i) === 13) i++;
  if (text.charCodeAt(i) === 10) i++;
  return i;
}

/**
 * Summarises `chunk`, checking that `nextLine` (the following heading line, '' at the end) parses as a
 * top-level heading after it. Returns undefined when it does not: the caller merges the chunks.
 */
function summarise(chunk: string, nextLine: string, cache: ChunkCache | undefined): ChunkSummary | undefined {
  const hit = cache?.get(chunk, nextLine);
  if (hit !== undefined) return hit ?? undefined;
  if (cache) cache.parsedChunks++;
  // Summaries outlive this version of the document in the cache; strings sliced from `chunk` (itself a
  // slice of the whole text) would keep every version alive. Slice from a copy of the chunk instead.
  if (cache) chunk = detach(chunk);
  const summary = summariseChunk(chunk, nextLine);
  cache?.set(chunk, nextLine, summary ?? null);
  return summary;
}

/**
 * Parses `chunk` followed by `nextLine` (the heading line after it, '' at the end of the text) and
 * summarises its blocks with chunk-relative ranges; undefined when `nextLine` does not come out as a
 * top-level heading after the chunk (the boundary does not hold: the caller merges the chunks).
 */
export function summariseChunk(chunk: string, nextLine: string): ChunkSummary | undefined {
  const source = chunk + nextLine;
  const guarded = guard(source);
  const root = parseMarkdown(guarded.text);
  let nodes = root.children;
  if (nextLine) {
    const last = nodes[nodes.length - 1];
    if (last?.type !== 'heading' || last.position?.start.offset !== chunk.length) return undefined;
    nodes = nodes.slice(0, -1);
  }
  return {
    blocks: nodes.map((n) => summariseNode(n, chunk)),
    // The heading line after the chunk is the next chunk's: its limits are reported there.
    limits: guarded.limits.filter((l) => l.range.start < chunk.length),
  };
}

/** A copy of `s` that shares no memory with the string it was sliced from (exact for any UTF-16). */
export function detach(s: string): string {
  // JSON round trip: portable (no Buffer in the core) and exact, lone surrogates included (ES2019).
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

export function parseMarkdown(source: string): Root {
  try {
    return processor.parse(source) as Root;
  } catch {
    // remark does not throw on any input we know of; if it ever does, keep the text as one paragraph.
    return {
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [{ type: 'text', value: source }],
          position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: source.length } },
        },
      ],
    };
  }
}

/**
 * The text remark sees: `source` with what exceeds MARKDOWN_LIMITS masked, keeping every offset. The
 * tail of an overlong line becomes spaces (no line starts there, so no block changes); container
 * markers or indentation past the limit become `x`, so the rest of the line is text in the deepest
 * allowed container. Summaries slice the original text by range, so nothing written is lost; the
 * limits are reported (rule `complex-markdown`). Returns `source` itself when nothing is masked.
 */
export function guard(source: string): { text: string; limits: MarkdownLimit[] } {
  const limits: MarkdownLimit[] = [];
  let parts: string[] | undefined;
  let copied = 0;
  const mask = (from: number, to: number, ch: string): void => {
    (parts ??= []).push(source.slice(copied, from), ch.repeat(to - from));
    copied = to;
  };
  const n = source.length;
  let pos = 0;
  while (pos < n) {
    let end = source.indexOf('\n', pos);
    if (end < 0) end = n;
    let lineEnd = end;
    if (lineEnd > pos && source.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    // Container prefix: block-quote markers, list markers and indentation.
    let i = pos;
    let markers = 0;
    let col = 0;
    let over = -1;
    while (i < lineEnd) {
      const c = source.charCodeAt(i);
      let next = i + 1;
      if (c === 32) col++;
      else if (c === 9) col += 4 - (col % 4);
      else if (c === 62 /* > */) markers++, col++;
      else if ((c === 45 || c === 42 || c === 43) && isBlank(source.charCodeAt(i + 1))) markers++, col++;
      else if (c >= 48 && c <= 57) {
        let j = i;
        while (j < lineEnd && j - i < 9 && source.charCodeAt(j) >= 48 && source.charCodeAt(j) <= 57) j++;
        const d = source.charCodeAt(j);
        if (!((d === 46 || d === 41) && isBlank(source.charCodeAt(j + 1)))) break;
        markers++;
        col += j + 1 - i;
        next = j + 1;
      } else break;
      if (over < 0 && (markers > MARKDOWN_LIMITS.markers || col > MARKDOWN_LIMITS.indent)) over = i;
      i = next;
    }
    if (over >= 0) {
      mask(over, i, 'x');
      const byMarkers = markers > MARKDOWN_LIMITS.markers;
      limits.push({ kind: 'deep-nesting', range: { start: over, end: i }, size: byMarkers ? markers : col, unit: byMarkers ? 'markers' : 'columns' });
    }
    if (lineEnd - pos > MARKDOWN_LIMITS.lineLength) {
      const from = Math.max(pos + MARKDOWN_LIMITS.lineLength, i);
      if (from < lineEnd) {
        mask(from, lineEnd, ' ');
        limits.push({ kind: 'long-line', range: { start: from, end: lineEnd }, size: lineEnd - pos, unit: 'characters' });
      }
    }
    pos = end + 1;
  }
  if (!parts) return { text: source, limits };
  parts.push(source.slice(copied));
  return { text: parts.join(''), limits };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c);
}

/**
 * Offsets of lines that start with an ATX heading at column 0, outside fenced code blocks and HTML
 * comments/raw blocks as far as a line scan can tell. Only candidates: `summarise` verifies each.
 */
export function candidateBoundaries(text: string, from: number, to = text.length): { boundaries: number[] } {
  const out: number[] = [];
  let fence: { char: number; len: number } | undefined;
  let htmlEnd: RegExp | undefined;
  let pos = from;
  const n = to;
  // Lines end at `\n` here (a `\r\n` line keeps its `\r`); a lone `\r` only hides candidates, which is safe.
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const next = end + 1;
    // First character after at most three spaces: most lines start with a letter and need no more.
    let i = pos;
    while (i < pos + 3 && text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    if (fence) {
      if (c === fence.char) {
        const m = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(text.slice(pos, end));
        if (m && m[1]!.length >= fence.len) fence = undefined;
      }
    } else if (htmlEnd) {
      if (htmlEnd.test(text.slice(pos, end))) htmlEnd = undefined;
    } else if (c === 35 /* # */) {
      if (i === pos && pos !== from && /^#{1,6}(?:[ \t\r]|$)/.test(text.slice(pos, Math.min(end, pos + 8)))) out.push(pos);
    } else if (c === 96 /* ` */ || c === 126 /* ~ */) {
      const f = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(text.slice(pos, end));
      if (f && !(c === 96 && f[2]!.includes('`'))) fence = { char: c, len: f[1]!.length };
    } else if (c === 60 /* < */) {
      const line = text.slice(pos, end);
      htmlEnd = htmlBlockEnd(line);
      // A comment or raw block may end on the line it starts on.
      if (htmlEnd !== BLANK && htmlEnd.test(line.trimStart().slice(4))) htmlEnd = undefined;
    }
    pos = next;
  }
  return { boundaries: out };
}

const BLANK = /^\s*$/;

function htmlBlockEnd(line: string): RegExp {
  const l = line.trimStart();
  if (/^<(script|pre|style|textarea)(\s|>|$)/i.test(l)) return /<\/(script|pre|style|textarea)>/i;
  if (l.startsWith('<!--')) return /-->/;
  if (l.startsWith('<?')) return /\?>/;
  if (l.startsWith('<![CDATA[')) return /\]\]>/;
  if (/^<![A-Za-z]/.test(l)) return />/;
  return BLANK;
}

// ---------------------------------------------------------------------------------------------------
// Summaries of mdast nodes (offsets relative to the chunk).

function off(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): Range {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

export function toText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(toText).join('');
  return '';
}

function summariseNode(node: RootContent, src: string): BlockSummary {
  if (node.type === 'heading') return summariseHeading(node, src);
  const content: BlockSummary & { kind: 'content' } = { kind: 'content', range: off(node), fields: [], workload: [], prose: [] };
  collect(node, src, content);
  return content;
}

function summariseHeading(node: Heading, src: string): BlockSummary {
  const range = off(node);
  const text = toText(node).trim();
  const m = REQ_HEADING.exec(text);
  if (!m) return { kind: 'heading', depth: node.depth, text, range };
  const id = m[1]!;
  const raw = src.slice(range.start, range.end);
  const idAt = raw.indexOf(id);
  const idRange = idAt >= 0 ? { start: range.start + idAt, end: range.start + idAt + id.length } : range;
  // The title as written: after the colon that follows the id, up to the end of the heading's content.
  let contentEnd = raw.length;
  const firstBreak = raw.search(/\r|\n/);
  if (firstBreak >= 0 && /^\s*(=+|-+)\s*$/.test(raw.slice(raw.lastIndexOf('\n') + 1))) {
    contentEnd = raw.lastIndexOf('\n', raw.length - 1); // setext: drop the underline
    if (raw[contentEnd - 1] === '\r') contentEnd--;
  } else {
    const closing = /[ \t]+#+[ \t]*$/.exec(raw);
    if (closing) contentEnd = closing.index;
    contentEnd = raw.slice(0, contentEnd).trimEnd().length;
  }
  let t = raw.indexOf(':', idAt + id.length);
  if (t < 0) t = idAt + id.length;
  else t++;
  while (t < contentEnd && /\s/.test(raw[t]!)) t++;
  const title = m[2]!.replace(/\s+/g, ' ').trim();
  const titleRange = { start: range.start + t, end: range.start + Math.max(t, contentEnd) };
  return { kind: 'heading', depth: node.depth, text, range, requirement: { id, title, idRange, titleRange } };
}

const PROSE_TYPES = new Set(['paragraph', 'blockquote', 'table']);

function collect(node: Nodes, src: string, out: { fields: Field[]; workload: WorkloadBlock[]; prose: ProseSpan[] }): void {
  if (node.type === 'code') {
    if (isWorkload(node)) out.workload.push(workloadBlock(node, src));
    return;
  }
  if (node.type === 'list') {
    collectList(node, src, out);
    return;
  }
  if (PROSE_TYPES.has(node.type)) {
    const r = off(node);
    out.prose.push({ text: src.slice(r.start, r.end), offset: r.start });
    // Workload blocks nested in quotes are still the requirement's.
    if ('children' in node) for (const c of node.children as Nodes[]) if (c.type !== 'paragraph') collect(c, src, { ...out, prose: [] });
  }
}

function collectList(list: List, src: string, out: { fields: Field[]; workload: WorkloadBlock[]; prose: ProseSpan[] }): void {
  for (const item of list.children) {
    const f = fieldOf(item, src);
    if (f) out.fields.push(f);
    const rest = f ? item.children.slice(1) : item.children;
    for (const child of rest) {
      if (child.type === 'paragraph') {
        const r = off(child);
        out.prose.push({ text: src.slice(r.start, r.end), offset: r.start });
      } else collect(child, src, out);
    }
  }
}

function isWorkload(node: Code): boolean {
  return (node.lang ?? '').toLowerCase() === 'workload';
}

/** A list item whose first paragraph starts with a bold label ending in a colon. */
function fieldOf(item: ListItem, src: string): Field | undefined {
  const p = item.children[0];
  if (p?.type !== 'paragraph') return undefined;
  const strong = (p as Paragraph).children[0];
  if (strong?.type !== 'strong') return undefined;
  const labelText = toText(strong).trim();
  const sr = off(strong);
  let valueStart = sr.end;
  let label: string;
  if (labelText.endsWith(':')) {
    label = labelText.slice(0, -1).trim();
  } else {
    // `**Deadline**:` — the colon follows the bold label.
    if (src[sr.end] !== ':') return undefined;
    label = labelText;
    valueStart = sr.end + 1;
  }
  if (!label) return undefined;
  const pr = off(p);
  let vs = valueStart;
  let ve = pr.end;
  while (vs < ve && /\s/.test(src[vs]!)) vs++;
  while (ve > vs && /\s/.test(src[ve - 1]!)) ve--;
  const rawValue = src.slice(vs, ve);
  return {
    label,
    key: label.toLowerCase().replace(/\s+/g, ' '),
    labelRange: sr.end === valueStart ? sr : { start: sr.start, end: valueStart },
    value: rawValue.replace(/\s+/g, ' ').trim(),
    valueRange: { start: vs, end: ve },
    range: { start: off(item).start, end: pr.end },
    parts: splitParts(rawValue, vs),
  };
}

/** Comma-separated items of a value, each trimmed of whitespace and wrapping markup. */
export function splitParts(raw: string, base: number): ValuePart[] {
  const parts: ValuePart[] = [];
  if (!raw.trim()) return parts;
  let start = 0;
  for (let i = 0; i <= raw.length; i++) {
    if (i === raw.length || raw[i] === ',') {
      let s = start;
      let e = i;
      while (s < e && /\s/.test(raw[s]!)) s++;
      while (e > s && /\s/.test(raw[e - 1]!)) e--;
      if (e > s) {
        const text = raw
          .slice(s, e)
          .replace(/^[`*_]+|[`*_]+$/g, '')
          .replace(/\s+/g, ' ')
          .trim();
        parts.push({ text, range: { start: base + s, end: base + e } });
      }
      start = i + 1;
    }
  }
  return parts;
}

function workloadBlock(node: Code, src: string): WorkloadBlock {
  const r = off(node);
  const raw = src.slice(r.start, r.end);
  // Source line starts of the block, relative to the chunk.
  const lineStarts: number[] = [];
  const re = /\r\n|\r|\n/g;
  const rawLines: { start: number; text: string }[] = [];
  let last = 0;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    rawLines.push({ start: r.start + last, text: raw.slice(last, m.index) });
    last = m.index + m[0].length;
  }
  rawLines.push({ start: r.start + last, text: raw.slice(last) });
  const valueLines = node.value === '' ? [] : node.value.split(/\r\n|\r|\n/);
  for (let i = 0; i < valueLines.length; i++) {
    const source = rawLines[i + 1];
    const v = valueLines[i]!;
    if (!source) {
      lineStarts.push(r.end);
      continue;
    }
    const prefix = source.text.endsWith(v) ? source.text.length - v.length : 0;
    lineStarts.push(source.start + prefix);
  }
  const contentStart = lineStarts[0] ?? rawLines[1]?.start ?? r.end;
  const lastLine = valueLines.length - 1;
  const contentEnd = lastLine >= 0 ? lineStarts[lastLine]! + valueLines[lastLine]!.length : contentStart;
  return parseWorkload(valueLines.join('\n'), lineStarts, { start: r.start, end: r.end }, { start: contentStart, end: contentEnd });
}

// ---------------------------------------------------------------------------------------------------
// Shifting summaries to absolute offsets.

function sr(r: Range, base: number): Range {
  return { start: r.start + base, end: r.end + base };
}

/** A copy of a chunk's block moved to `base` (the block itself when `base` is 0). */
function shiftBlock(block: BlockSummary, base: number): BlockSummary {
  return base === 0 ? block : copyBlock(block, base);
}

/** A copy of a block, moved by `base`, that shares no range object with it. */
export function copyBlock(block: BlockSummary, base: number): BlockSummary {
  if (block.kind === 'heading') {
    return {
      ...block,
      range: sr(block.range, base),
      requirement: block.requirement && {
        ...block.requirement,
        idRange: sr(block.requirement.idRange, base),
        titleRange: sr(block.requirement.titleRange, base),
      },
    };
  }
  return {
    kind: 'content',
    range: sr(block.range, base),
    fields: block.fields.map((f) => ({
      ...f,
      labelRange: sr(f.labelRange, base),
      valueRange: sr(f.valueRange, base),
      range: sr(f.range, base),
      parts: f.parts.map((p) => ({ text: p.text, range: sr(p.range, base) })),
    })),
    workload: block.workload.map((w) => ({
      range: sr(w.range, base),
      contentRange: sr(w.contentRange, base),
      items: w.items.map((it) => ({
        range: sr(it.range, base),
        entries: it.entries.map((e) => ({ ...e, keyRange: sr(e.keyRange, base), valueRange: sr(e.valueRange, base) })),
      })),
      problems: w.problems.map((p) => ({ ...p, range: sr(p.range, base) })),
    })),
    prose: block.prose.map((p) => ({ text: p.text, offset: p.offset + base })),
  };
}

/**
 * Every range and prose span `copyBlock` created for a block (and only those), so a live document can move
 * a chunk after an edit with two flat loops (core/liveDocument.ts).
 */
export function rangesOf(block: BlockSummary, ranges: Range[], spans: ProseSpan[]): void {
  ranges.push(block.range);
  if (block.kind === 'heading') {
    if (block.requirement) ranges.push(block.requirement.idRange, block.requirement.titleRange);
    return;
  }
  for (const f of block.fields) {
    ranges.push(f.labelRange, f.valueRange, f.range);
    for (const p of f.parts) ranges.push(p.range);
  }
  for (const w of block.workload) {
    ranges.push(w.range, w.contentRange);
    for (const it of w.items) {
      ranges.push(it.range);
      for (const e of it.entries) ranges.push(e.keyRange, e.valueRange);
    }
    for (const p of w.problems) ranges.push(p.range);
  }
  for (const p of block.prose) spans.push(p);
}
