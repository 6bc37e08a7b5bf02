/**
 * From the accepted paragraphs and tables to sections and requirements:
 * - Heading 1 → `##` section, deeper → `###`; a heading `ID: Title` is a requirement, kept as written,
 *   whose body is every block up to the next heading;
 * - any other paragraph holding an obligation (`must`, `shall`, `required to`, `will need to`,
 *   `is/are expected to`) is a requirement; one ending in `:` followed by list paragraphs is a lead-in, and
 *   each of those list items is a requirement whose body is the lead-in's text and then its own;
 * - other blocks are prose of the requirement before them in the same section, else of the section;
 * - a document carrying the `Service Spec Front Matter` table is read back as exported: requirements only
 *   from `ID: Title` headings.
 * Requirement headings sit one level below their section (`##` with no section), never deeper than `####`.
 */
import { REQUIREMENT_ID } from '../core/markdown.js';
import type { Block, Table } from './body.js';
import { findDatePhrase } from './dates.js';
import { assignIds, typedNumber, type IdSource } from './ids.js';
import type { StyleSheet } from './styles.js';

export type BodyPart = { kind: 'para'; text: string } | { kind: 'list'; text: string; level: number } | { kind: 'table'; table: Table };

export interface Req {
  id: string;
  title: string;
  /** From a Word heading `ID: Title`. */
  heading: boolean;
  depth: number;
  /** The requirement's own words: its paragraph (a heading requirement: title and body). */
  ownText: string;
  leadIn?: string;
  body: BodyPart[];
}

export type Item = { kind: 'section'; depth: number; text: string } | { kind: 'prose'; part: BodyPart } | { kind: 'req'; req: Req };

export interface Structure {
  exported: boolean;
  /** Rows of the `Service Spec Front Matter` table (exported documents). */
  frontMatter: [string, string][];
  /** The title paragraph's text (Title style, else the first Heading 1 when the core title is missing). */
  titleText?: string;
  items: Item[];
  requirements: Req[];
  /** Per block: the requirement it belongs to (a lead-in: its first item). */
  owner: (Req | undefined)[];
  /** Per block: characters of a typed number removed from its start. */
  removed: number[];
}

const OBLIGATION = /(?<![\p{L}\p{N}])(?:must|shall|required\s+to|will\s+need\s+to|(?:is|are)\s+expected\s+to)(?![\p{L}\p{N}])/iu;

export function hasObligation(text: string): boolean {
  return OBLIGATION.test(text);
}

export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

type Cls =
  | { role: 'skip' }
  | { role: 'heading'; level: number; text: string }
  | { role: 'title'; text: string }
  | { role: 'para'; text: string; list?: number }
  | { role: 'table'; table: Table };

function classify(blocks: Block[], sheet: StyleSheet): { cls: Cls[]; frontMatter: [string, string][]; exported: boolean } {
  const frontMatter: [string, string][] = [];
  let exported = false;
  const cls = blocks.map((b): Cls => {
    const generated = sheet.generated(b.styleId) ?? (b.kind === 'table' ? sheet.generated(b.paraStyle) : undefined);
    if (b.kind === 'table') {
      if (generated === 'servicespecfrontmatter') {
        exported = true;
        for (const row of b.rows) if (row.length >= 2 && row[0]!.length) frontMatter.push([collapse(row[0]!.join(' ')), collapse(row[1]!.join(' '))]);
      }
      return generated ? { role: 'skip' } : { role: 'table', table: b };
    }
    const text = collapse(b.text);
    if (generated || !text || sheet.isTableOfContents(b)) return { role: 'skip' };
    const level = sheet.headingLevel(b);
    if (level) return { role: 'heading', level, text };
    if (sheet.isTitle(b)) return { role: 'title', text };
    return { role: 'para', text, list: sheet.listLevel(b) };
  });
  return { cls, frontMatter, exported };
}

/** `ID: Title` in a heading. */
export function requirementHeading(text: string): { id: string; title: string } | undefined {
  const m = /^(\S+?)\s*:\s*(.*)$/.exec(text);
  return m && REQUIREMENT_ID.test(m[1]!) && m[2]!.trim() ? { id: m[1]!, title: m[2]!.replace(/#+$/, '').trim() } : undefined;
}

function nextContent(cls: Cls[], i: number): Cls | undefined {
  for (let j = i + 1; j < cls.length; j++) if (cls[j]!.role !== 'skip') return cls[j];
  return undefined;
}

interface Slot {
  source: IdSource;
  req?: Req;
}

export function buildStructure(blocks: Block[], sheet: StyleSheet, coreTitle: string | undefined, prefix: (title: string | undefined) => string): Structure {
  const { cls, frontMatter, exported } = classify(blocks, sheet);
  const firstTitle = cls.findIndex((c) => c.role === 'title');
  const firstH1 = cls.findIndex((c) => c.role === 'heading' && c.level === 1 && !requirementHeading(c.text));
  const fmTitle = frontMatter.find(([k]) => k.toLowerCase() === 'title')?.[1];
  const titleIndex = firstTitle >= 0 ? firstTitle : !coreTitle && !fmTitle ? firstH1 : -1;
  const titleCls = cls[titleIndex];
  const titleText = titleCls && (titleCls.role === 'title' || titleCls.role === 'heading') ? titleCls.text : undefined;
  const s: Structure = { exported, frontMatter, titleText, items: [], requirements: [], owner: blocks.map(() => undefined), removed: blocks.map(() => 0) };
  const slots: Slot[] = [];
  const walk = walker(s, slots, exported);
  cls.forEach((c, i) => {
    walk(c, i, i === titleIndex, nextContent(cls, i));
  });
  const ids = assignIds(
    slots.map((x) => x.source),
    prefix(coreTitle ?? fmTitle ?? titleText),
  );
  slots.forEach((slot, i) => {
    if (slot.req) slot.req.id = ids[i]!;
  });
  return s;
}

function newReq(s: Structure, section: number | undefined, fields: Partial<Req> & { title: string; ownText: string }): Req {
  const req: Req = { id: '', heading: false, depth: Math.min(section ? section + 1 : 2, 4), body: [], ...fields };
  s.requirements.push(req);
  s.items.push({ kind: 'req', req });
  return req;
}

/** The per-block step of the walk, closing over its state (section, current requirement, lead-in). */
function walker(s: Structure, slots: Slot[], exported: boolean) {
  let section: number | undefined;
  let current: Req | undefined;
  let leadIn: { slot: number; text: string; block: number; level?: number; items: number } | undefined;
  const prose = (part: BodyPart, i: number) => {
    s.owner[i] = current;
    if (current) current.body.push(part);
    else s.items.push({ kind: 'prose', part });
  };
  return (c: Cls, i: number, isTitle: boolean, next: Cls | undefined): void => {
    if (c.role === 'skip') {
      s.owner[i] = current;
      return;
    }
    if (isTitle) return;
    if (leadIn && !(c.role === 'para' && c.list !== undefined && c.list >= (leadIn.level ?? c.list))) leadIn = undefined;
    if (c.role === 'heading') {
      const rh = requirementHeading(c.text);
      if (rh) {
        current = newReq(s, section, { title: rh.title, ownText: rh.title, heading: true });
        slots.push({ source: { kind: 'fixed', id: rh.id }, req: current });
        s.owner[i] = current;
      } else {
        section = c.level === 1 ? 2 : 3;
        current = undefined;
        s.items.push({ kind: 'section', depth: section, text: c.text.replace(/#+$/, '').trim() });
      }
      return;
    }
    if (c.role === 'table') {
      prose({ kind: 'table', table: c.table }, i);
      return;
    }
    const text = c.text;
    if (current?.heading || exported) {
      if (current?.heading) current.ownText += ` ${text}`;
      prose(c.role === 'para' && c.list !== undefined ? { kind: 'list', text, level: c.list } : { kind: 'para', text }, i);
      return;
    }
    if (leadIn && c.role === 'para' && c.list !== undefined) {
      leadIn.level ??= c.list;
      if (c.list === leadIn.level) {
        leadIn.items++;
        current = newReq(s, section, {
          title: shortTitle(text),
          ownText: text,
          leadIn: leadIn.text,
          body: [
            { kind: 'para', text: leadIn.text },
            { kind: 'para', text },
          ],
        });
        slots.push({ source: { kind: 'item', leadIn: leadIn.slot, k: leadIn.items }, req: current });
        if (leadIn.items === 1) s.owner[leadIn.block] = current;
        s.owner[i] = current;
        return;
      }
      prose({ kind: 'list', text, level: c.list - leadIn.level - 1 }, i);
      return;
    }
    if (c.role === 'para' && hasObligation(text)) {
      const typed = typedNumber(text);
      const own = typed ? collapse(typed.rest) : text;
      if (typed) s.removed[i] = typed.removed;
      const source: IdSource = typed ? { kind: 'typed', number: typed.number } : { kind: 'auto' };
      const startsList = next?.role === 'para' && next.list !== undefined && (c.list === undefined || next.list > c.list);
      if (own.endsWith(':') && startsList) {
        slots.push({ source });
        leadIn = { slot: slots.length - 1, text: own, block: i, items: 0 };
        current = undefined;
        return;
      }
      current = newReq(s, section, { title: shortTitle(own), ownText: own, body: [{ kind: 'para', text: own }] });
      slots.push({ source, req: current });
      s.owner[i] = current;
      return;
    }
    prose(c.role === 'para' && c.list !== undefined ? { kind: 'list', text, level: c.list } : { kind: 'para', text }, i);
  };
}

const TRAILING = new Set([
  'a',
  'an',
  'and',
  'or',
  'of',
  'to',
  'the',
  'for',
  'in',
  'on',
  'with',
  'by',
  'at',
  'from',
  'as',
  'its',
  'their',
  'be',
  'is',
  'are',
  'it',
  'each',
  'every',
  'all',
]);
const CLAUSE = /[,;:](?!\d)|[!?()\u2013\u2014]|\.(?:\s|$)|\s-\s/;
const CLAUSE_WORDS = new Set(['which', 'that', 'who', 'whose', 'where', 'when', 'unless', 'if', 'so']);
const MAX_WORDS = 10;

/**
 * A short title from a requirement's own words: what follows the obligation (the subject before it when
 * that is a passive "be …"), up to the first clause break or date phrase, at most ten words.
 */
export function shortTitle(text: string): string {
  const clean = collapse(text);
  const m = OBLIGATION.exec(clean);
  const clause = (t: string) => collapse(t.split(CLAUSE)[0] ?? '');
  let phrase = m ? clause(clean.slice(m.index + m[0].length)) : '';
  if (m && /^be\s/i.test(phrase)) {
    const subject = clause(clean.slice(0, m.index));
    if (subject.split(' ').length >= 2) phrase = subject;
  }
  if (phrase.split(' ').filter(Boolean).length < 2) phrase = clause(clean);
  const date = findDatePhrase(phrase);
  if (date && phrase.slice(0, date.index).trim().split(' ').length >= 2) phrase = phrase.slice(0, date.index).trim();
  let words = phrase.split(' ').filter(Boolean);
  const cut = words.findIndex((w, i) => i >= 3 && CLAUSE_WORDS.has(w.toLowerCase()));
  if (cut > 0) words = words.slice(0, cut);
  words = words.slice(0, MAX_WORDS);
  while (words.length > 1 && TRAILING.has(words[words.length - 1]!.toLowerCase())) words.pop();
  const title = words
    .join(' ')
    .replace(/[#*_`[\]<>]+/g, '')
    .trim();
  return title ? title[0]!.toUpperCase() + title.slice(1) : 'Requirement';
}
