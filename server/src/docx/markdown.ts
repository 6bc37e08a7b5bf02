/**
 * Markdown (mdast) into the document model: paragraphs with bold, italic, struck-through and code runs,
 * links, lists as list paragraphs, quotes, code blocks, tables. Text is never markup: it becomes runs.
 */
import type { Nodes, PhrasingContent, Root, RootContent, Table as MdTable } from 'mdast';
import { guard, parseMarkdown } from '../core/markdown.js';
import { type Block, type Inline, type Para, type ParaStyle, type TextRun, para } from './model.js';
import { TEXT_WIDTH } from './styles.js';

/** Links kept as links: web and mail addresses only (no `javascript:`, no local files). */
const SAFE_LINK = /^(https?:|mailto:)/i;

interface Format {
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  code?: boolean;
  link?: string;
}

export interface RenderContext {
  /** Link reference definitions of the document, by normalised label. */
  definitions: Map<string, string>;
  /** Numbered lists restart: each gets its own instance. */
  nextListInstance: () => number;
}

export function newContext(root?: Root): RenderContext {
  const definitions = new Map<string, string>();
  const visit = (n: Nodes): void => {
    if (n.type === 'definition') definitions.set(n.identifier.toLowerCase(), n.url);
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  if (root) visit(root);
  let instance = 0;
  return { definitions, nextListInstance: () => ++instance };
}

/** Parses Markdown with the same limits as the spec parser (hostile input stays linear). */
export function parseMarkdownSafely(source: string): Root {
  return parseMarkdown(guard(source).text);
}

/** Inline Markdown of a field value or a title as runs; anything that is not one paragraph stays plain text. */
export function inlineRuns(source: string, ctx?: RenderContext): TextRun[] {
  const plain = source.replace(/\s+/g, ' ').trim();
  if (!/[*_`~[\]<&\\!]/.test(plain)) return plain ? [{ type: 'text', text: plain }] : [];
  const root = parseMarkdownSafely(plain);
  const only = root.children[0];
  if (root.children.length !== 1 || only?.type !== 'paragraph') return plain ? [{ type: 'text', text: plain }] : [];
  return tidy(phrasing(only.children, {}, ctx ?? newContext(root))).filter((r): r is TextRun => r.type === 'text');
}

function phrasing(nodes: PhrasingContent[], f: Format, ctx: RenderContext): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        out.push(run(n.value, f));
        break;
      case 'strong':
        out.push(...phrasing(n.children, { ...f, bold: true }, ctx));
        break;
      case 'emphasis':
        out.push(...phrasing(n.children, { ...f, italic: true }, ctx));
        break;
      case 'delete':
        out.push(...phrasing(n.children, { ...f, strike: true }, ctx));
        break;
      case 'inlineCode':
        out.push(run(n.value, { ...f, code: true }));
        break;
      case 'break':
        out.push({ type: 'break' });
        break;
      case 'link':
        out.push(...phrasing(n.children, SAFE_LINK.test(n.url) ? { ...f, link: n.url } : f, ctx));
        break;
      case 'linkReference': {
        const url = ctx.definitions.get(n.identifier.toLowerCase());
        out.push(...phrasing(n.children, url && SAFE_LINK.test(url) ? { ...f, link: url } : f, ctx));
        break;
      }
      case 'image':
      case 'imageReference':
        if (n.alt) out.push(run(n.alt, { ...f, italic: true }));
        break;
      case 'html':
        out.push(run(n.value, f));
        break;
      default:
        if ('value' in n && typeof n.value === 'string') out.push(run(n.value, f));
        else if ('children' in n) out.push(...phrasing(n.children as PhrasingContent[], f, ctx));
    }
  }
  return out;
}

function run(value: string, f: Format): TextRun {
  return { type: 'text', text: value, ...f };
}

export const sameFormat = (a: TextRun, b: TextRun) =>
  a.bold === b.bold &&
  a.italic === b.italic &&
  a.strike === b.strike &&
  a.code === b.code &&
  a.link === b.link &&
  a.anchor === b.anchor &&
  a.change === b.change &&
  a.charStyle === b.charStyle;

/** Collapses whitespace (soft line breaks included) as Word shows one paragraph, trims its ends, merges equal neighbours. */
export function tidy(runs: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const r of runs) {
    if (r.type !== 'text') {
      out.push(r);
      continue;
    }
    const t = r.code ? r.text.replace(/[\r\n]+/g, ' ') : r.text.replace(/\s+/g, ' ');
    const prev = out[out.length - 1];
    if (prev?.type === 'text' && sameFormat(prev, r)) prev.text += t;
    else out.push({ ...r, text: t });
  }
  // Trim around line breaks and at the ends.
  for (let i = 0; i < out.length; i++) {
    const r = out[i]!;
    if (r.type !== 'text') continue;
    const before = i === 0 || out[i - 1]!.type === 'break';
    const after = i === out.length - 1 || out[i + 1]!.type === 'break';
    if (before) r.text = r.text.replace(/^ +/, '');
    if (after) r.text = r.text.replace(/ +$/, '');
  }
  // Collapse a space that ends one run and starts the next.
  for (let i = 1; i < out.length; i++) {
    const a = out[i - 1]!;
    const b = out[i]!;
    if (a.type === 'text' && b.type === 'text' && a.text.endsWith(' ') && b.text.startsWith(' ')) b.text = b.text.slice(1);
  }
  return out.filter((r) => r.type !== 'text' || r.text !== '');
}

const HEADING_STYLE: ParaStyle[] = ['Heading1', 'Heading1', 'Heading2', 'Heading3'];

/** Word heading style of a Markdown heading: `#` and `##` → Heading 1, `###` → Heading 2, deeper → Heading 3. */
export function headingStyle(depth: number): ParaStyle {
  return HEADING_STYLE[Math.min(depth - 1, 3)] ?? 'Heading3';
}

export interface BlockOptions {
  /** Skip this list item (a field, shown in the field table) but keep what follows its first paragraph. */
  isField?: (item: Nodes) => boolean;
  /** Skip this code block (a workload block, shown in the workload table). */
  skipCode?: (lang: string) => boolean;
}

/** Blocks of one top-level Markdown node. */
export function blocksOf(node: RootContent, ctx: RenderContext, options: BlockOptions = {}): Block[] {
  const out: Block[] = [];
  emit(node, ctx, options, out, 'Normal', undefined);
  return out;
}

function paragraph(style: ParaStyle, children: PhrasingContent[], ctx: RenderContext, list?: Para['list']): Para | undefined {
  const runs = tidy(phrasing(children, {}, ctx));
  if (!runs.length) return undefined;
  return para(style, runs, list ? { list } : {});
}

function emit(node: Nodes, ctx: RenderContext, options: BlockOptions, out: Block[], style: ParaStyle, list: Para['list'] | undefined): void {
  switch (node.type) {
    case 'paragraph': {
      const p = paragraph(style, node.children, ctx, list);
      if (p) out.push(p);
      return;
    }
    case 'heading': {
      const p = paragraph(headingStyle(node.depth), node.children, ctx);
      if (p) out.push(p);
      return;
    }
    case 'blockquote':
      for (const c of node.children) emit(c, ctx, options, out, 'Quote', undefined);
      return;
    case 'list': {
      const kind = node.ordered ? 'number' : 'bullet';
      // A list of fields only (shown in the field table) takes no list number.
      const instance = node.children.every((item) => options.isField?.(item)) ? 0 : ctx.nextListInstance();
      const level = list ? Math.min(list.level + 1, 8) : 0;
      for (const item of node.children) {
        const field = options.isField?.(item) ?? false;
        const children = field ? item.children.slice(1) : item.children;
        children.forEach((c, i) => {
          if (c.type === 'paragraph') {
            const box =
              i === 0 && !field && item.checked !== null && item.checked !== undefined
                ? [{ type: 'text', value: item.checked ? '☒ ' : '☐ ' } as PhrasingContent]
                : [];
            const p = paragraph(
              field ? 'Normal' : kind === 'bullet' ? 'ListBullet' : 'ListNumber',
              [...box, ...c.children],
              ctx,
              field ? undefined : { kind, instance, level },
            );
            if (p) out.push(p);
          } else emit(c, ctx, options, out, style, field ? undefined : { kind, instance, level });
        });
      }
      return;
    }
    case 'code': {
      if (options.skipCode?.(node.lang ?? '')) return;
      const lines = node.value.split(/\r\n|\r|\n/);
      const runs: Inline[] = [];
      lines.forEach((l, i) => {
        if (i) runs.push({ type: 'break' });
        if (l) runs.push({ type: 'text', text: l });
      });
      if (runs.length) out.push(para('PlainText', runs));
      return;
    }
    case 'table':
      out.push(table(node, ctx));
      return;
    case 'html': {
      const t = node.value.replace(/\s+/g, ' ').trim();
      if (t) out.push(para(style, [{ type: 'text', text: t }]));
      return;
    }
    case 'definition':
    case 'thematicBreak':
      return;
    default:
      if ('children' in node) for (const c of node.children as Nodes[]) emit(c, ctx, options, out, style, list);
  }
}

function table(node: MdTable, ctx: RenderContext): Block {
  const columns = Math.max(1, ...node.children.map((r) => r.children.length));
  const width = Math.floor(TEXT_WIDTH / columns);
  return {
    type: 'table',
    style: 'ServiceSpecTable',
    widths: Array.from({ length: columns }, () => width),
    rows: node.children.map((row, i) => ({
      ...(i === 0 ? { header: true } : {}),
      cells: Array.from({ length: columns }, (_, c) => {
        const cell = row.children[c];
        const runs = cell ? tidy(phrasing(cell.children, {}, ctx)) : [];
        return { paras: [para('ServiceSpecTableText', runs)] };
      }),
    })),
  };
}
