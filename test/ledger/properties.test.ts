/**
 * Property tests over generated version chains: requirements inserted, removed, modified, moved, swapped and
 * renumbered from one version to the next, a second spec that comes and goes, and notes of every kind.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { defaultConfig } from '../../server/src/core/config.js';
import { diffSpecs } from '../../server/src/core/diff/diff.js';
import { buildLedger, type Ledger, type LedgerThread } from '../../server/src/core/ledger/index.js';
import { parseSpec } from '../../server/src/core/parse.js';
import { runLedger } from '../../server/src/node/ledger.js';
import { runReview } from '../../server/src/node/review.js';
import { type NoteSpec, sidecarText, specText, version, type Req, type VersionSource } from './helpers.js';

interface Item {
  uid: number;
  section: number;
  variant: number;
  deadline: number;
  funding: number;
}

type Op =
  | { kind: 'insert'; at: number; section: number }
  | { kind: 'remove' | 'move' | 'swap'; at: number }
  | { kind: 'modify'; at: number; what: 'deadline' | 'funding' | 'text' };

interface Step {
  ops: Op[];
  renumber: boolean;
  /** Whether spec q is in this version. */
  q: boolean;
  notes: { target: number; kind: number; stance: number }[];
}

const FUNDING = ['arrs', 'none', 'core-pcn'];
const STANCES = ['object', 'concern', 'question', 'support', 'comment'];

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(8), section: fc.nat(1) }),
  fc.record({ kind: fc.constantFrom('remove' as const, 'move' as const, 'swap' as const), at: fc.nat(8) }),
  fc.record({ kind: fc.constant('modify' as const), at: fc.nat(8), what: fc.constantFrom('deadline' as const, 'funding' as const, 'text' as const) }),
);

const step: fc.Arbitrary<Step> = fc.record({
  ops: fc.array(op, { maxLength: 4 }),
  renumber: fc.boolean(),
  q: fc.boolean(),
  notes: fc.array(fc.record({ target: fc.nat(8), kind: fc.nat(5), stance: fc.nat(4) }), { maxLength: 5 }),
});

const chain = (versions: { min: number; max: number }) =>
  fc.record({
    initial: fc.integer({ min: 0, max: 5 }),
    steps: fc.array(step, { minLength: versions.min, maxLength: versions.max }),
  });

const w = (uid: number, k: string) => `word${uid}${k}`;

function title(it: Item): string {
  return `${w(it.uid, 'a')} ${w(it.uid, 'b')}`;
}

function prose(it: Item): string {
  return `${it.variant ? w(it.uid, `v${it.variant}`) : w(it.uid, 'c')} ${w(it.uid, 'd')} ${w(it.uid, 'e')}.`;
}

function toReq(it: Item, id: string): Req {
  return {
    id,
    title: title(it),
    prose: prose(it),
    section: `Section ${it.section}`,
    deadline: `2020-${String(1 + (it.deadline % 12)).padStart(2, '0')}-15`,
    funding: FUNDING[it.funding % 3],
    deliverability: `amber: ${w(it.uid, 'f')}`,
  };
}

function apply(items: Item[], ops: Op[], next: () => number): Item[] {
  const out = items.map((i) => ({ ...i }));
  for (const o of ops) {
    const at = out.length ? o.at % out.length : 0;
    if (o.kind === 'insert') out.splice(Math.min(o.at, out.length), 0, { uid: next(), section: o.section, variant: 0, deadline: 0, funding: 0 });
    else if (!out.length) continue;
    else if (o.kind === 'remove') out.splice(at, 1);
    else if (o.kind === 'move') out[at]!.section = 1 - out[at]!.section;
    else if (o.kind === 'swap' && at + 1 < out.length) [out[at], out[at + 1]] = [out[at + 1]!, out[at]!];
    else if (o.kind === 'modify') {
      const it = out[at]!;
      if (o.what === 'deadline') it.deadline++;
      else if (o.what === 'funding') it.funding++;
      else it.variant++;
    }
  }
  return out;
}

interface Generated {
  versions: VersionSource[];
  /** Per version: requirement ids of spec p (and q when present). */
  ids: { p: string[]; q: string[] | null }[];
  noteCount: number;
  objections: number;
}

/** Versions in memory: spec p (changing), spec q (coming and going), a sidecar on p per version. */
function generate(c: { initial: number; steps: Step[] }): Generated {
  let uid = 0;
  const next = () => ++uid;
  let items: Item[] = Array.from({ length: c.initial }, (_, i) => ({ uid: next(), section: i % 2, variant: 0, deadline: 0, funding: 0 }));
  const stable = new Map<number, string>();
  const versions: VersionSource[] = [];
  const ids: Generated['ids'] = [];
  let noteCount = 0;
  let objections = 0;
  const q = specText('q', 'shared', [{ id: 'Q-1', title: 'quiet requirement', prose: 'nothing changes here at all.' }]);
  c.steps.forEach((s, k) => {
    if (k > 0) items = apply(items, s.ops, next);
    // Sections in order, so the text reads section by section; ids by position or stable per requirement.
    const ordered = [...items].sort((a, b) => a.section - b.section);
    const idOf = (it: Item, i: number) => (s.renumber ? `P-${i + 1}` : (stable.get(it.uid) ?? stable.set(it.uid, `P-${100 + it.uid}`).get(it.uid)!));
    const reqs = ordered.map((it, i) => toReq(it, idOf(it, i)));
    const notes: NoteSpec[] = s.notes.map((n, j) => {
      const r = reqs.length ? reqs[n.target % reqs.length]! : undefined;
      const base = { id: `n${k}-${j}`, stance: STANCES[n.stance]! };
      if (!r) return { ...base, requirement: 'P-999' };
      switch (n.kind) {
        case 0:
          return { ...base, requirement: r.id, quote: r.title };
        case 1:
          return { ...base, requirement: r.id };
        case 2:
          return { ...base, requirement: r.id, quote: 'text that is in no requirement' };
        case 3:
          return { ...base, requirement: 'P-999', quote: r.prose!.split(' ')[1]! };
        case 4:
          return { ...base, requirement: r.id, field: 'Deadline', quote: r.deadline! };
        default:
          return { ...base, requirement: 'P-999' };
      }
    });
    noteCount += notes.length;
    objections += notes.filter((n) => n.stance === 'object').length;
    versions.push({
      path: `v${k}`,
      specs: [
        { file: `v${k}/p.spec.md`, text: specText('p', `v${k}`, reqs) },
        ...(s.q ? [{ file: `v${k}/q.spec.md`, text: q.replace('"shared"', `"v${k}"`) }] : []),
      ],
      sidecars: [{ file: `v${k}/p.review.yaml`, text: sidecarText('p.spec.md', k % 2 ? 'Odd LMC' : 'Even LMC', notes) }],
    });
    ids.push({ p: reqs.map((r) => r.id), q: s.q ? ['Q-1'] : null });
  });
  return { versions, ids, noteCount, objections };
}

function at(t: LedgerThread, k: number) {
  return t.history.find((e) => e.versionIndex === k);
}

describe('ledger properties', () => {
  it('a thread never holds two requirements of one version, and every requirement of every version is in exactly one thread', () => {
    fc.assert(
      fc.property(chain({ min: 1, max: 5 }), (c) => {
        const g = generate(c);
        const l: Ledger = buildLedger(g.versions.map(version));
        for (const t of l.threads) {
          const ks = t.history.map((e) => e.versionIndex);
          // One entry per version from the first, consecutive; only the last may be `removed`.
          assert.deepEqual(
            ks,
            ks.map((_, i) => ks[0]! + i),
          );
          assert.ok(t.history.slice(0, -1).every((e) => e.change !== 'removed' && e.id !== null));
        }
        g.ids.forEach((v, k) => {
          for (const spec of ['p', 'q'] as const) {
            const held = l.threads
              .filter((t) => t.spec === spec)
              .map((t) => at(t, k)?.id)
              .filter((x): x is string => typeof x === 'string');
            assert.deepEqual(held.sort(), [...(v[spec] ?? [])].sort());
          }
        });
        const keys = l.threads.map((t) => `${t.spec}/${t.key}`);
        assert.equal(new Set(keys).size, keys.length, `keys are unique: ${keys.join(' ')}`);
      }),
      { numRuns: 300 },
    );
  });

  it('outcome counts add up to the notes, for all notes, objections and each reviewer', () => {
    fc.assert(
      fc.property(chain({ min: 1, max: 5 }), (c) => {
        const g = generate(c);
        const s = buildLedger(g.versions.map(version)).summary;
        const sum = (o: { changed: number; removed: number; unchanged: number; unanchored: number }) => o.changed + o.removed + o.unchanged + o.unanchored;
        assert.equal(s.notes, g.noteCount);
        assert.equal(sum(s.outcomes), g.noteCount);
        assert.equal(sum(s.objections), g.objections);
        const reviewers = Object.values(s.byReviewer);
        assert.equal(
          reviewers.reduce((n, r) => n + r.notes, 0),
          g.noteCount,
        );
        for (const r of reviewers) assert.equal(sum(r), r.notes);
      }),
      { numRuns: 300 },
    );
  });

  it('on two versions, threads and their changes agree with diff', () => {
    fc.assert(
      fc.property(chain({ min: 2, max: 2 }), (c) => {
        const g = generate(c);
        const l = buildLedger(g.versions.map(version));
        const config = defaultConfig().config;
        for (const spec of ['p', 'q']) {
          const side = (k: number) => {
            const s = g.versions[k]!.specs.find((x) => x.file?.endsWith(`/${spec}.spec.md`));
            return s ? parseSpec(s.text) : undefined;
          };
          const d = diffSpecs(side(0), side(1), config, config);
          const threads = l.threads.filter((t) => t.spec === spec);
          assert.equal(threads.length, d.requirements.length);
          for (const r of d.requirements) {
            if (r.change === 'removed')
              assert.ok(
                threads.some((t) => at(t, 0)?.id === r.id && at(t, 1)?.change === 'removed'),
                `${spec} ${r.id} removed`,
              );
            else if (r.change === 'added') assert.ok(threads.some((t) => t.history.length === 1 && at(t, 1)?.id === r.id && at(t, 1)?.change === 'added'));
            else
              assert.ok(
                threads.some((t) => at(t, 0)?.id === r.oldId && at(t, 1)?.id === r.id && at(t, 1)?.change === r.change),
                `${spec} ${r.oldId} → ${r.id}`,
              );
          }
          assert.equal(l.summary.versions[0]!.modified, l.diffs[0]!.flatMap((x) => x.requirements).filter((r) => r.change === 'modified').length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on two versions on disk, notes are anchored as `review` anchors them', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-prop-'));
    let run = 0;
    let compared = 0;
    fc.assert(
      fc.property(chain({ min: 2, max: 2 }), (c) => {
        const g = generate(c);
        const dir = path.join(root, String(run++));
        for (const v of g.versions) {
          for (const f of [...v.specs, ...(v.sidecars ?? [])]) {
            fs.mkdirSync(path.join(dir, path.dirname(f.file!)), { recursive: true });
            fs.writeFileSync(path.join(dir, f.file!), f.text);
          }
        }
        const folders = g.versions.map((v) => path.join(dir, v.path!));
        const { ledger } = runLedger(folders);
        const placed = new Map<string, string | null>();
        for (const t of ledger.threads) for (const n of t.notes) placed.set(n.id, at(t, n.versionIndex)!.id);
        for (const n of ledger.unanchored) placed.set(n.id, null);
        for (const folder of folders) {
          for (const r of runReview([folder]).reviews) {
            for (const n of r.notes) {
              const expected = n.anchor === 'ok' || n.anchor === 'reanchored' ? n.currentRequirement : null;
              assert.equal(placed.get(n.id), expected, `${n.id} (${n.anchor})`);
              compared++;
            }
          }
        }
        fs.rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 40 },
    );
    assert.ok(compared > 20, `${compared} notes compared`);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
