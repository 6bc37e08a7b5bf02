/**
 * Review notes for the editor's comment threads: every note on a spec with where it is anchored now, the
 * requirement at the cursor, and the writes (add a note, reply, set a status), each through the host's
 * atomic sidecar writer. A sidecar open in the editor is not written behind its back.
 */
import * as path from 'node:path';
import { snapshotOf } from '../core/review/anchor.js';
import { addNote as addNoteText, addReply, newReviewText, setStatus as setStatusText } from '../core/review/edit.js';
import type { AnchorState } from '../core/review/anchor.js';
import type { NoteStatus, Reply, Stance } from '../core/review/sidecar.js';
import type { Range } from '../core/text.js';
import { REVIEW_SUFFIX } from '../project/project.js';
import { ServiceError, type ServiceHost } from './host.js';
import type { ServiceWorkspace } from './workspace.js';

export interface ReviewThread {
  /** The sidecar holding the note. */
  sidecar: string;
  reviewer: string | null;
  id: string;
  requirement: string;
  currentRequirement: string | null;
  anchor: AnchorState;
  stance: Stance;
  status: NoteStatus;
  author: string | null;
  created: string | null;
  body: string;
  quote: string | null;
  replies: Reply[];
  /** The heading of the requirement it is anchored to now (the start of the spec when none). */
  range: Range;
}

export function threads(ws: ServiceWorkspace, file: string): ReviewThread[] {
  const model = ws.specModel(file);
  if (!model) return [];
  return ws.reviewsOf(file).flatMap((r) =>
    r.review.notes.map((n) => {
      const a = r.anchors.get(n)!;
      const req = model.requirements.find((x) => x.id === (a.currentRequirement ?? n.requirement));
      return {
        sidecar: r.file,
        reviewer: r.review.reviewer ?? null,
        id: n.id,
        requirement: n.requirement,
        currentRequirement: a.currentRequirement ?? null,
        anchor: a.state,
        stance: n.stance,
        status: n.status,
        author: n.author ?? null,
        created: n.created ?? null,
        body: n.body ?? '',
        quote: n.quote ?? null,
        replies: n.replies,
        range: req ? req.headingRange : { start: 0, end: 0 },
      };
    }),
  );
}

/** The requirement the offset is in (its heading or body), for "Add review note". */
export function requirementAt(ws: ServiceWorkspace, file: string, offset: number): { id: string; title: string } | undefined {
  const model = ws.modelOf(file);
  const req = model?.requirements.filter((r) => r.headingRange.start <= offset).pop();
  return req && offset <= Math.max(req.range.end, req.headingRange.end) ? { id: req.id, title: req.title } : undefined;
}

export interface NewNoteRequest {
  requirement: string;
  stance: Stance;
  body: string;
  author?: string;
  reviewer?: string;
  quote?: string;
}

/** Adds a note to the spec's sidecar in its folder (created next to the spec when there is none). */
export function addNote(ws: ServiceWorkspace, host: ServiceHost, specFile: string, note: NewNoteRequest): { sidecar: string; id: string } {
  const model = ws.specModel(specFile);
  const req = model?.requirements.find((r) => r.id === note.requirement);
  if (!ws.onDisk(specFile)) throw new ServiceError('save the spec first: review notes are kept in a file next to it');
  if (!model || !req) throw new ServiceError(`${note.requirement} is not a requirement of this spec`);
  const existing = ws.reviewsOf(specFile).find((r) => path.dirname(r.file) === path.dirname(specFile));
  const sidecar = existing?.file ?? specFile.replace(/\.spec\.md$/, '') + REVIEW_SUFFIX;
  let id = '';
  const change = (text: string) => {
    const created = host.today();
    const r = addNoteText(text, { ...note, created, snapshot: note.quote ? undefined : snapshotOf(req) });
    id = r.id;
    return r.text;
  };
  write(ws, host, sidecar, change, newReviewText(path.basename(specFile), note.reviewer ?? 'Reviewer'));
  return { sidecar, id };
}

export function reply(ws: ServiceWorkspace, host: ServiceHost, sidecar: string, id: string, body: string, author?: string): void {
  write(ws, host, sidecar, (text) => addReply(text, id, { author, created: host.today(), body }));
}

export function setStatus(ws: ServiceWorkspace, host: ServiceHost, sidecar: string, id: string, status: NoteStatus): void {
  write(ws, host, sidecar, (text) => setStatusText(text, id, status));
}

function write(ws: ServiceWorkspace, host: ServiceHost, sidecar: string, change: (text: string) => string, initial?: string): void {
  if (!ws.onDisk(sidecar) || !sidecar.endsWith(REVIEW_SUFFIX)) throw new ServiceError(`${sidecar} is not a review file`);
  if (ws.documents.get(sidecar)) throw new ServiceError(`${path.basename(sidecar)} is open with unsaved changes in the editor; save or close it first`);
  try {
    host.updateSidecar(sidecar, change, initial);
  } catch (e) {
    throw new ServiceError((e as Error).message);
  } finally {
    ws.fileChanged(sidecar);
  }
}
