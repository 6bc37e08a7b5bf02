/**
 * Word comments → review notes. A top-level comment whose range starts inside a requirement becomes a note
 * on it (the commented text as its quote, its stance from a leading `Object:`, `Concern:`, `Question:`,
 * `Support:` or `Comment:`); Word 2013 replies (`commentsExtended.xml` `w15:paraIdParent`) become its
 * replies in date order; Word's done flag resolves it, or withdraws it when it is led by
 * `Stance (withdrawn):`. A comment outside every requirement is listed as unanchored and not written.
 */
import { stringify } from 'yaml';
import type { Block } from './body.js';
import { inline } from './body.js';
import { isOn } from './package.js';
import { collapse, type Req, type Structure } from './structure.js';
import { readBlocks, type XEl } from './xml.js';
import type { Part } from './zip.js';

export interface WordComment {
  id: string;
  author?: string;
  date?: string;
  paragraphs: string[];
  paraIds: string[];
  /** Document order in comments.xml. */
  order: number;
}

export interface ImportedNote {
  id: string;
  requirement: string;
  quote?: string;
  stance: string;
  status: 'open' | 'resolved' | 'withdrawn';
  author?: string;
  created?: string;
  body: string;
  replies: { author?: string; created?: string; body: string }[];
}

export interface Unanchored {
  author: string | null;
  body: string;
}

function paragraphsOf(el: XEl, out: { text: string; paraId?: string }[]): void {
  for (const c of el.children) {
    if (typeof c === 'string' || c.ns !== 'w') continue;
    if (c.name === 'p') {
      const text = { text: '', marks: [] };
      inline(c, false, text);
      out.push({ text: collapse(text.text), paraId: c.attrs['w14:paraId'] });
    } else if (c.name === 'tbl' || c.name === 'tr' || c.name === 'tc' || c.name === 'sdt' || c.name === 'sdtContent' || c.name === 'customXml')
      paragraphsOf(c, out);
  }
}

export function readComments(part: Part | undefined): WordComment[] {
  return readBlocks(part, 'comments.xml')
    .filter((c) => c.ns === 'w' && c.name === 'comment' && c.attrs['w:id'] !== undefined)
    .map((c, order) => {
      const paras: { text: string; paraId?: string }[] = [];
      paragraphsOf(c, paras);
      return {
        id: c.attrs['w:id']!,
        author: c.attrs['w:author']?.trim() || undefined,
        date: c.attrs['w:date'],
        paragraphs: paras.map((p) => p.text),
        paraIds: paras.flatMap((p) => (p.paraId ? [p.paraId] : [])),
        order,
      };
    });
}

export interface CommentThreads {
  /** Comment id → the top-level comment id it replies to. */
  parent: Map<string, string>;
  done: Set<string>;
}

export function readThreads(part: Part | undefined, comments: WordComment[]): CommentThreads {
  const byParaId = new Map<string, WordComment>();
  for (const c of comments) for (const p of c.paraIds) byParaId.set(p.toUpperCase(), c);
  const direct = new Map<string, string>();
  const done = new Set<string>();
  for (const ex of readBlocks(part, 'commentsExtended.xml')) {
    if (ex.name !== 'commentEx') continue;
    const c = byParaId.get((ex.attrs['w15:paraId'] ?? '').toUpperCase());
    if (!c) continue;
    const parent = byParaId.get((ex.attrs['w15:paraIdParent'] ?? '').toUpperCase());
    if (parent && parent !== c) direct.set(c.id, parent.id);
    if (isOn(ex.attrs['w15:done'])) done.add(c.id);
  }
  const parent = new Map<string, string>();
  for (const id of direct.keys()) {
    let top = id;
    for (let hops = 0; direct.has(top) && hops < 1000; hops++) top = direct.get(top)!;
    if (top !== id) parent.set(id, top);
  }
  return { parent, done };
}

const STANCE = /^\s*(object|concern|question|support|comment)\s*(\(\s*withdrawn\s*\))?\s*:\s*/i;

interface Position {
  block: number;
  offset: number;
}

function before(a: Position, b: Position): boolean {
  return a.block < b.block || (a.block === b.block && a.offset < b.offset);
}

/** Where each comment's range starts and ends (a comment with only a reference: there). */
function positions(blocks: Block[]): Map<string, { start?: Position; end?: Position; ref?: Position }> {
  const out = new Map<string, { start?: Position; end?: Position; ref?: Position }>();
  blocks.forEach((b, block) => {
    for (const m of b.marks) {
      const entry = out.get(m.comment) ?? {};
      const at = { block, offset: m.offset };
      if (m.kind === 'start') entry.start ??= at;
      else if (m.kind === 'end') entry.end = at;
      else entry.ref ??= at;
      out.set(m.comment, entry);
    }
  });
  return out;
}

/**
 * The commented text, whitespace collapsed. A range over several paragraphs is quoted from its first
 * paragraph only: quotes are matched within one paragraph of a requirement, so a longer one would never
 * be found again.
 */
function quoteBetween(blocks: Block[], s: Structure, from: Position, to: Position): string {
  const text = blocks[from.block]?.text ?? '';
  const start = Math.max(from.offset, s.removed[from.block] ?? 0);
  const end = to.block === from.block ? to.offset : text.length;
  return end > start ? collapse(text.slice(start, end)) : '';
}

function day(date: string | undefined): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(date ?? '');
  return m?.[1];
}

function body(paragraphs: string[]): string {
  return paragraphs.filter(Boolean).join('\n\n');
}

export interface Notes {
  notes: ImportedNote[];
  unanchored: Unanchored[];
  /** Author of the first top-level comment in document order. */
  firstAuthor?: string;
}

export function notesFrom(comments: WordComment[], threads: CommentThreads, blocks: Block[], s: Structure): Notes {
  const where = positions(blocks);
  const top = comments
    .filter((c) => !threads.parent.has(c.id))
    .map((c) => {
      const p = where.get(c.id);
      return { c, start: p?.start ?? p?.ref, end: p?.end ?? p?.ref };
    })
    .filter((x): x is { c: WordComment; start: Position; end: Position | undefined } => x.start !== undefined)
    .sort((a, b) => (before(a.start, b.start) ? -1 : before(b.start, a.start) ? 1 : a.c.order - b.c.order));
  const replies = new Map<string, WordComment[]>();
  for (const c of comments) {
    const parent = threads.parent.get(c.id);
    if (parent) replies.set(parent, [...(replies.get(parent) ?? []), c]);
  }
  const out: Notes = { notes: [], unanchored: [], firstAuthor: top[0]?.c.author };
  for (const { c, start, end } of top) {
    const req: Req | undefined = s.owner[start.block];
    if (!req) {
      out.unanchored.push({ author: c.author ?? null, body: body(c.paragraphs) });
      continue;
    }
    out.notes.push(note(c, req, start, end, blocks, s, threads, replies.get(c.id) ?? [], out.notes.length + 1));
  }
  return out;
}

function note(
  c: WordComment,
  req: Req,
  start: Position,
  end: Position | undefined,
  blocks: Block[],
  s: Structure,
  threads: CommentThreads,
  replies: WordComment[],
  n: number,
): ImportedNote {
  const paragraphs = [...c.paragraphs];
  const lead = STANCE.exec(paragraphs[0] ?? '');
  if (lead) paragraphs[0] = paragraphs[0]!.slice(lead[0].length);
  const done = threads.done.has(c.id);
  let quote = end && before(start, end) ? quoteBetween(blocks, s, start, end) : '';
  if (quote === collapse(`${req.id}: ${req.title}`)) quote = '';
  const sorted = replies
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.date ?? '\uffff').localeCompare(b.r.date ?? '\uffff') || a.i - b.i)
    .map(({ r }) => ({ author: r.author, created: day(r.date), body: body(r.paragraphs) }));
  return {
    id: `c${n}`,
    requirement: req.id,
    ...(quote ? { quote } : {}),
    stance: lead ? lead[1]!.toLowerCase() : 'comment',
    status: done ? (lead?.[2] ? 'withdrawn' : 'resolved') : 'open',
    author: c.author,
    created: day(c.date),
    body: body(paragraphs),
    replies: sorted,
  };
}

/** The sidecar's text: `spec`, `reviewer`, then the notes in document order. */
export function sidecarText(specFile: string, reviewer: string | undefined, notes: ImportedNote[], source: string | undefined): string {
  const data = {
    spec: specFile,
    ...(reviewer ? { reviewer } : {}),
    notes: notes.map((n) => {
      const { replies, ...rest } = n;
      const clean = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== ''));
      return replies.length
        ? { ...clean, replies: replies.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined && v !== ''))) }
        : clean;
    }),
  };
  const header = source ? `# Review notes imported from the Word comments of ${source.replace(/[\r\n]+/g, ' ')}.\n` : '';
  return header + stringify(data, { lineWidth: 0 });
}
