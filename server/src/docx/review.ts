/**
 * The review document (`service-spec review SPEC --format docx`): the publication with every note of the
 * spec's sidecars as a Word comment. A note is anchored where it belongs now (review/anchor.ts): on its
 * quote inside its current requirement (Markdown markers ignored, whitespace collapsed, as quotes are
 * matched), on the requirement's heading when it has no quote or the quote is not in the document's text,
 * on the document title when it is orphaned. Each comment carries the note's author, initials and date
 * (`created`), a body led by its stance (`Object: …`, `Object (withdrawn): …`), its replies as threaded
 * replies; resolved and withdrawn notes are marked done.
 */
import { parseIsoDate } from '../core/dates.js';
import type { SpecModel } from '../core/model.js';
import { anchorNote, type Anchor } from '../core/review/anchor.js';
import type { ReviewFile, ReviewNote } from '../core/review/sidecar.js';
import { blocksOf, documentOptions } from './export.js';
import { type CommentMark, type Inline, type Para, paraText } from './model.js';
import { buildPublication, type CostBasis, type RequirementParts } from './publication.js';
import { type CommentSpec, renderDocx } from './render.js';

export interface ReviewInput {
  review: ReviewFile;
  /** Anchors of its notes in this spec; worked out here when not given. */
  anchors?: Map<ReviewNote, Anchor>;
}

/** Where a comment went, for callers that report it. */
export interface PlacedNote {
  note: ReviewNote;
  commentId: number;
  anchor: Anchor;
  /** `quote`: on the quoted words; `heading`: on the requirement's heading; `title`: on the document title. */
  on: 'quote' | 'heading' | 'title';
  requirement?: string;
}

export interface ReviewDocument {
  bytes: Uint8Array;
  notes: PlacedNote[];
}

/** Text normalised as quotes are matched, with the offset in the original of each normalised character. */
function normalised(s: string): { text: string; at: number[] } {
  let text = '';
  const at: number[] = [];
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '*' || c === '_' || c === '`') continue;
    if (/\s/.test(c)) {
      space = true;
      continue;
    }
    if (space && text) {
      text += ' ';
      at.push(i - 1);
    }
    space = false;
    text += c;
    at.push(i);
  }
  return { text, at };
}

export function normaliseQuote(s: string): string {
  return normalised(s).text;
}

interface Span {
  para: Para;
  start: number;
  end: number;
}

/** The quote's place in one of the requirement's paragraphs, searched as the note's `field` says. */
function findQuote(parts: RequirementParts, id: string, quote: string, only: ReviewNote['field']): Span | undefined {
  const q = normaliseQuote(quote);
  if (!q) return undefined;
  const titleFrom = id.length + 2;
  const candidates: { para: Para; from: number }[] = [];
  if (!only || only === 'title') candidates.push({ para: parts.heading, from: titleFrom });
  if (!only || only === 'body') for (const p of parts.prose) candidates.push({ para: p, from: 0 });
  if (!only) for (const p of parts.fields.values()) candidates.push({ para: p, from: 0 });
  else if (only !== 'title' && only !== 'body' && only !== 'workload') {
    const p = parts.fields.get(only.toLowerCase());
    if (p) candidates.push({ para: p, from: 0 });
  }
  for (const c of candidates) {
    const visible = paraText(c.para).slice(c.from);
    const n = normalised(visible);
    const i = n.text.indexOf(q);
    if (i < 0) continue;
    return { para: c.para, start: c.from + n.at[i]!, end: c.from + n.at[i + q.length - 1]! + 1 };
  }
  return undefined;
}

/** Splits the paragraph's runs so that a mark can sit at `offset` (visible characters) and puts it there. */
function insertMark(p: Para, offset: number, mark: CommentMark): void {
  let pos = 0;
  const runs: Inline[] = [];
  let placed = false;
  for (const r of p.runs) {
    const len = r.type === 'text' ? r.text.length : r.type === 'break' ? 1 : 0;
    if (!placed && r.type === 'text' && offset > pos && offset < pos + len) {
      runs.push({ ...r, text: r.text.slice(0, offset - pos) }, mark, { ...r, text: r.text.slice(offset - pos) });
      placed = true;
    } else {
      // At a boundary: an end mark goes after what ends there, a start mark before what starts there.
      if (!placed && offset === pos && (mark.type === 'commentStart' || r.type !== 'commentEnd')) {
        runs.push(mark);
        placed = true;
      }
      runs.push(r);
    }
    pos += len;
  }
  if (!placed) runs.push(mark);
  p.runs = runs;
}

const STANCE_WORD: Record<ReviewNote['stance'], string> = {
  object: 'Object',
  concern: 'Concern',
  question: 'Question',
  support: 'Support',
  comment: 'Comment',
};

/** Paragraphs of a body: blank lines separate them, other whitespace runs become one space. */
export function bodyParagraphs(body: string | undefined): string[] {
  return (body ?? '')
    .split(/\r?\n[ \t]*\r?\n|\r[ \t]*\r/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** The comment's body: the first paragraph led by the stance, `Object (withdrawn):` for a withdrawn note. */
export function commentBody(note: ReviewNote): string[] {
  const lead = `${STANCE_WORD[note.stance] ?? 'Comment'}${note.status === 'withdrawn' ? ' (withdrawn)' : ''}:`;
  const paras = bodyParagraphs(note.body);
  return paras.length ? [`${lead} ${paras[0]}`, ...paras.slice(1)] : [lead];
}

export function initialsOf(name: string): string {
  const words = name.split(/[\s.,;:()/-]+/).filter((w) => /^\p{L}/u.test(w));
  return (words.map((w) => w[0]!.toUpperCase()).join('') || name.trim().slice(0, 2).toUpperCase() || 'R').slice(0, 4);
}

const dateOf = (d: string | undefined) => (d && parseIsoDate(d) ? d : undefined);

/** Comments for every note, placed in the publication's paragraphs (which it changes). */
export function placeNotes(
  spec: SpecModel,
  pub: ReturnType<typeof buildPublication>,
  inputs: ReviewInput[],
): { comments: CommentSpec[]; placed: PlacedNote[] } {
  const comments: CommentSpec[] = [];
  const placed: PlacedNote[] = [];
  const spans: { span: Span; id: number }[] = [];
  let next = 0;
  for (const { review, anchors } of inputs) {
    for (const note of review.notes) {
      const anchor = anchors?.get(note) ?? anchorNote(note, spec);
      const parts = anchor.currentRequirement ? pub.requirements.get(anchor.currentRequirement) : undefined;
      const quoted = parts && anchor.state !== 'stale' && note.quote ? findQuote(parts, anchor.currentRequirement!, note.quote, note.field) : undefined;
      const span: Span =
        quoted ??
        (parts
          ? { para: parts.heading, start: 0, end: paraText(parts.heading).length }
          : { para: pub.titlePara, start: 0, end: paraText(pub.titlePara).length });
      const id = next++;
      const author = note.author ?? review.reviewer ?? 'Reviewer';
      const done = note.status === 'resolved' || note.status === 'withdrawn';
      const date = dateOf(note.created);
      comments.push({ id, author, initials: initialsOf(author), ...(date ? { date } : {}), paragraphs: commentBody(note), ...(done ? { done } : {}) });
      spans.push({ span, id });
      // Word anchors each reply on its note's range too (a comment with no range in the text is dropped).
      for (const reply of note.replies) {
        const who = reply.author ?? author;
        const on = dateOf(reply.created);
        const replyId = next++;
        comments.push({
          id: replyId,
          author: who,
          initials: initialsOf(who),
          ...(on ? { date: on } : {}),
          paragraphs: bodyParagraphs(reply.body),
          parentId: id,
          ...(done ? { done } : {}),
        });
        spans.push({ span, id: replyId });
      }
      placed.push({
        note,
        commentId: id,
        anchor,
        on: quoted ? 'quote' : parts ? 'heading' : 'title',
        ...(anchor.currentRequirement ? { requirement: anchor.currentRequirement } : {}),
      });
    }
  }
  // Marks go in from the end of each paragraph backwards, so earlier offsets stay valid.
  const ordered = spans.flatMap(({ span, id }) => [
    { para: span.para, offset: span.end, mark: { type: 'commentEnd', id } as CommentMark },
    { para: span.para, offset: span.start, mark: { type: 'commentStart', id } as CommentMark },
  ]);
  ordered.sort((a, b) => b.offset - a.offset || (a.mark.type === b.mark.type ? 0 : a.mark.type === 'commentStart' ? 1 : -1));
  for (const m of ordered) insertMark(m.para, m.offset, m.mark);
  return { comments, placed };
}

/** The publication with every note of the given sidecars as a Word comment. */
export function reviewDocx(spec: SpecModel, basis: CostBasis, reviews: ReviewInput[]): ReviewDocument {
  const pub = buildPublication(spec, basis);
  const { comments, placed } = placeNotes(spec, pub, reviews);
  const bytes = renderDocx(blocksOf(pub), { ...documentOptions(spec, pub), comments });
  return { bytes, notes: placed };
}
