/**
 * Requirement ids for an imported document, in document order:
 * - a heading `ID: Title` keeps its id;
 * - a typed number at the start of a paragraph (`2.1`, `2.1.`) gives `PREFIX-2.1`;
 * - a list item under a lead-in gets the lead-in's id plus `.k` (k = its 1-based position);
 * - anything else (an unnumbered lead-in included) gets `PREFIX-N`, N the smallest positive integer that
 *   is not the first number of any id in the document nor already given.
 */
import { MONTH } from './dates.js';

export type IdSource =
  | { kind: 'fixed'; id: string }
  | { kind: 'typed'; number: string }
  | { kind: 'auto' }
  /** Item k (1-based) of the lead-in at index `leadIn` of the same list. */
  | { kind: 'item'; leadIn: number; k: number };

/** The first number of an id (`EHCH-3.1` → 3, typed `2.1` → 2). */
export function firstNumber(id: string): number | undefined {
  const m = /(?:^|-)(\d+)(?:\.\d+)*$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

/** Ids for each source, same order. Deterministic: the same sources always give the same ids. */
export function assignIds(sources: readonly IdSource[], prefix: string): string[] {
  const taken = new Set<number>();
  for (const s of sources) {
    const n = s.kind === 'fixed' ? firstNumber(s.id) : s.kind === 'typed' ? firstNumber(s.number) : undefined;
    if (n !== undefined) taken.add(n);
  }
  let next = 1;
  const ids: string[] = [];
  for (const s of sources) {
    if (s.kind === 'fixed') ids.push(s.id);
    else if (s.kind === 'typed') ids.push(`${prefix}-${s.number}`);
    else if (s.kind === 'item') ids.push(`${ids[s.leadIn] ?? `${prefix}-0`}.${s.k}`);
    else {
      while (taken.has(next)) next++;
      taken.add(next);
      ids.push(`${prefix}-${next}`);
    }
  }
  return ids;
}

const TYPED = /^\s*(\d{1,3}(?:\.\d{1,3})*)(\.?)\s+/;
const DATE_AFTER = new RegExp(String.raw`^\s*\d{1,3}\.?\s+${MONTH}(?:\s|$|,)`, 'iu');

/**
 * A typed number at the start of a paragraph: `2.1 The network…`, `3. The network…`, `4 The network…`
 * (a bare whole number only before a capital, so "3 care homes…" stays text). A number followed by a
 * month name (`1 April 2020, …`) is a date, not a number. Returns the number and the text after it.
 */
export function typedNumber(text: string): { number: string; rest: string; removed: number } | undefined {
  if (DATE_AFTER.test(text)) return undefined;
  const m = TYPED.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m[0].length);
  if (!rest.trim()) return undefined;
  if (!m[1]!.includes('.') && !m[2] && !/^\p{Lu}/u.test(rest)) return undefined;
  return { number: m[1]!, rest, removed: m[0].length };
}

const STOP = new Set(['a', 'an', 'and', 'for', 'in', 'of', 'on', 'the', 'to', 'with']);

/** Upper-cased initials of the title's words, skipping small words ("Enhanced Health in Care Homes" → EHCH). */
export function prefixFromTitle(title: string | undefined): string {
  const words = (title ?? '').split(/[^A-Za-z0-9]+/).filter((w) => w && !STOP.has(w.toLowerCase()));
  const prefix = words.map((w) => w[0]!.toUpperCase()).join('');
  return /^[A-Z][A-Z0-9]*$/.test(prefix) ? prefix : 'REQ';
}

/** The title in kebab-case: ASCII letters and digits, other runs → `-`. */
export function kebab(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
