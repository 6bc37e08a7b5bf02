/** What the page's parts share: the reader's choices kept across renders, the handlers, labels and money. */
import { formatMoney } from '../../server/src/core/estimator/estimate.js';
import type { Session } from './session.js';
import type { NoteView, SpecGroup, SpecView } from './views.js';

export type Filter = 'all' | 'findings' | 'notes' | 'lacking';
export type DownloadKind = 'spec' | 'notes' | 'review' | 'publication' | 'redline';

/** What the reader chose, kept across renders. */
export interface UiState {
  /** Group key → the file of the version shown. */
  version: Map<string, string>;
  /** Group key → the two versions compared (files), when the comparison is open. */
  compare: Map<string, { from: string; to: string }>;
  filter: Map<string, Filter>;
  showUnchanged: Set<string>;
  /** Form id → the problem with what was entered. */
  errors: Map<string, string>;
  /** Ids of open forms (add a note, reply). */
  open: Set<string>;
}

export interface Handlers {
  session: Session;
  download(kind: DownloadKind, group: SpecGroup, spec: SpecView): void;
  rerender(): void;
  /** Adds a note to requirement `req` of the spec at `specFile` (the current view is looked up then). */
  addNote(specFile: string, req: string, form: { stance: string; quote: string; body: string }, formId: string): void;
  reply(note: NoteView, body: string, formId: string): void;
  setStatus(note: NoteView, status: 'open' | 'resolved' | 'withdrawn'): void;
}

export const STANCE_LABEL: Record<string, string> = { object: 'Object', concern: 'Concern', question: 'Question', support: 'Support', comment: 'Comment' };

export function versionLabel(v: SpecView): string {
  return `${v.version ?? v.shown}${v.published ? ` (published ${v.published})` : ''}`;
}

export const money = (v: number) => formatMoney(v);
/** `+£1,200`, `−£300`, `£0` (less than 50p either way). */
export const signed = (v: number) => (Math.abs(v) < 0.5 ? '£0' : v > 0 ? `+${formatMoney(v)}` : formatMoney(v));
