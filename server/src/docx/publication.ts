/**
 * The publication document of a spec as units of the document model: the title, the front-matter table,
 * the body's sections and prose, each requirement (heading `ID: Title` in a bookmark, prose, field table,
 * workload table, cost line) and the cost summary. The Word export, the HTML page, the review document and
 * the redline are all built from this, so they show the same text.
 */
import type { ListItem, Nodes, Root, RootContent } from 'mdast';
import type { ServiceSpecConfig } from '../core/config.js';
import { costSpec, formatHours, formatMoney, formatNumber, type RequirementCost } from '../core/estimator/estimate.js';
import { readFrontMatter } from '../core/frontMatter.js';
import { toText } from '../core/markdown.js';
import type { Field, Requirement, SpecModel, WorkloadItem } from '../core/model.js';
import { WORKLOAD_KEYS } from '../core/model.js';
import { blocksOf, headingStyle, inlineRuns, newContext, parseMarkdownSafely, type RenderContext, tidy } from './markdown.js';
import { type Block, type Para, type Publication, type Row, type Table, type TextRun, type Unit, para, paraText, text } from './model.js';

export interface CostBasis {
  /** The effective configuration (defaults, the file, the active profile). */
  config: ServiceSpecConfig;
  /** The active profile's name; 'default' or undefined for the base assumptions. */
  profile?: string;
}

/** Word's rule for bookmark names: letters, digits and `_`, at most 40 characters; `SMR-2.1` → `SMR_2_1`. */
export function bookmarkName(id: string): string {
  return id
    .replace(/[-.]/g, '_')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .slice(0, 40);
}

export const FIELD_ORDER = ['Deadline', 'Funding', 'Deliverability', 'Depends on', 'Owner'] as const;

const WIDTHS = {
  frontMatter: [2400, 6626],
  fields: [2200, 6826],
  workload: [1700, 1000, 950, 1250, 760, 900, 1233, 1233],
  summary: [1300, 3126, 1100, 1200, 1100, 1200],
};

/** Every paragraph of a requirement in reading order, by part: what review comments are anchored in. */
export interface RequirementParts {
  heading: Para;
  prose: Para[];
  /** Field value paragraphs by lower-case label. */
  fields: Map<string, Para>;
}

export interface BuiltPublication extends Publication {
  /** Requirement id → its parts (the first requirement with that id). */
  requirements: Map<string, RequirementParts>;
  /** The title paragraph (orphaned notes are anchored there). */
  titlePara: Para;
}

/** Markdown parses kept by text: a redline parses what two versions share once. */
export type MarkdownCache = Map<string, Root>;

interface TopNode {
  node: RootContent;
  /** Offset in the spec's text of the text the node's positions count from. */
  base: number;
}

/** A requirement whose text is plain paragraphs, read from the spec's model without parsing it again. */
interface PlainRequirement {
  plain: number;
  prose: Para[];
}

/** Paragraph text that is the same as Markdown or as plain text: no emphasis, code, links, HTML, entities, escapes, tables. */
const PLAIN = /^[^*_`~<>&\\|]*$/;

/**
 * The requirement's prose as plain paragraphs, when the text of its piece is nothing but its heading, its
 * fields, its workload blocks and paragraphs of plain text at the start of a line (no list, quote, code,
 * HTML or hard line break); else undefined, and the piece is parsed.
 */
function plainProse(spec: SpecModel, r: Requirement, from: number, to: number): Para[] | undefined {
  const spans = r.prose.slice(1);
  const covered = [r.headingRange, ...r.fields.map((f) => f.range), ...r.workload.map((w) => w.range)];
  for (const p of spans) {
    if (!PLAIN.test(p.text) || p.text.includes('](') || / {2,}\r?\n/.test(p.text)) return undefined;
    const before = p.offset > 0 ? spec.text[p.offset - 1] : '\n';
    if (before !== '\n' && before !== '\r') return undefined;
    covered.push({ start: p.offset, end: p.offset + p.text.length });
  }
  covered.sort((a, b) => a.start - b.start);
  let at = from;
  for (const c of covered) {
    if (c.start > at && /\S/.test(spec.text.slice(at, c.start))) return undefined;
    at = Math.max(at, c.end);
  }
  if (/\S/.test(spec.text.slice(at, to))) return undefined;
  return spans.map((p) => para('Normal', tidy([text(p.text)]))).filter((p) => p.runs.length);
}

/**
 * The body's top-level Markdown nodes. The body is parsed in pieces cut where the spec's own parse found
 * top-level headings (each closes every open block, so the pieces parse as the whole does), each piece
 * looked up in `cache` first; a body with link reference definitions (`]:`, global) is parsed whole.
 */
function topNodes(spec: SpecModel, bodyStart: number, cache: MarkdownCache | undefined, whole = false): { nodes: (TopNode | PlainRequirement)[]; root?: Root } {
  const parse = (text: string) => {
    let root = cache?.get(text);
    if (!root) {
      root = parseMarkdownSafely(text);
      cache?.set(text, root);
    }
    return root;
  };
  const body = spec.text.slice(bodyStart);
  if (whole || body.includes(']:')) {
    const root = parse(body);
    return { nodes: root.children.map((node) => ({ node, base: bodyStart })), root };
  }
  const cuts = [...spec.requirements.map((r) => r.headingRange.start), ...spec.sections.map((x) => x.headingRange.start)]
    .filter((c) => c > bodyStart)
    .sort((a, b) => a - b);
  const reqAt = new Map(spec.requirements.map((r, i) => [r.headingRange.start, i]));
  const nodes: (TopNode | PlainRequirement)[] = [];
  let from = bodyStart;
  for (const to of [...cuts, spec.text.length]) {
    if (to <= from) continue;
    const index = reqAt.get(from);
    const prose = index === undefined ? undefined : plainProse(spec, spec.requirements[index]!, from, to);
    if (prose) nodes.push({ plain: index!, prose });
    else for (const node of parse(spec.text.slice(from, to)).children) nodes.push({ node, base: from });
    from = to;
  }
  return { nodes };
}

/** A heading's title as written: without its `#` marks, or its setext underline. */
function headingSource(src: string): string {
  const setext = /\r?\n[ \t]*(=+|-+)[ \t]*$/.exec(src);
  return setext ? src.slice(0, setext.index) : src.replace(/^\s*#+\s*|\s+#+\s*$/g, '');
}

export interface PublicationOptions {
  cache?: MarkdownCache;
  /** Parse the body in one piece (the reference the piecewise parse is tested against). */
  whole?: boolean;
}

export function buildPublication(spec: SpecModel, basis: CostBasis, options: PublicationOptions = {}): BuiltPublication {
  const { bodyStart } = readFrontMatter(spec.text);
  const { nodes, root } = topNodes(spec, bodyStart, options.cache, options.whole);
  const ctx = newContext(root);
  const costs = costSpec(spec, basis.config).requirements;
  const reqAt = new Map(spec.requirements.map((r, i) => [r.headingRange.start, i]));
  const ids = new Set(spec.requirements.map((r) => r.id));
  const titlePara = para('Title', []);
  const units: Unit[] = [{ kind: 'title', key: 'title', blocks: [titlePara] }];
  const fm = frontMatterTable(spec);
  // The empty paragraph keeps the text that follows off the table (generated, in the table's style).
  if (fm) units.push({ kind: 'frontMatter', key: 'front-matter', blocks: [fm, para('ServiceSpecFrontMatter', [], { role: 'separator' })] });
  const requirements = new Map<string, RequirementParts>();
  const bookmarks = new Set<string>();
  let title: string | undefined;
  let unit: Unit | undefined;
  let req: { r: Requirement; index: number; nodes: TopNode[]; prose?: Para[] } | undefined;
  const closeRequirement = () => {
    if (!req) return;
    const built = requirementUnit(req.r, req.index, req.prose ?? req.nodes, costs[req.index]!, ctx, basis, ids, bookmarks);
    units.push(built.unit);
    if (!requirements.has(req.r.id)) requirements.set(req.r.id, built.parts);
    req = undefined;
  };
  for (const top of nodes) {
    if ('plain' in top) {
      closeRequirement();
      unit = undefined;
      req = { r: spec.requirements[top.plain]!, index: top.plain, nodes: [], prose: top.prose };
      continue;
    }
    const { node, base } = top;
    const at = (node.position?.start.offset ?? 0) + base;
    const index = node.type === 'heading' ? reqAt.get(at) : undefined;
    if (index !== undefined) {
      closeRequirement();
      unit = undefined;
      req = { r: spec.requirements[index]!, index, nodes: [] };
      continue;
    }
    if (req && at < req.r.range.end) {
      req.nodes.push(top);
      continue;
    }
    closeRequirement();
    if (node.type === 'heading') {
      if (title === undefined && node.depth === 1) {
        title = toText(node).replace(/\s+/g, ' ').trim();
        titlePara.runs = inlineRuns(headingSource(spec.text.slice(at, (node.position?.end.offset ?? 0) + base)), ctx);
        continue;
      }
      unit = { kind: 'section', key: toText(node).replace(/\s+/g, ' ').trim(), blocks: blocksOf(node, ctx) };
      units.push(unit);
      continue;
    }
    if (!unit) units.push((unit = { kind: 'prose', key: 'prose', blocks: [] }));
    unit.blocks.push(...blocksOf(node, ctx));
  }
  closeRequirement();
  const fmTitle = spec.frontMatter.values.title ?? spec.frontMatter.entries.get('title')?.value;
  if (!titlePara.runs.length) titlePara.runs = [text(fmTitle ?? title ?? 'Untitled specification')];
  units.push(summaryUnit(spec, costs, basis, requirements));
  return {
    title: fmTitle ?? title ?? 'Untitled specification',
    ...(spec.frontMatter.values.published ? { published: spec.frontMatter.values.published } : {}),
    units,
    requirements,
    titlePara,
  };
}

function frontMatterTable(spec: SpecModel): Table | undefined {
  const rows: Row[] = [];
  for (const [key, e] of spec.frontMatter.entries) {
    const value = e.value ?? (e.raw === null || e.raw === undefined ? '' : JSON.stringify(e.raw));
    rows.push({
      cells: [cellOf('ServiceSpecFrontMatter', [text(key)]), cellOf('ServiceSpecFrontMatter', value ? [text(value.replace(/\s+/g, ' ').trim())] : [])],
    });
  }
  return rows.length ? { type: 'table', style: 'ServiceSpecFrontMatterTable', widths: WIDTHS.frontMatter, rows } : undefined;
}

const cellOf = (style: Para['style'], runs: TextRun[]) => ({ paras: [para(style, runs)] });

function requirementUnit(
  r: Requirement,
  index: number,
  /** Its top-level Markdown nodes, or its prose already made (plain paragraphs). */
  nodes: TopNode[] | Para[],
  cost: RequirementCost,
  ctx: RenderContext,
  basis: CostBasis,
  ids: Set<string>,
  bookmarks: Set<string>,
): { unit: Unit; parts: RequirementParts } {
  const name = bookmarkName(r.id);
  const heading = para(headingStyle(r.depth), [text(r.id), text(': '), ...inlineRuns(r.prose[0]?.text ?? r.title, ctx)]);
  if (!bookmarks.has(name) && /^[A-Za-z]/.test(name)) {
    heading.bookmark = name;
    bookmarks.add(name);
  }
  const fieldStarts = new Set(r.fields.map((f) => f.range.start));
  const skipCode = (lang: string) => lang.toLowerCase() === 'workload';
  const prose = nodes.flatMap((n): Block[] =>
    'node' in n
      ? blocksOf(n.node, ctx, { isField: (item: Nodes) => fieldStarts.has(((item as ListItem).position?.start.offset ?? -1) + n.base), skipCode })
      : [n],
  );
  const blocks: Block[] = [heading, ...prose];
  const fields = new Map<string, Para>();
  const fieldTable = fieldsTable(r, basis.config, ids, fields, ctx);
  if (fieldTable) blocks.push(fieldTable);
  const workload = workloadTable(r);
  if (workload) {
    // Two tables next to each other would run together in Word: an empty paragraph keeps them apart.
    if (fieldTable) blocks.push(para('Normal', [], { role: 'separator' }));
    blocks.push(workload);
  }
  blocks.push(para('ServiceSpecCost', [text(costLine(cost, basis))]));
  return {
    unit: { kind: 'requirement', key: r.id, index, blocks },
    parts: { heading, prose: prose.filter((b): b is Para => b.type === 'p'), fields },
  };
}

function fieldValueRuns(f: Field, config: ServiceSpecConfig, ids: Set<string>, ctx: RenderContext): TextRun[] {
  if (f.key === 'funding' && f.parts.length) {
    const names = f.parts.map((p) => {
      const label = Object.hasOwn(config.funding.sources, p.text) ? config.funding.sources[p.text]?.label : undefined;
      return label ? `${label} (${p.text})` : p.text;
    });
    return [text(names.join(', '))];
  }
  if (f.key === 'depends on' && f.parts.length) {
    const out: TextRun[] = [];
    f.parts.forEach((p, i) => {
      if (i) out.push(text(', '));
      out.push(ids.has(p.text) ? text(p.text, { anchor: bookmarkName(p.text) }) : text(p.text));
    });
    return out;
  }
  return inlineRuns(f.value, ctx);
}

function fieldsTable(r: Requirement, config: ServiceSpecConfig, ids: Set<string>, out: Map<string, Para>, ctx: RenderContext): Table | undefined {
  const known = FIELD_ORDER.map((label) => r.fields.find((f) => f.key === label.toLowerCase())).filter((f): f is Field => f !== undefined);
  const rest = r.fields.filter((f) => !known.includes(f));
  const rows: Row[] = [];
  for (const f of [...known, ...rest]) {
    const label = FIELD_ORDER.find((l) => l.toLowerCase() === f.key) ?? f.label;
    const value = para('ServiceSpecTableText', fieldValueRuns(f, config, ids, ctx));
    if (!out.has(f.key)) out.set(f.key, value);
    rows.push({ cells: [cellOf('ServiceSpecTableText', [text(label)]), { paras: [value] }] });
  }
  return rows.length ? { type: 'table', style: 'ServiceSpecFields', widths: WIDTHS.fields, rows } : undefined;
}

function scalarText(item: WorkloadItem, key: string): string {
  const e = item.entries.find((x) => x.key === key);
  if (!e) return '';
  if (e.isScalar) return e.value === null || e.value === undefined ? '' : String(e.value);
  return JSON.stringify(e.value ?? null);
}

function workloadTable(r: Requirement): Table | undefined {
  const items = r.workload.flatMap((b) => b.items);
  if (!items.length) return undefined;
  const header: Row = { header: true, cells: WORKLOAD_KEYS.map((k) => cellOf('ServiceSpecTableText', [text(k)])) };
  const rows: Row[] = items.map((item) => ({
    cells: WORKLOAD_KEYS.map((k) => {
      const v = scalarText(item, k);
      return cellOf('ServiceSpecTableText', v ? [text(v)] : []);
    }),
  }));
  return { type: 'table', style: 'ServiceSpecWorkload', widths: WIDTHS.workload, rows: [header, ...rows] };
}

function profileWords(basis: CostBasis): string {
  return basis.profile && basis.profile !== 'default' ? `profile ${basis.profile}` : 'default assumptions';
}

/** The requirement's cost line under the active profile. */
export function costLine(c: RequirementCost, basis: CostBasis): string {
  if (!c.activities.length) return `Cost (${profileWords(basis)}): no workload stated.`;
  const unfunded = c.unfunded && c.costPerPcn > 0 ? ' Unfunded.' : '';
  return (
    `Cost (${profileWords(basis)}): ${formatMoney(c.costPerPcn)} a year per PCN (${formatHours(c.hoursPerPcn)} hours), ` +
    `${formatMoney(c.costPerPractice)} per practice, ${formatMoney(c.costNational)} nationally.${unfunded}`
  );
}

/** A requirement's title as its heading shows it. */
function titleOf(c: RequirementCost, parts: Map<string, RequirementParts>): string {
  const heading = parts.get(c.id)?.heading;
  return heading ? paraText(heading).slice(c.id.length + 2) : c.title;
}

function summaryUnit(spec: SpecModel, costs: RequirementCost[], basis: CostBasis, parts: Map<string, RequirementParts>): Unit {
  const e = basis.config.estimator;
  const total = costSpec(spec, basis.config).total;
  const costed = costs.filter((c) => c.activities.length);
  const uncosted = costs.length - costed.length;
  const sentences = [
    `Costs a year under the ${profileWords(basis)}: ${formatNumber(e.population)} patients, ${formatNumber(e.practices)} practices, ` +
      `${formatNumber(e['care-homes'])} care homes and ${formatNumber(e['care-home-beds'])} care-home beds per PCN; ${formatNumber(e.pcns)} PCNs nationally.`,
    costed.length ? '' : 'No requirement states a workload, so nothing is costed.',
    uncosted && costed.length
      ? `${uncosted} requirement${uncosted === 1 ? ' states' : 's state'} no workload and ${uncosted === 1 ? 'is' : 'are'} not costed.`
      : '',
    total.unfundedCostPerPcn > 0 ? `Work with no funding source (Funding none or missing): ${formatMoney(total.unfundedCostPerPcn)} per PCN.` : '',
  ];
  const blocks: Block[] = [
    para('ServiceSpecSummary', [text('Cost summary', { charStyle: 'ServiceSpecSummaryTitle' })]),
    para('ServiceSpecSummary', [text(sentences.filter(Boolean).join(' '))]),
  ];
  const cell = (s: string) => cellOf('ServiceSpecSummary', s ? [text(s)] : []);
  if (costed.length) {
    const rows: Row[] = [
      { header: true, cells: ['Requirement', 'Title', 'Hours per PCN', 'Cost per PCN', 'Cost per practice', 'Cost nationally'].map(cell) },
      ...costed.map((c) => ({
        cells: [
          c.id,
          titleOf(c, parts),
          formatHours(c.hoursPerPcn),
          formatMoney(c.costPerPcn),
          formatMoney(c.costPerPractice),
          formatMoney(c.costNational),
        ].map(cell),
      })),
      {
        cells: [
          'Total',
          '',
          formatHours(total.hoursPerPcn),
          formatMoney(total.costPerPcn),
          formatMoney(total.costPerPractice),
          formatMoney(total.costNational),
        ].map(cell),
      },
    ];
    // The empty paragraph before the table keeps it off the text.
    blocks.push(para('ServiceSpecSummary', [], { role: 'separator' }), { type: 'table', style: 'ServiceSpecSummaryTable', widths: WIDTHS.summary, rows });
  }
  blocks.push(para('ServiceSpecSummary', [], { role: 'end' }));
  // Word ends a document with a paragraph; this one is in every version, so a redline never deletes it.
  return { kind: 'summary', key: 'summary', blocks };
}
