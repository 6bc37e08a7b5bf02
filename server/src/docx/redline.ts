/**
 * The redline (`service-spec diff OLD NEW --format docx`): NEW's publication with tracked changes against
 * OLD's, word by word, in everything the export writes: titles, prose, section headings, field values,
 * workload tables, the front-matter table, cost lines and the summary.
 *
 * Requirements are paired as the version diff pairs them (diff/diff.ts). A paired requirement that did not
 * move is shown in place with its changed words; one that moved (another section, or out of order) is
 * deleted whole at its old place and inserted whole at its new one; an added requirement is inserted whole
 * and a removed one deleted whole where it was. A renumbered requirement's heading shows the old id deleted
 * and the new one inserted, the rest of the heading untouched. Unchanged requirements carry no change (their
 * cost line changes only with the configuration). Accepting every change gives NEW's export; rejecting
 * every change gives OLD's.
 */
import type { SpecModel } from '../core/model.js';
import { diffSpecs } from '../core/diff/diff.js';
import { align, diffRuns, marked, pairGaps, type Step } from './align.js';
import { documentOptions } from './export.js';
import { type Block, type Cell, type Change, type Para, type Publication, type Row, type Table, type Unit, paraText } from './model.js';
import { buildPublication, type CostBasis, type MarkdownCache } from './publication.js';
import { renderDocx } from './render.js';

export interface RedlineOptions {
  /** Author of the tracked changes; default `service-spec`. */
  author?: string;
}

// --- whole units and blocks -------------------------------------------------------------------------

function changedPara(p: Para, change: Change): Para {
  const { bookmark: _drop, ...rest } = p;
  return { ...(change === 'ins' ? p : rest), runs: marked(p.runs, change), mark: change };
}

function changedRow(row: Row, change: Change): Row {
  return { ...row, change, cells: row.cells.map((c) => ({ paras: c.paras.map((p) => ({ ...p, runs: marked(p.runs, change) })) })) };
}

function changedBlock(b: Block, change: Change): Block {
  return b.type === 'p' ? changedPara(b, change) : { ...b, rows: b.rows.map((r) => changedRow(r, change)) };
}

// --- paragraphs ---------------------------------------------------------------------------------------

const listKey = (p: Para) => (p.list ? `${p.list.kind}:${p.list.level}` : '');

function mergePara(o: Para, n: Para): Para {
  if (paraText(o) === paraText(n)) return n;
  return { ...n, runs: diffRuns(o.runs, n.runs) };
}

/** A requirement heading `ID: Title`: a new id is the old one deleted and the new one inserted. */
function mergeHeading(o: Para, n: Para): Para {
  const [oid, osep, ...otitle] = o.runs;
  const [nid, nsep, ...ntitle] = n.runs;
  if (oid?.type !== 'text' || nid?.type !== 'text' || !osep || !nsep) return mergePara(o, n);
  const id =
    oid.text === nid.text
      ? [nid]
      : [
          { ...oid, change: 'del' as const },
          { ...nid, change: 'ins' as const },
        ];
  const title = paraText({ ...o, runs: otitle }) === paraText({ ...n, runs: ntitle }) ? ntitle : diffRuns(otitle, ntitle);
  return { ...n, runs: [...id, nsep, ...title] };
}

// --- tables -------------------------------------------------------------------------------------------

const rowText = (r: Row) => r.cells.map((c) => c.paras.map(paraText).join('\n')).join('\t');
const firstCell = (r: Row) => (r.cells[0] ? r.cells[0].paras.map(paraText).join('\n') : '');

/** Rows of field, front-matter and summary tables are matched by their first cell (label, key or id). */
const KEYED = new Set<Table['style']>(['ServiceSpecFields', 'ServiceSpecFrontMatterTable', 'ServiceSpecSummaryTable']);

function mergeCell(o: Cell, n: Cell): Cell {
  return { paras: mergeParas(o.paras, n.paras) };
}

function mergeTable(o: Table, n: Table): Table {
  const kind = (r: Row) => (r.header ? 'h' : 'r');
  const shape = (a: Row, b: Row) => a.cells.length === b.cells.length && kind(a) === kind(b);
  // Keyed rows are the same row only under the same key; other rows pair by first cell (a workload's role), then in order.
  const steps = KEYED.has(n.style)
    ? align(o.rows, n.rows, (a, b) => kind(a) === kind(b) && firstCell(a) === firstCell(b))
    : pairGaps(
        align(o.rows, n.rows, (a, b) => kind(a) === kind(b) && rowText(a) === rowText(b)),
        (a, b) => shape(a, b) && firstCell(a) === firstCell(b),
        shape,
      );
  const rows: Row[] = steps.map((s) => {
    if (s.kind === 'old') return changedRow(s.old, 'del');
    if (s.kind === 'new') return changedRow(s.new, 'ins');
    if (rowText(s.old) === rowText(s.new)) return s.new;
    return { ...s.new, cells: s.new.cells.map((c, i) => mergeCell(s.old.cells[i] ?? { paras: [] }, c)) };
  });
  return { ...n, rows };
}

// --- block lists --------------------------------------------------------------------------------------

function signature(b: Block): string {
  if (b.type === 'table') return `t:${b.style}:${b.widths.length}`;
  return `p:${b.style}:${b.role ?? ''}:${listKey(b)}:${paraText(b)}`;
}

/** The same text in the same places (a whole unit unchanged: no diff needed). */
function sameBlock(a: Block, b: Block): boolean {
  if (a.type === 'p' || b.type === 'p') return a.type === b.type && signature(a) === signature(b);
  return (
    a.style === b.style &&
    a.rows.length === b.rows.length &&
    a.rows.every((r, i) => rowText(r) === rowText(b.rows[i]!) && Boolean(r.header) === Boolean(b.rows[i]!.header))
  );
}

function pairable(a: Block, b: Block): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'table') return b.type === 'table' && a.style === b.style && a.widths.length === b.widths.length;
  return b.type === 'p' && a.style === b.style && a.role === b.role && listKey(a) === listKey(b);
}

function mergeParas(olds: Para[], news: Para[]): Para[] {
  return mergeBlocks(olds, news) as Para[];
}

/** Two versions of a run of blocks: matched blocks merged word by word, the others inserted or deleted whole. */
export function mergeBlocks(olds: Block[], news: Block[]): Block[] {
  if (olds.length === news.length && olds.every((o, i) => sameBlock(o, news[i]!))) return news;
  const steps = pairGaps(
    align(olds, news, (a, b) => signature(a) === signature(b)),
    pairable,
  );
  const out: Block[] = [];
  for (const s of steps) {
    if (s.kind === 'old') out.push(changedBlock(s.old, 'del'));
    else if (s.kind === 'new') out.push(changedBlock(s.new, 'ins'));
    else if (s.old.type === 'p' && s.new.type === 'p') out.push(mergePara(s.old, s.new));
    else if (s.old.type === 'table' && s.new.type === 'table') out.push(mergeTable(s.old, s.new));
  }
  return separateTables(out);
}

/**
 * Word runs two tables with nothing between them into one: where a deleted table meets an inserted one, an
 * empty paragraph inserted and deleted (in neither version) keeps them apart.
 */
function separateTables(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    if (b.type === 'table' && out[out.length - 1]?.type === 'table') out.push({ type: 'p', style: 'Normal', runs: [], mark: 'insdel' });
    out.push(b);
  }
  return out;
}

function mergeUnit(o: Unit, n: Unit): Block[] {
  if (n.kind === 'requirement') {
    const [oh, ...orest] = o.blocks;
    const [nh, ...nrest] = n.blocks;
    if (oh?.type === 'p' && nh?.type === 'p') return [mergeHeading(oh, nh), ...mergeBlocks(orest, nrest)];
  }
  return mergeBlocks(o.blocks, n.blocks);
}

// --- units --------------------------------------------------------------------------------------------

/** Keys under which units of the two versions are matched. */
function unitKeys(oldSpec: SpecModel, newSpec: SpecModel, olds: Unit[], news: Unit[], basis: { old: CostBasis; new: CostBasis }): { o: string[]; n: string[] } {
  // The version diff pairs requirements once (its pairing is the costly part); its entries for NEW's
  // requirements come in NEW's order and name the old id each was paired with.
  const diff = diffSpecs(oldSpec, newSpec, basis.old.config, basis.new.config);
  const oldAt = new Map<string, number[]>();
  oldSpec.requirements.forEach((r, i) => {
    oldAt.set(r.id, [...(oldAt.get(r.id) ?? []), i]);
  });
  /** Old index → new index, for pairs that did not move. */
  const pairs = new Map<number, number>();
  diff.requirements.slice(0, newSpec.requirements.length).forEach((r, j) => {
    if (r.change === 'added' || r.oldId === null) return;
    const i = oldAt.get(r.oldId)?.shift();
    if (i !== undefined && !r.moved && r.change !== 'moved') pairs.set(i, j);
  });
  const pairedNew = new Set(pairs.values());
  const keyOf = (u: Unit, side: 'o' | 'n'): string => {
    if (u.kind !== 'requirement') return `${u.kind}:${u.key}`;
    if (side === 'n') return pairedNew.has(u.index!) ? `r:${u.index}` : `new:${u.index}`;
    const j = pairs.get(u.index!);
    return j !== undefined ? `r:${j}` : `old:${u.index}`;
  };
  return { o: olds.map((u) => keyOf(u, 'o')), n: news.map((u) => keyOf(u, 'n')) };
}

/** The merged blocks of the redline (tracked changes marked on runs, paragraph marks and rows). */
export function redlineBlocks(
  oldSpec: SpecModel | undefined,
  newSpec: SpecModel | undefined,
  oldBasis: CostBasis,
  newBasis: CostBasis,
): { blocks: Block[]; pub: Publication } {
  // A spec with no earlier version is all inserted; one with no later version all deleted.
  if (!oldSpec || !newSpec) {
    const pub = buildPublication((newSpec ?? oldSpec)!, newSpec ? newBasis : oldBasis);
    return { blocks: pub.units.flatMap((u) => u.blocks.map((b) => changedBlock(b, newSpec ? 'ins' : 'del'))), pub };
  }
  // What the two versions share is parsed once.
  const cache: MarkdownCache = new Map();
  const newPub = buildPublication(newSpec, newBasis, { cache });
  const oldPub = buildPublication(oldSpec, oldBasis, { cache });
  const keys = unitKeys(oldSpec, newSpec, oldPub.units, newPub.units, { old: oldBasis, new: newBasis });
  const ko = new Map(oldPub.units.map((u, i) => [u, keys.o[i]!]));
  const kn = new Map(newPub.units.map((u, i) => [u, keys.n[i]!]));
  const steps: Step<Unit>[] = pairGaps(
    align(oldPub.units, newPub.units, (a, b) => ko.get(a) === kn.get(b)),
    (a, b) => a.kind === b.kind && (a.kind === 'section' || a.kind === 'prose'),
  );
  const blocks: Block[] = [];
  for (const s of steps) {
    if (s.kind === 'old') blocks.push(...s.old.blocks.map((b) => changedBlock(b, 'del')));
    else if (s.kind === 'new') blocks.push(...s.new.blocks.map((b) => changedBlock(b, 'ins')));
    else blocks.push(...mergeUnit(s.old, s.new));
  }
  return { blocks: separateTables(blocks), pub: newPub };
}

/**
 * NEW's publication with tracked changes against OLD's. With no OLD (a new spec) everything is inserted;
 * with no NEW (a removed spec) OLD's publication is all deleted.
 */
export function redlineDocx(
  oldSpec: SpecModel | undefined,
  newSpec: SpecModel | undefined,
  oldBasis: CostBasis,
  newBasis: CostBasis,
  options: RedlineOptions = {},
): Uint8Array {
  const { blocks, pub } = redlineBlocks(oldSpec, newSpec, oldBasis, newBasis);
  const date = newSpec?.frontMatter.values.published ?? oldSpec?.frontMatter.values.published ?? new Date().toISOString().slice(0, 10);
  return renderDocx(blocks, {
    ...documentOptions((newSpec ?? oldSpec)!, pub),
    changes: { author: options.author ?? 'service-spec', date },
    trackRevisions: true,
  });
}
