/**
 * Changes to a sidecar as text → text, through the `yaml` Document API, so comments, key order and
 * unknown keys survive. A malformed sidecar is never rewritten: every function refuses it.
 */
import { isMap, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import type { NoteStatus, Stance } from './sidecar.js';
import { parseReview } from './sidecar.js';

export class ReviewEditError extends Error {}

export interface NewNote {
  id?: string;
  requirement: string;
  stance: Stance;
  body: string;
  author?: string;
  created: string;
  quote?: string;
  field?: string;
  snapshot?: string;
}

function load(text: string): Document.Parsed {
  const review = parseReview(text);
  if (review.malformed) {
    throw new ReviewEditError(`the review file is malformed (${review.problems[0]?.message ?? 'unknown problem'}); fix it before adding to it`);
  }
  return parseDocument(text, { version: '1.2', schema: 'core', keepSourceTokens: true });
}

function notesOf(doc: Document.Parsed): YAMLSeq {
  let notes = doc.get('notes', true);
  if (!notes) {
    doc.set('notes', doc.createNode([]));
    notes = doc.get('notes', true);
  }
  if (!isSeq(notes)) throw new ReviewEditError('`notes:` is not a list');
  return notes;
}

function noteNode(doc: Document.Parsed, id: string): YAMLMap {
  for (const item of notesOf(doc).items) {
    if (isMap(item) && String(item.get('id')) === id) return item;
  }
  throw new ReviewEditError(`there is no note "${id}" in the review file (it may have been removed meanwhile)`);
}

/** A new sidecar for a spec. */
export function newReviewText(specPath: string, reviewer: string): string {
  const doc = new (parseDocument('').constructor as new (v: unknown) => Document)({ spec: specPath, reviewer, notes: [] });
  return String(doc);
}

/** Adds a note; returns the new text and the note's id (the next free `<prefix>-<n>` when none is given). */
export function addNote(text: string, note: NewNote): { text: string; id: string } {
  const doc = load(text);
  const notes = notesOf(doc);
  const taken = new Set(notes.items.filter(isMap).map((n) => String((n as YAMLMap).get('id'))));
  let id = note.id;
  if (!id || taken.has(id)) {
    let n = notes.items.length + 1;
    while (taken.has(`note-${n}`)) n++;
    id = `note-${n}`;
  }
  const value: Record<string, unknown> = { id, requirement: note.requirement };
  if (note.field) value.field = note.field;
  if (note.quote) value.quote = note.quote;
  if (note.snapshot) value.snapshot = note.snapshot;
  Object.assign(value, { stance: note.stance, status: 'open' });
  if (note.author) value.author = note.author;
  value.created = note.created;
  value.body = note.body;
  notes.add(doc.createNode(value));
  return { text: String(doc), id };
}

export function setStatus(text: string, id: string, status: NoteStatus): string {
  const doc = load(text);
  noteNode(doc, id).set('status', status);
  return String(doc);
}

export function addReply(text: string, id: string, reply: { author?: string; created: string; body: string }): string {
  const doc = load(text);
  const note = noteNode(doc, id);
  let replies = note.get('replies', true);
  if (!replies) {
    note.set('replies', doc.createNode([]));
    replies = note.get('replies', true);
  }
  if (!isSeq(replies)) throw new ReviewEditError(`the replies of note "${id}" are not a list`);
  replies.add(doc.createNode({ ...(reply.author ? { author: reply.author } : {}), created: reply.created, body: reply.body }));
  return String(doc);
}

/** Points a note at the requirement it follows now (quick fix for a reanchored note). */
export function moveNote(text: string, id: string, requirement: string): string {
  const doc = load(text);
  noteNode(doc, id).set('requirement', requirement);
  return String(doc);
}
