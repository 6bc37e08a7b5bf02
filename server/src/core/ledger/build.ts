/**
 * The consultation ledger: every requirement followed through the versions of a spec set (a thread), and
 * what became of each reviewer's note in the last version.
 *
 * - Consecutive versions of the same spec id are paired with the version diff's own pairing and change
 *   classification (`diffSpecs`), so a thread goes through renumbering and moves; a requirement no longer
 *   paired ends its thread with a `removed` entry (version null when its whole spec is gone).
 * - A thread's key is its id in the latest version holding it; when that id is reused by a later thread of
 *   the same spec, the older thread's key gets `@` and the version of its last entry.
 * - Each note is anchored in its own version (`anchorNote`) and joins the thread of its current requirement
 *   there; its outcome is judged in the last version (`outcomeOf`).
 */
import { parseIsoDate } from '../dates.js';
import { diffSpecs, pairRequirements, type SpecDiff } from '../diff/diff.js';
import { costSpec } from '../estimator/estimate.js';
import { field, type Requirement, type SpecModel } from '../model.js';
import { anchorNote, normalise, searchText } from '../review/anchor.js';
import type { ReviewNote } from '../review/sidecar.js';
import { summariseLedger } from './summary.js';
import type { EntryChange, HistoryEntry, Ledger, LedgerNote, LedgerSpecInput, LedgerThread, LedgerVersion, LedgerVersionInput, Outcome } from './types.js';

/** A thread while it is built: where it starts and the requirement it holds in the latest version so far. */
interface Building {
  thread: LedgerThread;
  startVersion: number;
  startPosition: number;
  /** Requirement index per ledger version. */
  at: Map<number, number>;
  last?: { model: SpecModel; req: Requirement };
  ended: boolean;
}

/** The name a spec goes by in the ledger: its front-matter id, else its file name. */
export function specKeyOf(spec: LedgerSpecInput): string {
  return spec.model.frontMatter.values.id ?? spec.file.replace(/^.*[\\/]/, '');
}

export function ratingOf(req: Requirement): HistoryEntry['rating'] {
  const m = /^(green|amber|red)\s*:/i.exec(field(req, 'deliverability')?.value ?? '');
  return m ? (m[1]!.toLowerCase() as HistoryEntry['rating']) : null;
}

export function deadlineOf(req: Requirement): string | null {
  const v = field(req, 'deadline')?.value.trim() ?? '';
  return parseIsoDate(v) ? v : null;
}

function presentEntry(spec: LedgerSpecInput, index: number, versionIndex: number, change: EntryChange, d?: SpecDiff['requirements'][number]): HistoryEntry {
  const req = spec.model.requirements[index]!;
  const cost = costSpec(spec.model, spec.config).requirements[index]!;
  return {
    version: spec.model.frontMatter.values.version ?? null,
    id: req.id,
    change,
    deadline: deadlineOf(req),
    funding: [...cost.funding],
    rating: ratingOf(req),
    costPerPractice: cost.costPerPractice,
    versionIndex,
    fields: d?.fields ?? [],
    moved: Boolean(d && (d.change === 'moved' || d.moved)),
    title: req.title,
  };
}

function removedEntry(version: string | null, versionIndex: number): HistoryEntry {
  return {
    version,
    id: null,
    change: 'removed',
    deadline: null,
    funding: null,
    rating: null,
    costPerPractice: null,
    versionIndex,
    fields: [],
    moved: false,
    title: '',
  };
}

/** The specs of each version by spec key (the first of a key wins: the node layer reports the others). */
function specsByKey(input: LedgerVersionInput[]): Map<string, LedgerSpecInput>[] {
  return input.map((v) => {
    const m = new Map<string, LedgerSpecInput>();
    for (const s of v.specs) {
      const k = specKeyOf(s);
      if (!m.has(k)) m.set(k, s);
    }
    return m;
  });
}

function commonVersion(v: LedgerVersionInput): string | null {
  const all = new Set(v.specs.map((s) => s.model.frontMatter.values.version ?? null));
  return all.size === 1 ? [...all][0]! : null;
}

function latestPublished(v: LedgerVersionInput): string | null {
  const dates = v.specs.map((s) => s.model.frontMatter.values.published).filter((d): d is string => d !== undefined && parseIsoDate(d) !== undefined);
  return dates.length ? dates.sort()[dates.length - 1]! : null;
}

interface SpecThreads {
  threads: Building[];
  /** Per ledger version: requirement index → thread. */
  byVersion: Map<number, Building[]>;
}

/** Follows one spec id through the versions; records each version's diff against the previous one. */
function threadSpec(key: string, specs: Map<string, LedgerSpecInput>[], diffs: SpecDiff[][]): SpecThreads {
  const threads: Building[] = [];
  const byVersion = new Map<number, Building[]>();
  let prev: Building[] = [];
  specs.forEach((m, k) => {
    const cur = m.get(key);
    const before = k > 0 ? specs[k - 1]!.get(key) : undefined;
    const now: Building[] = [];
    if (k > 0 && (cur || before)) {
      const fallback = (cur ?? before)!.config;
      diffs[k - 1]!.push(diffSpecs(before?.model, cur?.model, before?.config ?? fallback, cur?.config ?? fallback));
    }
    if (cur && before) {
      const d = diffs[k - 1]![diffs[k - 1]!.length - 1]!;
      const pairedNew = pairsOf(before.model.requirements, cur.model.requirements, d);
      const pairs = new Set(pairedNew.values());
      cur.model.requirements.forEach((req, j) => {
        const i = pairedNew.get(j);
        const r = d.requirements[j]!;
        const b = i === undefined ? start(threads, key, k, j) : prev[i]!;
        b.thread.history.push(presentEntry(cur, j, k, i === undefined ? 'added' : r.change, r));
        b.at.set(k, j);
        b.last = { model: cur.model, req };
        now[j] = b;
      });
      before.model.requirements.forEach((_, i) => {
        if (pairs.has(i)) return;
        end(prev[i]!, removedEntry(cur.model.frontMatter.values.version ?? null, k));
      });
    } else if (cur) {
      cur.model.requirements.forEach((req, j) => {
        const b = start(threads, key, k, j);
        b.thread.history.push(presentEntry(cur, j, k, k === 0 ? 'present' : 'added'));
        b.at.set(k, j);
        b.last = { model: cur.model, req };
        now[j] = b;
      });
    } else if (before) {
      for (const b of prev) end(b, removedEntry(null, k));
    }
    if (cur) byVersion.set(k, now);
    prev = now;
  });
  return { threads, byVersion };
}

/**
 * New index → old index of the requirements the diff paired. The diff names each pair's old id; when the
 * old ids are unique that finds the old requirement, else the pairing is computed again (the same one).
 */
function pairsOf(olds: Requirement[], news: Requirement[], d: SpecDiff): Map<number, number> {
  const at = new Map<string, number>();
  for (const [i, r] of olds.entries()) at.set(r.id, at.has(r.id) ? -1 : i);
  const out = new Map<number, number>();
  for (const [j] of news.entries()) {
    const r = d.requirements[j]!;
    if (r.change === 'added' || r.oldId === null) continue;
    const i = at.get(r.oldId);
    if (i === undefined || i < 0) return new Map([...pairRequirements(olds, news)].map(([a, b]) => [b, a]));
    out.set(j, i);
  }
  return out;
}

function start(threads: Building[], spec: string, version: number, position: number): Building {
  const b: Building = { thread: { spec, key: '', history: [], notes: [] }, startVersion: version, startPosition: position, at: new Map(), ended: false };
  threads.push(b);
  return b;
}

function end(b: Building, entry: HistoryEntry): void {
  b.thread.history.push(entry);
  b.last = undefined;
  b.ended = true;
}

/** Keys: the id in the latest version holding it; older threads sharing it get `@` + the version of their last entry. */
function assignKeys(threads: Building[], versions: LedgerVersion[]): void {
  const groups = new Map<string, Building[]>();
  for (const b of threads) {
    const id = [...b.thread.history].reverse().find((e) => e.id !== null)!.id!;
    b.thread.key = id;
    groups.set(id, [...(groups.get(id) ?? []), b]);
  }
  const used = new Set(groups.keys());
  for (const [id, group] of groups) {
    if (group.length < 2) continue;
    // The newest keeps the id: the one still present at the end, else the one ending last (then starting last).
    const lastOf = (b: Building) => b.thread.history[b.thread.history.length - 1]!.versionIndex + (b.ended ? 0 : 0.5);
    const sorted = [...group].sort((a, b) => lastOf(b) - lastOf(a) || b.startVersion - a.startVersion || b.startPosition - a.startPosition);
    for (const b of sorted.slice(1)) {
      const h = b.thread.history;
      const last = h[h.length - 1]!;
      // A whole spec gone leaves its removed entry without a version: the ledger version's own name stands in.
      const version =
        last.version ?? versions[last.versionIndex]!.version ?? [...h].reverse().find((e) => e.version !== null)?.version ?? `#${last.versionIndex + 1}`;
      let key = `${id}@${version}`;
      for (let n = 2; used.has(key); n++) key = `${id}@${version}#${n}`;
      used.add(key);
      b.thread.key = key;
    }
  }
}

/** A note's outcome in the last version, once it has joined a thread. */
export function outcomeOf(note: ReviewNote, noteVersion: number, b: Pick<Building, 'last' | 'ended'> & { thread: LedgerThread }): Outcome {
  if (b.ended || !b.last) return 'removed';
  const quote = note.quote !== undefined ? normalise(note.quote) : '';
  if (quote) return searchText(b.last.model, b.last.req, note.field).includes(quote) ? 'unchanged' : 'changed';
  return b.thread.history.some((e) => e.versionIndex > noteVersion && e.fields.length > 0) ? 'changed' : 'unchanged';
}

/** Builds the ledger of `input` (at least one version; the CLI asks for two). */
export function buildLedger(input: LedgerVersionInput[]): Ledger {
  const specs = specsByKey(input);
  const versions: LedgerVersion[] = input.map((v) => ({ path: v.path, version: commonVersion(v), published: latestPublished(v) }));
  const diffs: SpecDiff[][] = input.slice(1).map(() => []);
  const keys = [...new Set(specs.flatMap((m) => [...m.keys()]))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const bySpec = new Map<string, SpecThreads>();
  const all: Building[] = [];
  for (const key of keys) {
    const t = threadSpec(key, specs, diffs);
    assignKeys(t.threads, versions);
    t.threads.sort((a, b) => a.startVersion - b.startVersion || a.startPosition - b.startPosition);
    bySpec.set(key, t);
    all.push(...t.threads);
  }
  for (const d of diffs) d.sort((a, b) => ((a.id ?? '') < (b.id ?? '') ? -1 : (a.id ?? '') > (b.id ?? '') ? 1 : 0));
  const unanchored = joinNotes(input, specs, bySpec);
  const threads = all.map((b) => b.thread);
  const costs = specs.map((m) => new Map([...m].map(([k, s]) => [k, costSpec(s.model, s.config).total.costPerPractice])));
  return { versions, threads, unanchored, summary: summariseLedger(versions, threads, unanchored, diffs), diffs, costs };
}

/** Anchors every note in its own version and joins it to its thread; returns the notes that join none. */
function joinNotes(input: LedgerVersionInput[], specs: Map<string, LedgerSpecInput>[], bySpec: Map<string, SpecThreads>): LedgerNote[] {
  const unanchored: LedgerNote[] = [];
  input.forEach((v, k) => {
    for (const sc of v.sidecars) {
      const spec = v.specs[sc.spec];
      if (!spec) continue;
      const key = specKeyOf(spec);
      // A second spec with the same id in one version has no threads: its notes join none.
      const used = specs[k]!.get(key) === spec;
      for (const note of sc.review.notes) {
        const anchor = anchorNote(note, spec.model);
        const base = {
          sidecar: sc.file,
          reviewer: sc.review.reviewer ?? null,
          id: note.id,
          stance: note.stance,
          status: note.status,
          version: spec.model.frontMatter.values.version ?? null,
          requirement: note.requirement,
          anchor: anchor.state,
          versionIndex: k,
          ...(note.quote !== undefined ? { quote: note.quote } : {}),
          ...(note.body !== undefined ? { body: note.body } : {}),
        };
        const index = anchor.currentRequirement === undefined ? -1 : spec.model.requirements.findIndex((r) => r.id === anchor.currentRequirement);
        const b = used && index >= 0 && (anchor.state === 'ok' || anchor.state === 'reanchored') ? bySpec.get(key)?.byVersion.get(k)?.[index] : undefined;
        if (!b) {
          unanchored.push({ ...base, currentRequirement: null, outcome: 'unanchored' });
          continue;
        }
        b.thread.notes.push({ ...base, currentRequirement: anchor.currentRequirement!, outcome: outcomeOf(note, k, b) });
      }
    }
  });
  return unanchored;
}
