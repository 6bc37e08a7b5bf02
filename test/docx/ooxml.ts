/**
 * A small reader of `.docx` files for the tests, independent of the writer: unzip with fflate, parse each
 * part with saxes into a plain element tree (qualified names as written), and read the body as a reader
 * would see it as-is, with every tracked change accepted, or with every change rejected.
 */
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

export interface El {
  name: string;
  attrs: Record<string, string>;
  children: (El | string)[];
}

export function parseXml(xml: string): El {
  const parser = new SaxesParser({ xmlns: false });
  const root: El = { name: '#root', attrs: {}, children: [] };
  const stack: El[] = [root];
  parser.on('opentag', (t) => {
    const el: El = { name: t.name, attrs: { ...(t.attributes as Record<string, string>) }, children: [] };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => void stack[stack.length - 1]!.children.push(t));
  parser.on('cdata', (t) => void stack[stack.length - 1]!.children.push(t));
  parser.write(xml).close();
  return root.children.find((c): c is El => typeof c !== 'string')!;
}

export const kids = (el: El, name?: string): El[] => el.children.filter((c): c is El => typeof c !== 'string' && (!name || c.name === name));
export const kid = (el: El, name: string): El | undefined => kids(el, name)[0];

export function* walk(el: El): Generator<El> {
  yield el;
  for (const c of kids(el)) yield* walk(c);
}

export const all = (el: El, name: string): El[] => [...walk(el)].filter((e) => e.name === name);

export interface Docx {
  files: Record<string, Uint8Array>;
  part(path: string): El | undefined;
  text(path: string): string | undefined;
  document: El;
  body: El;
}

export function readDocx(bytes: Uint8Array): Docx {
  const files = unzipSync(bytes);
  const cache = new Map<string, El>();
  const text = (path: string) => (files[path] ? strFromU8(files[path]) : undefined);
  const part = (path: string) => {
    if (!files[path]) return undefined;
    let el = cache.get(path);
    if (!el) cache.set(path, (el = parseXml(text(path)!)));
    return el;
  };
  const document = part('word/document.xml')!;
  return { files, part, text, document, body: kid(document, 'w:body')! };
}

export type Mode = 'as-is' | 'accept' | 'reject';

interface P {
  text: string;
  /** The paragraph mark goes (deleted and accepted, or inserted and rejected). */
  joins: boolean;
  style?: string;
}

/** Text of a paragraph's content under a mode. */
function inlineText(el: El, mode: Mode, removed = false): string {
  let s = '';
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    const name = c.name;
    if (name === 'w:pPr' || name === 'w:rPr') continue;
    if (name === 'w:del') s += inlineText(c, mode, removed || mode === 'accept');
    else if (name === 'w:ins') s += inlineText(c, mode, removed || mode === 'reject');
    else if (name === 'w:t' || name === 'w:delText') s += removed ? '' : c.children.filter((x) => typeof x === 'string').join('');
    else if (name === 'w:br' || name === 'w:cr') s += removed ? '' : '\n';
    else if (name === 'w:tab') s += removed ? '' : '\t';
    else s += inlineText(c, mode, removed);
  }
  return s;
}

function markGoes(p: El, mode: Mode): boolean {
  const rPr = kid(kid(p, 'w:pPr') ?? { name: '', attrs: {}, children: [] }, 'w:rPr');
  if (!rPr) return false;
  const ins = Boolean(kid(rPr, 'w:ins'));
  const del = Boolean(kid(rPr, 'w:del'));
  if (mode === 'accept') return del;
  if (mode === 'reject') return ins;
  return false;
}

function rowGoes(tr: El, mode: Mode): boolean {
  const trPr = kid(tr, 'w:trPr');
  if (!trPr || mode === 'as-is') return false;
  return Boolean(kid(trPr, mode === 'accept' ? 'w:del' : 'w:ins'));
}

/** Joins paragraphs whose mark goes into the next paragraph, as Word does when the change is accepted or rejected. */
function joinParas(ps: P[]): string[] {
  const out: string[] = [];
  let carry = '';
  for (const p of ps) {
    if (p.joins) {
      carry += p.text;
      continue;
    }
    out.push(carry + p.text);
    carry = '';
  }
  if (carry) out.push(carry);
  return out;
}

/**
 * The body as lines: one per paragraph; a table row as `|` and its cells' text joined by tabs (a cell's
 * paragraphs by `\n`). Under `accept` deleted text, deleted rows and deleted paragraph marks go; under
 * `reject` inserted ones. A paragraph whose mark goes joins the next paragraph; before a table, it stays on
 * its own line unless nothing is left of it.
 */
export function bodyLines(body: El, mode: Mode = 'as-is'): string[] {
  const lines: string[] = [];
  let pending: P[] = [];
  const flush = (beforeTable: boolean) => {
    if (beforeTable) {
      const last = pending[pending.length - 1];
      if (last?.joins) last.joins = false;
      if (last && !last.text && markGoesFlag.has(last)) pending.pop();
    }
    lines.push(...joinParas(pending));
    pending = [];
  };
  const markGoesFlag = new Set<P>();
  for (const el of kids(body)) {
    if (el.name === 'w:p') {
      const p: P = { text: inlineText(el, mode), joins: markGoes(el, mode) };
      if (p.joins) markGoesFlag.add(p);
      pending.push(p);
    } else if (el.name === 'w:tbl') {
      flush(true);
      for (const tr of kids(el, 'w:tr')) {
        if (rowGoes(tr, mode)) continue;
        const cells = kids(tr, 'w:tc').map((tc) => joinParas(kids(tc, 'w:p').map((p) => ({ text: inlineText(p, mode), joins: markGoes(p, mode) }))).join('\n'));
        lines.push('|' + cells.join('\t'));
      }
    }
  }
  flush(false);
  return lines;
}

/** Paragraph style ids of the body's paragraphs, in order (tables' paragraphs left out). */
export function bodyStyles(body: El): string[] {
  return kids(body, 'w:p').map((p) => kid(kid(p, 'w:pPr') ?? { name: '', attrs: {}, children: [] }, 'w:pStyle')?.attrs['w:val'] ?? 'Normal');
}

/** The text of an element (all `w:t` and `w:delText` below it). */
export function textOf(el: El): string {
  return all(el, 'w:t').concat(all(el, 'w:delText')).length
    ? [...walk(el)]
        .filter((e) => e.name === 'w:t' || e.name === 'w:delText')
        .map((e) => e.children.filter((c) => typeof c === 'string').join(''))
        .join('')
    : '';
}

/** Styles by id: `{ type, name }`. */
export function stylesOf(d: Docx): Map<string, { type: string; name: string }> {
  const out = new Map<string, { type: string; name: string }>();
  const styles = d.part('word/styles.xml');
  if (!styles) return out;
  for (const s of kids(styles, 'w:style')) out.set(s.attrs['w:styleId']!, { type: s.attrs['w:type']!, name: kid(s, 'w:name')?.attrs['w:val'] ?? '' });
  return out;
}
