/**
 * The publication as one self-contained HTML page (`service-spec export --format html`): the same text as
 * the Word document, every string escaped, no script, a Content-Security-Policy that allows nothing but
 * the page's own inline style. Word styles become class names; headings keep their outline level.
 */
import { escapeHtml } from '../core/escape.js';
import type { SpecModel } from '../core/model.js';
import type { Block, Inline, Para, Table } from './model.js';
import { buildPublication, type CostBasis } from './publication.js';

const TAG: Partial<Record<Para['style'], string>> = { Title: 'h1', Heading1: 'h2', Heading2: 'h3', Heading3: 'h4' };

const CLASS: Record<Para['style'], string> = {
  Title: 'title',
  Heading1: 'h1',
  Heading2: 'h2',
  Heading3: 'h3',
  Normal: '',
  ListBullet: '',
  ListNumber: '',
  Quote: 'quote',
  PlainText: 'code',
  ServiceSpecFrontMatter: 'front-matter',
  ServiceSpecCost: 'cost',
  ServiceSpecSummary: 'summary',
  ServiceSpecTableText: '',
};

const CSS = `body{font-family:Arial,"Liberation Sans",Helvetica,sans-serif;font-size:11pt;line-height:1.35;color:#1a1a1a;max-width:46em;margin:2em auto;padding:0 1em}
h1{color:#1f3864;font-size:24pt;border-bottom:1.5px solid #1f3864;padding-bottom:.2em}h2,h3,h4{color:#1f3864;margin:1.4em 0 .4em}h2{font-size:16pt}h3{font-size:13pt}h4{font-size:11.5pt}
table{border-collapse:collapse;width:100%;margin:.4em 0 .6em;font-size:10pt}td,th{border:1px solid #8eaadb;padding:.2em .4em;text-align:left;vertical-align:top}
th,table.fields td:first-child,table.front-matter td:first-child{background:#d9e2f3;font-weight:bold}table.summary tr:last-child td{font-weight:bold;border-top:2px solid #1f3864}
p.cost{color:#404040;font-size:10pt;margin:.3em 0 1.2em}p.summary{font-size:10pt}p.quote{font-style:italic;border-left:3px solid #8eaadb;padding-left:.8em;color:#404040}
p.code,code{font-family:"Courier New","Liberation Mono",monospace;font-size:10pt}p.code{white-space:pre-wrap}span.summary-title{font-weight:bold;color:#1f3864;font-size:14pt}
ins{background:#e6ffec;text-decoration:underline}del{background:#ffebe9}`;

function inline(runs: Inline[]): string {
  let out = '';
  for (const r of runs) {
    if (r.type === 'break') out += '<br>';
    if (r.type !== 'text') continue;
    let h = escapeHtml(r.text);
    if (r.code) h = `<code>${h}</code>`;
    if (r.bold) h = `<strong>${h}</strong>`;
    if (r.italic) h = `<em>${h}</em>`;
    if (r.strike) h = `<s>${h}</s>`;
    if (r.charStyle === 'ServiceSpecSummaryTitle') h = `<span class="summary-title">${h}</span>`;
    if (r.link) h = `<a href="${escapeHtml(r.link)}" rel="noopener noreferrer">${h}</a>`;
    else if (r.anchor) h = `<a href="#${escapeHtml(r.anchor)}">${h}</a>`;
    if (r.change) h = `<${r.change}>${h}</${r.change}>`;
    out += h;
  }
  return out;
}

function paragraph(p: Para, inCell = false): string {
  const body = inline(p.runs);
  if (inCell) return body;
  const tag = TAG[p.style] ?? 'p';
  const id = p.bookmark ? ` id="${escapeHtml(p.bookmark)}"` : '';
  const cls = CLASS[p.style] ? ` class="${CLASS[p.style]}"` : '';
  return `<${tag}${id}${cls}>${body}</${tag}>`;
}

const TABLE_CLASS: Record<Table['style'], string> = {
  ServiceSpecFrontMatterTable: 'front-matter',
  ServiceSpecFields: 'fields',
  ServiceSpecWorkload: 'workload',
  ServiceSpecSummaryTable: 'summary',
  ServiceSpecTable: '',
};

function table(t: Table): string {
  const rows = t.rows.map((row) => {
    const tag = row.header ? 'th' : 'td';
    return `<tr>${row.cells.map((c) => `<${tag}>${c.paras.map((p) => paragraph(p, true)).join('<br>')}</${tag}>`).join('')}</tr>`;
  });
  const cls = TABLE_CLASS[t.style] ? ` class="${TABLE_CLASS[t.style]}"` : '';
  return `<table${cls}>${rows.join('')}</table>`;
}

/** Blocks as HTML: list paragraphs grouped into `ul`/`ol` by list and level. */
export function blocksHtml(blocks: Block[]): string {
  const out: string[] = [];
  const open: { tag: string; instance: number; level: number }[] = [];
  const closeTo = (depth: number) => {
    while (open.length > depth) out.push(`</li></${open.pop()!.tag}>`);
  };
  for (const b of blocks) {
    if (b.type === 'p' && b.list) {
      const { kind, instance, level } = b.list;
      const tag = kind === 'bullet' ? 'ul' : 'ol';
      while (open.length && (open[open.length - 1]!.level > level || (open[open.length - 1]!.level === level && open[open.length - 1]!.instance !== instance)))
        closeTo(open.length - 1);
      const top = open[open.length - 1];
      if (top && top.level === level) out.push(`</li><li>${inline(b.runs)}`);
      else {
        open.push({ tag, instance, level });
        out.push(`<${tag}><li>${inline(b.runs)}`);
      }
      continue;
    }
    closeTo(0);
    if (b.type === 'table') out.push(table(b));
    else if (b.runs.length || b.style === 'Title') out.push(paragraph(b));
  }
  closeTo(0);
  return out.join('\n');
}

/** A complete HTML page around blocks. */
export function htmlPage(title: string, blocks: Block[]): string {
  return (
    '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${CSS}</style></head><body><main>\n${blocksHtml(blocks)}\n</main></body></html>\n`
  );
}

/** `service-spec export --format html`: the publication as one self-contained page. */
export function exportHtml(spec: SpecModel, basis: CostBasis): string {
  const pub = buildPublication(spec, basis);
  return htmlPage(
    pub.title,
    pub.units.flatMap((u) => u.blocks),
  );
}
