/**
 * What the page's buttons do, without the DOM: notes added, replied to and resolved (as text → text edits
 * of the sidecar, through core/review/edit.ts), the files to download (the spec and its sidecars as
 * Markdown and YAML; the Word publication, review and redline from server/src/docx), the comparison of two
 * versions (core/diff) and the ledger of three or more (core/ledger).
 */
import { diffSpecs, summarise, type DiffSummary, type SpecDiff } from '../../server/src/core/diff/diff.js';
import { buildLedger, type Ledger, type LedgerVersionInput } from '../../server/src/core/ledger/index.js';
import { normalise, searchText } from '../../server/src/core/review/anchor.js';
import { addNote, addReply, newReviewText, setStatus } from '../../server/src/core/review/edit.js';
import { STANCES, type NoteStatus, type Stance } from '../../server/src/core/review/sidecar.js';
import { exportDocx } from '../../server/src/docx/export.js';
import { redlineDocx } from '../../server/src/docx/redline.js';
import { reviewDocx } from '../../server/src/docx/review.js';
import { ReadError } from '../../server/src/project/host.js';
import { REVIEW_SUFFIX, SPEC_SUFFIX } from '../../server/src/project/project.js';
import * as path from './path.js';
import type { Session } from './session.js';
import type { NoteView, SpecGroup, SpecView } from './views.js';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A file for the reader to save. */
export interface Download {
  name: string;
  type: string;
  data: Uint8Array | string;
}

/** A problem the reader can fix (an empty note, a quote not in the requirement): shown, never thrown further. */
export class ActionError extends Error {}

/** Today as YYYY-MM-DD in the reader's time zone. */
export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The spec's file name without `.spec.md`. */
export function baseName(spec: SpecView): string {
  return spec.name.endsWith(SPEC_SUFFIX) ? spec.name.slice(0, -SPEC_SUFFIX.length) : spec.name;
}

export interface NewNoteInput {
  requirement: string;
  stance: Stance;
  body: string;
  quote?: string;
  author?: string;
}

/**
 * Adds a note to the spec's sidecar: the one whose reviewer is the author, else its first well-formed one,
 * else a new `NAME.review.yaml` beside it. Returns the sidecar's path and the note's id.
 */
export function addNoteTo(session: Session, spec: SpecView, input: NewNoteInput, date = today()): { sidecar: string; id: string } {
  const body = input.body.trim();
  if (!body) throw new ActionError('Write the note first: it is empty.');
  if (!STANCES.includes(input.stance)) throw new ActionError(`Choose a stance: ${STANCES.join(', ')}.`);
  const req = spec.model.requirements.find((r) => r.id === input.requirement);
  if (!req) throw new ActionError(`There is no requirement ${input.requirement} in ${spec.shown}.`);
  const quote = input.quote?.trim() ? normalise(input.quote) : undefined;
  if (quote && !searchText(spec.model, req).includes(quote))
    throw new ActionError(`The quote is not in the text of ${req.id}; copy words from the requirement, or leave the quote empty.`);
  const author = input.author?.trim() || undefined;
  const editable = spec.sidecars.filter((s) => !s.malformed);
  const own = editable.find((s) => author && s.reviewer === author) ?? editable[0];
  const sidecar = own?.file ?? freeSidecarName(session, spec);
  let id = '';
  const create = own ? undefined : { text: newReviewText(spec.name, author ?? 'Reviewer'), shownAs: path.basename(sidecar) };
  session.editSidecar(
    sidecar,
    (text) => {
      const r = addNote(text, { requirement: req.id, stance: input.stance, body, created: date, ...(author ? { author } : {}), ...(quote ? { quote } : {}) });
      id = r.id;
      return r.text;
    },
    create,
  );
  return { sidecar, id };
}

function freeSidecarName(session: Session, spec: SpecView): string {
  const dir = path.dirname(spec.file);
  const base = baseName(spec);
  let name = path.join(dir, `${base}${REVIEW_SUFFIX}`);
  for (let n = 2; session.host.isFile(name); n++) name = path.join(dir, `${base}-${n}${REVIEW_SUFFIX}`);
  return name;
}

export function replyTo(session: Session, note: NoteView, body: string, author?: string, date = today()): void {
  if (!note.editable) throw new ActionError(`${note.sidecarShown} is malformed; fix it before replying to its notes.`);
  if (!body.trim()) throw new ActionError('Write the reply first: it is empty.');
  const who = author?.trim();
  session.editSidecar(note.sidecar, (text) => addReply(text, note.id, { ...(who ? { author: who } : {}), created: date, body: body.trim() }));
}

export function setNoteStatus(session: Session, note: NoteView, status: NoteStatus): void {
  if (!note.editable) throw new ActionError(`${note.sidecarShown} is malformed; fix it before changing its notes.`);
  session.editSidecar(note.sidecar, (text) => setStatus(text, note.id, status));
}

const basis = (spec: SpecView) => ({ config: spec.loaded.config, profile: spec.loaded.profile });

/** **Download spec**: the spec's Markdown (an imported Word document's, or the file as opened) and its sidecars. */
export function specFiles(session: Session, spec: SpecView): Download[] {
  // The file's own text (a byte order mark kept); an imported document's is the import's.
  const out: Download[] = [{ name: spec.name, type: 'text/markdown', data: session.host.files.get(spec.file) ?? spec.model.text }];
  for (const s of spec.sidecars) out.push({ name: path.basename(s.file), type: 'application/yaml', data: session.host.files.get(s.file) ?? '' });
  return out;
}

/** **Download notes**: the sidecars alone (the notes as edited in the page). */
export function sidecarFiles(session: Session, spec: SpecView): Download[] {
  return spec.sidecars.map((s) => ({ name: path.basename(s.file), type: 'application/yaml', data: session.host.files.get(s.file) ?? '' }));
}

/** **Download publication**: the spec as a Word document, costed under the active profile. */
export function publication(spec: SpecView): Download {
  return { name: `${baseName(spec)}.docx`, type: DOCX_TYPE, data: exportDocx(spec.model, basis(spec)) };
}

/** **Download review**: the publication with every note of the spec's sidecars as a Word comment. */
export function reviewDocument(session: Session, spec: SpecView): Download {
  const reviews = session
    .project()
    .reviewsFor(spec.file, session.project().rootFor(spec.file, '/w'))
    .map((r) => ({ review: r.review, anchors: r.anchors }));
  return { name: `${baseName(spec)}.review.docx`, type: DOCX_TYPE, data: reviewDocx(spec.model, basis(spec), reviews).bytes };
}

/** **Download redline**: NEW's publication with tracked changes against OLD's. */
export function redline(older: SpecView, newer: SpecView, author?: string): Download {
  const bytes = redlineDocx(older.model, newer.model, basis(older), basis(newer), { author: author?.trim() || 'service-spec' });
  return { name: `${baseName(newer)}.redline.docx`, type: DOCX_TYPE, data: bytes };
}

/** **Compare**: the version diff of two versions, each costed under its own configuration. */
export function compare(older: SpecView, newer: SpecView): { diff: SpecDiff; summary: DiffSummary } {
  const diff = diffSpecs(older.model, newer.model, older.loaded.config, newer.loaded.config);
  return { diff, summary: summarise([diff]) };
}

/** The ledger of a spec's versions (three or more), oldest first, with the notes written against each. */
export function ledgerOf(session: Session, group: SpecGroup): Ledger {
  const versions: LedgerVersionInput[] = group.versions.map((v) => ({
    path: v.version ?? v.shown,
    specs: [{ file: v.shown, model: v.model, config: v.loaded.config }],
    sidecars: v.sidecars
      .filter((s) => !s.malformed)
      .flatMap((s) => {
        const review = session.project().review(s.file);
        return review instanceof ReadError ? [] : [{ file: s.shown, review, spec: 0 }];
      }),
  }));
  return buildLedger(versions);
}
