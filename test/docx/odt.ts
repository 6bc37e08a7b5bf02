/**
 * What LibreOffice made of a document: the `content.xml` of the `.odt` it converted it to, read as lines
 * (paragraphs; table rows as `|cell\tcell`) as-is (changes accepted: ODF keeps deleted text out of the
 * body) or with every tracked change rejected (inserted ranges dropped, deleted content put back at its
 * change point), plus its comments. Independent of the writer and of the OOXML reader.
 */
import { type El, kids, parseXml } from './ooxml.js';

type Token = { t: 'text'; s: string } | { t: 'break' } | { t: 'row' } | { t: 'cell' } | { t: 'tend' } | { t: 'start' | 'end' | 'point'; id: string };

export interface Odt {
  body: El;
  /** Changed regions by id: `insertion` or `deletion` (with the deleted paragraphs). */
  regions: Map<string, { kind: string; creator: string; date: string; content: El[] }>;
  annotations: { creator: string; date: string; initials: string; resolved: string | undefined; text: string; parent: string | undefined }[];
}

const textOf = (el: El): string =>
  el.children
    .map((c) => {
      if (typeof c === 'string') return c;
      if (c.name === 'text:s') return ' '.repeat(Number(c.attrs['text:c'] ?? 1));
      if (c.name === 'text:line-break') return '\n';
      if (c.name === 'text:tab') return '\t';
      if (c.name === 'office:annotation' || c.name === 'text:note') return '';
      return textOf(c);
    })
    .join('');

export function readOdt(contentXml: string): Odt {
  const root = parseXml(contentXml);
  const body = kids(kids(root, 'office:body')[0]!, 'office:text')[0]!;
  const regions = new Map<string, { kind: string; creator: string; date: string; content: El[] }>();
  for (const tc of kids(body, 'text:tracked-changes'))
    for (const r of kids(tc, 'text:changed-region')) {
      const change = kids(r)[0]!;
      const info = kids(change, 'office:change-info')[0]!;
      regions.set(r.attrs['text:id'] ?? r.attrs['xml:id']!, {
        kind: change.name.replace('text:', ''),
        creator: textOf(kids(info, 'dc:creator')[0]!),
        date: textOf(kids(info, 'dc:date')[0]!),
        content: kids(change).filter((c) => c.name !== 'office:change-info'),
      });
    }
  const annotations: Odt['annotations'] = [];
  const visit = (el: El) => {
    for (const c of kids(el)) {
      if (c.name === 'office:annotation') {
        const one = (n: string) => kids(c, n)[0];
        annotations.push({
          creator: one('dc:creator') ? textOf(one('dc:creator')!) : '',
          date: one('dc:date') ? textOf(one('dc:date')!) : '',
          initials: one('meta:creator-initials') ? textOf(one('meta:creator-initials')!) : '',
          resolved: c.attrs['loext:resolved'],
          text: kids(c, 'text:p').map(textOf).join('\n'),
          parent: c.attrs['loext:parent-name'],
        });
      } else visit(c);
    }
  };
  visit(body);
  return { body, regions, annotations };
}

function tokens(el: El, out: Token[]): void {
  for (const c of el.children) {
    if (typeof c === 'string') {
      out.push({ t: 'text', s: c });
      continue;
    }
    switch (c.name) {
      case 'text:tracked-changes':
      case 'text:sequence-decls':
      case 'office:annotation':
      case 'office:forms':
        break;
      case 'text:p':
      case 'text:h':
        tokens(c, out);
        out.push({ t: 'break' });
        break;
      case 'text:s':
        out.push({ t: 'text', s: ' '.repeat(Number(c.attrs['text:c'] ?? 1)) });
        break;
      case 'text:line-break':
        out.push({ t: 'text', s: '\n' });
        break;
      case 'text:tab':
        out.push({ t: 'text', s: '\t' });
        break;
      case 'text:change-start':
        out.push({ t: 'start', id: c.attrs['text:change-id']! });
        break;
      case 'text:change-end':
        out.push({ t: 'end', id: c.attrs['text:change-id']! });
        break;
      case 'text:change':
        out.push({ t: 'point', id: c.attrs['text:change-id']! });
        break;
      case 'table:table':
        tokens(c, out);
        out.push({ t: 'tend' });
        break;
      case 'table:table-row':
        out.push({ t: 'row' });
        tokens(c, out);
        break;
      case 'table:table-cell':
        out.push({ t: 'cell' });
        tokens(c, out);
        break;
      default:
        tokens(c, out);
    }
  }
}

/** Body lines with every change accepted (as LibreOffice keeps the text) or rejected. */
export function odtLines(odt: Odt, mode: 'accept' | 'reject'): string[] {
  const raw: Token[] = [];
  tokens(odt.body, raw);
  const toks: Token[] = [];
  let skipping: string | undefined;
  for (const tok of raw) {
    if (mode === 'reject' && tok.t === 'start' && odt.regions.get(tok.id)?.kind === 'insertion') skipping = tok.id;
    else if (tok.t === 'end' && tok.id === skipping) skipping = undefined;
    else if (skipping && tok.t !== 'row' && tok.t !== 'cell' && tok.t !== 'tend') continue;
    else if (mode === 'reject' && tok.t === 'point' && odt.regions.get(tok.id)?.kind === 'deletion') {
      odt.regions.get(tok.id)!.content.forEach((p, i) => {
        if (i) toks.push({ t: 'break' });
        toks.push({ t: 'text', s: textOf(p) });
      });
    } else toks.push(tok);
  }
  // Lines: paragraphs outside tables; in a table, one line per row with its cells.
  const lines: string[] = [];
  let para = '';
  let row: string[] | undefined;
  let cell: string[] | undefined;
  const endRow = () => {
    if (row) lines.push('|' + row.join('\t'));
    row = undefined;
    cell = undefined;
  };
  for (const tok of toks) {
    if (tok.t === 'text') para += tok.s;
    else if (tok.t === 'row') {
      endRow();
      row = [];
    } else if (tok.t === 'cell') {
      cell = [];
      row!.push('');
    } else if (tok.t === 'tend') endRow();
    else if (tok.t === 'break') {
      if (row && cell) {
        cell.push(para);
        row[row.length - 1] = cell.join('\n');
      } else lines.push(para);
      para = '';
    }
  }
  endRow();
  if (para) lines.push(para);
  return lines;
}
