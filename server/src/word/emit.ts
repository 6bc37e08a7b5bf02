/**
 * Writes the imported spec as Markdown: front-matter, the `#` title, sections, requirement headings with
 * their prose, fields and workload blocks. Text is written as it reads in Word (whitespace collapsed), so a
 * review quote taken from the document is found in the spec; only what Markdown would read as structure at
 * the start of a line (`#`, `>`, `-`, `1.`, fences, `<`, `|`, …) is escaped with a backslash.
 */
import { stringify } from 'yaml';
import type { ReqFields } from './fields.js';
import { collapse, type BodyPart, type Req, type Structure } from './structure.js';

const BLOCK_START = /^(?:#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|`{3,}|~{3,}|<|\[|(?:[-*_=]\s*){3,}$|\|)/;

/** Escapes a line start that Markdown would read as structure. */
export function escapeStart(text: string): string {
  if (!BLOCK_START.test(text)) return text;
  const digits = /^\d{1,9}/.exec(text);
  return digits ? `${digits[0]}\\${text.slice(digits[0].length)}` : `\\${text}`;
}

function cell(c: string[] | undefined): string {
  return (
    collapse((c ?? []).join(' '))
      .replace(/\\/g, '\\\\')
      .replace(/\|/g, '\\|') || ' '
  );
}

export function markdownTable(rows: string[][][]): string[] {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const line = (r: string[][]) => `| ${Array.from({ length: width }, (_, i) => cell(r[i])).join(' | ')} |`;
  const [head, ...rest] = rows.length ? rows : [[]];
  return [line(head!), `| ${Array.from({ length: width }, () => '---').join(' | ')} |`, ...rest.map(line)];
}

function yamlText(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}

/** Lines of a run of body parts; consecutive list items form one list. */
function partLines(parts: BodyPart[], skip: (p: BodyPart) => boolean): string[][] {
  const groups: string[][] = [];
  let list: string[] | undefined;
  for (const p of parts) {
    if (skip(p)) continue;
    if (p.kind === 'list') {
      if (!list) groups.push((list = []));
      list.push(`${'  '.repeat(Math.min(p.level, 4))}- ${escapeStart(p.text)}`);
      continue;
    }
    list = undefined;
    groups.push(p.kind === 'table' ? markdownTable(p.table.rows) : [escapeStart(p.text)]);
  }
  return groups;
}

export interface Emitted {
  text: string;
  /** 1-based line of each requirement's heading. */
  lines: Map<Req, number>;
}

export function emitSpec(
  frontMatter: Map<string, string>,
  title: string | undefined,
  s: Structure,
  fields: Map<Req, ReqFields>,
  /** Body parts of a requirement that became its fields or workload. */
  consumed: (p: BodyPart) => boolean,
): Emitted {
  const out: string[] = ['---', ...yamlText(frontMatter).trimEnd().split('\n'), '---'];
  const lines = new Map<Req, number>();
  const block = (group: string[]) => {
    if (out[out.length - 1] !== '' && out.length > 0) out.push('');
    out.push(...group);
  };
  if (title) out.push(`# ${title.replace(/#+$/, '').trim()}`);
  let prose: BodyPart[] = [];
  const flush = () => {
    for (const g of partLines(prose, () => false)) block(g);
    prose = [];
  };
  for (const item of s.items) {
    if (item.kind === 'prose') {
      prose.push(item.part);
      continue;
    }
    flush();
    if (item.kind === 'section') {
      block([`${'#'.repeat(item.depth)} ${item.text}`]);
      continue;
    }
    const req = item.req;
    block([`${'#'.repeat(req.depth)} ${req.id}: ${req.title}`]);
    lines.set(req, out.length);
    for (const g of partLines(req.body, consumed)) out.push(...g, '');
    if (out[out.length - 1] === '') out.pop();
    const f = fields.get(req)!;
    if (f.fields.length) block(f.fields.map(([label, value]) => `- **${label}:** ${value}`));
    for (const w of f.workload) if (w.length) block(['```workload', ...yamlText(w).trimEnd().split('\n'), '```']);
  }
  flush();
  return { text: out.join('\n') + '\n', lines };
}
