/**
 * Version diff for negotiators (docs/format.md, Version diff): requirement-level changes between two versions of a
 * spec, field by field, with the cost each change adds or saves. Requirements are paired by one greedy
 * assignment on content similarity (word overlap of title, prose and deliverability) with a bonus for
 * equal ids, so inserting a requirement at the top and shifting every id reads as `renumbered`.
 */
import { diffWords } from 'diff';
import type { ServiceSpecConfig } from '../config.js';
import { parseIsoDate } from '../dates.js';
import { costSpec, type RequirementCost } from '../estimator/estimate.js';
import { field, type Requirement, type SpecModel } from '../model.js';
import { KNOWN_KEYS } from '../frontMatter.js';

export type Change = 'added' | 'removed' | 'modified' | 'renumbered' | 'moved' | 'unchanged';

export interface FieldChange {
  field: 'Deadline' | 'Funding' | 'Deliverability' | 'Depends on' | 'Owner' | 'Workload' | 'Title' | 'Text' | string;
  old: string | null;
  new: string | null;
  /** Deadline: days later (positive) or earlier (negative). */
  days?: number;
  added?: string[];
  removed?: string[];
}

export interface WordChange {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export interface RequirementDiff {
  /** New id, or the old id of a removed requirement. */
  id: string;
  oldId: string | null;
  title: string;
  change: Change;
  moved?: boolean;
  oldSection?: string | null;
  newSection?: string | null;
  fields: FieldChange[];
  textChanged: boolean;
  /** Word-level diff of the prose, when it changed. */
  words?: WordChange[];
  /** `tightened` (more or sooner for practices), `relaxed`, `mixed` or `neutral`. */
  direction: 'tightened' | 'relaxed' | 'mixed' | 'neutral';
  costDeltaPerPcn: number;
  costDeltaPerPractice: number;
  costDeltaNational: number;
  /** Offsets of the requirement's heading in the new text (old text for removed ones), to reveal it. */
  headingStart: number;
}

export interface SpecDiff {
  id: string | null;
  change: 'added' | 'removed' | 'modified' | 'unchanged';
  oldVersion: string | null;
  newVersion: string | null;
  /** Front-matter titles of each side (null: no such side, or no title). */
  oldTitle: string | null;
  newTitle: string | null;
  frontMatter: FieldChange[];
  requirements: RequirementDiff[];
  costDeltaPerPcn: number;
  costDeltaPerPractice: number;
  costDeltaNational: number;
}

const words = (s: string) => new Set((s.toLowerCase().match(/[a-z0-9]+(?:[-'][a-z0-9]+)*/g) ?? []).filter((w) => w.length > 2));

function contentWords(r: Requirement): Set<string> {
  return words([r.title, ...r.prose.slice(1).map((p) => p.text), field(r, 'deliverability')?.value ?? ''].join(' '));
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Minimum word overlap for pairing requirements with different ids. */
export const PAIR_THRESHOLD = 0.5;
const ID_BONUS = 0.5;

/** Greedy pairing: old index → new index. Symmetric: pairing (b, a) gives the same pairs reversed. */
export function pairRequirements(olds: Requirement[], news: Requirement[]): Map<number, number> {
  const ow = olds.map(contentWords);
  const nw = news.map(contentWords);
  const pairs = new Map<number, number>();
  const usedNew = new Set<number>();
  // The same id (once on each side) and the same words score highest of all, so the greedy pass below would
  // take these pairs first whatever else it found: taking them up front spares comparing them with every
  // other requirement (most requirements of a new version are unchanged), and gives the same pairs.
  const once = (rs: Requirement[]) => {
    const n = new Map<string, number>();
    for (const r of rs) n.set(r.id, (n.get(r.id) ?? 0) + 1);
    return n;
  };
  const oldCount = once(olds);
  const newCount = once(news);
  const newAt = new Map(news.map((r, j) => [r.id, j]));
  olds.forEach((o, i) => {
    const j = newAt.get(o.id);
    if (j === undefined || oldCount.get(o.id) !== 1 || newCount.get(o.id) !== 1) return;
    const a = ow[i]!;
    const b = nw[j]!;
    if (a.size !== b.size || [...a].some((w) => !b.has(w))) return;
    pairs.set(i, j);
    usedNew.add(j);
  });
  const candidates: { i: number; j: number; score: number; key: string }[] = [];
  for (const [i, o] of olds.entries()) {
    if (pairs.has(i)) continue;
    for (const [j, n] of news.entries()) {
      if (usedNew.has(j)) continue;
      const sim = jaccard(ow[i]!, nw[j]!);
      const same = o.id === n.id;
      if (!same && sim < PAIR_THRESHOLD) continue;
      const ids = [o.id, n.id].sort();
      candidates.push({ i, j, score: sim + (same ? ID_BONUS : 0), key: `${ids[0]}\u0000${ids[1]}` });
    }
  }
  candidates.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const c of candidates) {
    if (pairs.has(c.i) || usedNew.has(c.j)) continue;
    pairs.set(c.i, c.j);
    usedNew.add(c.j);
  }
  return pairs;
}

const norm = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

function workloadText(_spec: SpecModel, r: Requirement): string {
  return r.workload
    .flatMap((b) =>
      b.items.map((it) =>
        it.entries
          .filter((e) => e.isScalar)
          .map((e) => `${e.key}: ${String(e.value)}`)
          .join(', '),
      ),
    )
    .join('; ');
}

function proseText(r: Requirement): string {
  return norm(
    r.prose
      .slice(1)
      .map((p) => p.text)
      .join(' '),
  );
}

function listOf(r: Requirement, key: string): string[] {
  return field(r, key)?.parts.map((p) => p.text) ?? [];
}

/** Field-level changes between two versions of one requirement. */
export function fieldChanges(oldSpec: SpecModel, o: Requirement, newSpec: SpecModel, n: Requirement): FieldChange[] {
  const out: FieldChange[] = [];
  if (norm(o.title) !== norm(n.title)) out.push({ field: 'Title', old: o.title, new: n.title });
  const od = field(o, 'deadline')?.value ?? null;
  const nd = field(n, 'deadline')?.value ?? null;
  if (norm(od ?? '') !== norm(nd ?? '')) {
    const a = od ? parseIsoDate(od) : undefined;
    const b = nd ? parseIsoDate(nd) : undefined;
    out.push({ field: 'Deadline', old: od, new: nd, ...(a && b ? { days: b.dayNumber - a.dayNumber } : {}) });
  }
  for (const [key, label] of [
    ['funding', 'Funding'],
    ['depends on', 'Depends on'],
  ] as const) {
    const a = listOf(o, key);
    const b = listOf(n, key);
    const added = b.filter((x) => !a.includes(x));
    const removed = a.filter((x) => !b.includes(x));
    if (added.length || removed.length) out.push({ field: label, old: field(o, key)?.value ?? null, new: field(n, key)?.value ?? null, added, removed });
  }
  for (const [key, label] of [
    ['deliverability', 'Deliverability'],
    ['owner', 'Owner'],
  ] as const) {
    const a = field(o, key)?.value ?? null;
    const b = field(n, key)?.value ?? null;
    if (norm(a ?? '') !== norm(b ?? '')) out.push({ field: label, old: a, new: b });
  }
  const ow = workloadText(oldSpec, o);
  const nw = workloadText(newSpec, n);
  if (ow !== nw) out.push({ field: 'Workload', old: ow || null, new: nw || null });
  const ot = proseText(o);
  const nt = proseText(n);
  if (ot !== nt) out.push({ field: 'Text', old: ot || null, new: nt || null });
  return out;
}

function direction(change: Change, fields: FieldChange[], costDelta: number): RequirementDiff['direction'] {
  if (change === 'added') return 'tightened';
  if (change === 'removed') return 'relaxed';
  let tight = 0;
  let relax = 0;
  for (const f of fields) {
    if (f.field === 'Deadline' && f.days !== undefined) f.days < 0 ? tight++ : relax++;
    if (f.field === 'Funding') {
      const real = (xs: string[] | undefined) => (xs ?? []).filter((x) => x !== 'none').length;
      if (real(f.added)) relax++;
      if (real(f.removed)) tight++;
    }
  }
  if (costDelta > 0.005) tight++;
  if (costDelta < -0.005) relax++;
  return tight && relax ? 'mixed' : tight ? 'tightened' : relax ? 'relaxed' : 'neutral';
}

/** Requirements outside the longest common order of the pairs within each section are `moved`. */
function movedInSection(pairs: { o: number; n: number }[]): Set<number> {
  // pairs sorted by new position; longest increasing subsequence of old positions, preferring to keep the
  // requirements that moved furthest in the subsequence (so the fewest, least displaced, are called moved).
  const seq = [...pairs].sort((a, b) => a.n - b.n);
  const len = seq.map(() => 1);
  const disp = seq.map((p) => Math.abs(p.o - p.n));
  const prev = seq.map(() => -1);
  for (let i = 0; i < seq.length; i++) {
    for (let j = 0; j < i; j++) {
      if (seq[j]!.o >= seq[i]!.o) continue;
      const l = len[j]! + 1;
      const d = disp[j]! + Math.abs(seq[i]!.o - seq[i]!.n);
      if (l > len[i]! || (l === len[i]! && d > disp[i]!)) {
        len[i] = l;
        disp[i] = d;
        prev[i] = j;
      }
    }
  }
  let best = -1;
  for (let i = 0; i < seq.length; i++) if (best < 0 || len[i]! > len[best]! || (len[i] === len[best] && disp[i]! > disp[best]!)) best = i;
  const keep = new Set<number>();
  for (let i = best; i >= 0; i = prev[i]!) keep.add(seq[i]!.n);
  return new Set(seq.filter((p) => !keep.has(p.n)).map((p) => p.n));
}

const sum = (cs: RequirementCost[] | undefined, k: 'costPerPcn' | 'costPerPractice' | 'costNational') => (cs ?? []).reduce((n, c) => n + c[k], 0);

/** Diff of two versions of a spec (either side may be missing: a spec added or removed). */
export function diffSpecs(
  oldSpec: SpecModel | undefined,
  newSpec: SpecModel | undefined,
  oldConfig: ServiceSpecConfig,
  newConfig: ServiceSpecConfig,
): SpecDiff {
  const olds = oldSpec?.requirements ?? [];
  const news = newSpec?.requirements ?? [];
  const oldCost = oldSpec ? costSpec(oldSpec, oldConfig).requirements : [];
  const newCost = newSpec ? costSpec(newSpec, newConfig).requirements : [];
  const pairs = pairRequirements(olds, news);
  const pairedNew = new Map([...pairs].map(([i, j]) => [j, i]));
  // Moved: section changed, or out of order within the section.
  const bySection = new Map<string, { o: number; n: number }[]>();
  for (const [i, j] of pairs) {
    if ((olds[i]!.section ?? '') !== (news[j]!.section ?? '')) continue;
    const key = news[j]!.section ?? '';
    const inSection = (list: Requirement[], idx: number) => list.slice(0, idx).filter((r) => (r.section ?? '') === key).length;
    bySection.set(key, [...(bySection.get(key) ?? []), { o: inSection(olds, i), n: inSection(news, j) }]);
  }
  const outOfOrder = new Set<string>();
  for (const [key, list] of bySection) {
    const idsAt = news.filter((r) => (r.section ?? '') === key);
    for (const n of movedInSection(list)) outOfOrder.add(idsAt[n]!.id + '\u0000' + n);
  }
  const out: RequirementDiff[] = [];
  news.forEach((n, j) => {
    const i = pairedNew.get(j);
    const nc = newCost[j]!;
    if (i === undefined) {
      out.push(make(n.id, null, n.title, 'added', [], false, undefined, nc.costPerPcn, nc.costPerPractice, nc.costNational, n.headingRange.start));
      return;
    }
    const o = olds[i]!;
    const oc = oldCost[i]!;
    const fields = fieldChanges(oldSpec!, o, newSpec!, n);
    const sectionChanged = (o.section ?? '') !== (n.section ?? '');
    const inSectionIndex = news.slice(0, j).filter((r) => (r.section ?? '') === (n.section ?? '')).length;
    const moved = sectionChanged || outOfOrder.has(n.id + '\u0000' + inSectionIndex);
    const change: Change = o.id !== n.id ? 'renumbered' : fields.length ? 'modified' : moved ? 'moved' : 'unchanged';
    const text = fields.find((f) => f.field === 'Text');
    const d = make(
      n.id,
      o.id,
      n.title,
      change,
      fields,
      Boolean(text),
      text
        ? diffWords(text.old ?? '', text.new ?? '').map((c) => ({
            value: c.value,
            ...(c.added ? { added: true } : {}),
            ...(c.removed ? { removed: true } : {}),
          }))
        : undefined,
      nc.costPerPcn - oc.costPerPcn,
      nc.costPerPractice - oc.costPerPractice,
      nc.costNational - oc.costNational,
      n.headingRange.start,
    );
    if (moved && change !== 'moved') d.moved = true;
    if (moved) {
      d.oldSection = o.section ?? null;
      d.newSection = n.section ?? null;
    }
    out.push(d);
  });
  olds.forEach((o, i) => {
    if (pairs.has(i)) return;
    const oc = oldCost[i]!;
    out.push(make(o.id, o.id, o.title, 'removed', [], false, undefined, -oc.costPerPcn, -oc.costPerPractice, -oc.costNational, o.headingRange.start));
  });
  const fm: FieldChange[] = [];
  for (const key of KNOWN_KEYS) {
    const a = oldSpec?.frontMatter.values[key] ?? null;
    const b = newSpec?.frontMatter.values[key] ?? null;
    if (a !== b && oldSpec && newSpec) fm.push({ field: key, old: a, new: b });
  }
  const change = !oldSpec
    ? 'added'
    : !newSpec
      ? 'removed'
      : fm.some((f) => f.field !== 'version' && f.field !== 'published') || out.some((r) => r.change !== 'unchanged') || fm.length
        ? 'modified'
        : 'unchanged';
  return {
    id: newSpec?.frontMatter.values.id ?? oldSpec?.frontMatter.values.id ?? null,
    change,
    oldVersion: oldSpec?.frontMatter.values.version ?? null,
    newVersion: newSpec?.frontMatter.values.version ?? null,
    oldTitle: oldSpec?.frontMatter.values.title ?? null,
    newTitle: newSpec?.frontMatter.values.title ?? null,
    frontMatter: fm,
    requirements: out,
    costDeltaPerPcn: sum(newCost, 'costPerPcn') - sum(oldCost, 'costPerPcn'),
    costDeltaPerPractice: sum(newCost, 'costPerPractice') - sum(oldCost, 'costPerPractice'),
    costDeltaNational: sum(newCost, 'costNational') - sum(oldCost, 'costNational'),
  };
}

function make(
  id: string,
  oldId: string | null,
  title: string,
  change: Change,
  fields: FieldChange[],
  textChanged: boolean,
  wordsDiff: WordChange[] | undefined,
  dPcn: number,
  dPractice: number,
  dNational: number,
  headingStart: number,
): RequirementDiff {
  return {
    id,
    oldId,
    title,
    change,
    fields,
    textChanged,
    ...(wordsDiff ? { words: wordsDiff } : {}),
    direction: direction(change, fields, dPcn),
    costDeltaPerPcn: dPcn,
    costDeltaPerPractice: dPractice,
    costDeltaNational: dNational,
    headingStart,
  };
}

export interface DiffSummary {
  added: number;
  removed: number;
  modified: number;
  renumbered: number;
  moved: number;
  unchanged: number;
  costDeltaPerPcn: number;
  costDeltaPerPractice: number;
  costDeltaNational: number;
  tightened: string[];
  relaxed: string[];
}

export function summarise(specs: SpecDiff[]): DiffSummary {
  const all = specs.flatMap((s) => s.requirements.map((r) => ({ s, r })));
  const count = (c: Change) => all.filter(({ r }) => r.change === c).length;
  const label = ({ s, r }: { s: SpecDiff; r: RequirementDiff }) => `${s.id ?? '?'}/${r.id}`;
  return {
    added: count('added'),
    removed: count('removed'),
    modified: count('modified'),
    renumbered: count('renumbered'),
    moved: count('moved'),
    unchanged: count('unchanged'),
    costDeltaPerPcn: specs.reduce((n, s) => n + s.costDeltaPerPcn, 0),
    costDeltaPerPractice: specs.reduce((n, s) => n + s.costDeltaPerPractice, 0),
    costDeltaNational: specs.reduce((n, s) => n + s.costDeltaNational, 0),
    tightened: all.filter(({ r }) => r.direction === 'tightened').map(label),
    relaxed: all.filter(({ r }) => r.direction === 'relaxed').map(label),
  };
}
