/**
 * One-line histories of a requirement, for hovers and reports:
 * `2019-12-draft EHCH-3 → 2020-02-revised EHCH-3 (modified: deadline +30 days) → 2020-03-final EHCH-3 (unchanged); 2 objections: 2 changed`.
 */
import type { FieldChange } from '../diff/diff.js';
import { buildLedger } from './build.js';
import type { HistoryEntry, Ledger, LedgerNote, LedgerThread, LedgerVersionInput, Outcome } from './types.js';

const ratingOf = (s: string | null) => /^(green|amber|red)\s*:/i.exec(s ?? '')?.[1]?.toLowerCase() ?? null;

/** A field change in a few words: `deadline +183 days`, `funding +arrs −none`, `rating red → amber`, `text`. */
export function describeField(f: FieldChange): string {
  switch (f.field) {
    case 'Deadline':
      if (f.days !== undefined) return `deadline ${f.days >= 0 ? '+' : '−'}${Math.abs(f.days)} day${Math.abs(f.days) === 1 ? '' : 's'}`;
      return `deadline ${f.old ?? 'none'} → ${f.new ?? 'none'}`;
    case 'Funding':
    case 'Depends on':
      return `${f.field.toLowerCase()} ${[...(f.added ?? []).map((x) => `+${x}`), ...(f.removed ?? []).map((x) => `−${x}`)].join(' ')}`;
    case 'Deliverability': {
      const a = ratingOf(f.old);
      const b = ratingOf(f.new);
      return a !== b ? `rating ${a ?? 'none'} → ${b ?? 'none'}` : 'deliverability';
    }
    default:
      return f.field.toLowerCase();
  }
}

/** What an entry's change was, with its details: `renumbered`, `modified, moved: deadline +30 days, text`. */
export function describeEntry(e: HistoryEntry): string {
  const kinds: string[] = [e.change];
  if (e.moved && e.change !== 'moved') kinds.push('moved');
  if (e.change === 'renumbered' && e.fields.length) kinds.push('modified');
  const fields = e.fields.map(describeField);
  return fields.length ? `${kinds.join(', ')}: ${fields.join(', ')}` : kinds.join(', ');
}

function entryText(e: HistoryEntry, first: boolean, ledger?: Pick<Ledger, 'versions'>): string {
  const version = e.version ?? ledger?.versions[e.versionIndex]?.version ?? ledger?.versions[e.versionIndex]?.path ?? null;
  if (e.change === 'removed') return e.version === null ? `${version ?? 'next version'} removed (spec gone)` : `${version} removed`;
  const head = `${version ?? '(no version)'} ${e.id}`;
  return first && e.change === 'present' ? head : `${head} (${describeEntry(e)})`;
}

const PHRASE: Record<Outcome, [string, string]> = {
  changed: ['its text changed', 'its requirement changed'],
  unchanged: ['its text unchanged', 'its requirement unchanged'],
  removed: ['its requirement removed', 'its requirement removed'],
  unanchored: ['unanchored', 'unanchored'],
};

function countsText(notes: LedgerNote[]): string {
  const order: Outcome[] = ['changed', 'unchanged', 'removed', 'unanchored'];
  return order
    .map((o) => [o, notes.filter((n) => n.outcome === o).length] as const)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => `${n} ${o}`)
    .join(', ');
}

function notesText(notes: LedgerNote[]): string {
  if (!notes.length) return '';
  const objections = notes.filter((n) => n.stance === 'object');
  const others = notes.length - objections.length;
  const parts: string[] = [];
  if (objections.length === 1) parts.push(`1 objection, ${PHRASE[objections[0]!.outcome][objections[0]!.quote?.trim() ? 0 : 1]}`);
  else if (objections.length > 1) parts.push(`${objections.length} objections: ${countsText(objections)}`);
  if (others) {
    const label = objections.length ? `${others} other note${others === 1 ? '' : 's'}` : `${others} note${others === 1 ? '' : 's'}`;
    parts.push(`${label}: ${countsText(notes.filter((n) => n.stance !== 'object'))}`);
  }
  return `; ${parts.join('; ')}`;
}

/**
 * A requirement's history in one line, then what became of the notes on it. `ledger` (optional) names the
 * versions of entries whose spec has no front-matter version.
 */
export function historyLine(thread: LedgerThread, ledger?: Pick<Ledger, 'versions'>): string {
  return thread.history.map((e, i) => entryText(e, i === 0, ledger)).join(' → ') + notesText(thread.notes);
}

/** The thread holding requirement `id` of spec `spec` in ledger version `versionIndex` (default: the last). */
export function findThread(ledger: Ledger, spec: string, id: string, versionIndex = ledger.versions.length - 1): LedgerThread | undefined {
  return ledger.threads.find((t) => t.spec === spec && t.history.some((e) => e.versionIndex === versionIndex && e.id === id));
}

/**
 * For a hover: the one-line history of requirement `id` of spec `spec` in the last of `chain` (the versions a
 * spec supersedes, oldest first, each with its sidecars), or undefined when the last version has no such
 * requirement.
 */
export function requirementHistory(chain: LedgerVersionInput[], spec: string, id: string): string | undefined {
  if (!chain.length) return undefined;
  const ledger = buildLedger(chain);
  const thread = findThread(ledger, spec, id);
  return thread ? historyLine(thread, ledger) : undefined;
}
