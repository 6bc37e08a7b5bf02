/**
 * pairRequirements takes the pairs with the same id and the same words before comparing the rest (the
 * redline of a 1,000-requirement spec waited seconds on comparing every requirement with every other). The
 * pairs must be those of the plain greedy assignment: checked against it on random versions with duplicate
 * ids, reworded, dropped, added, renumbered and shuffled requirements.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { jaccard, PAIR_THRESHOLD, pairRequirements } from '../../server/src/core/diff/diff.js';
import { field, type Requirement } from '../../server/src/core/model.js';
import { parseSpec } from '../../server/src/core/parse.js';
import { generateSpec } from '../helpers/specs.js';

const words = (s: string) => new Set((s.toLowerCase().match(/[a-z0-9]+(?:[-'][a-z0-9]+)*/g) ?? []).filter((w) => w.length > 2));
const contentWords = (r: Requirement) => words([r.title, ...r.prose.slice(1).map((p) => p.text), field(r, 'deliverability')?.value ?? ''].join(' '));

/** The greedy assignment over every pair, as diff.ts describes it. */
function greedy(olds: Requirement[], news: Requirement[]): Map<number, number> {
  const ow = olds.map(contentWords);
  const nw = news.map(contentWords);
  const candidates: { i: number; j: number; score: number; key: string }[] = [];
  olds.forEach((o, i) => {
    news.forEach((n, j) => {
      const sim = jaccard(ow[i]!, nw[j]!);
      const same = o.id === n.id;
      if (!same && sim < PAIR_THRESHOLD) return;
      const ids = [o.id, n.id].sort();
      candidates.push({ i, j, score: sim + (same ? 0.5 : 0), key: `${ids[0]}\u0000${ids[1]}` });
    });
  });
  candidates.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const pairs = new Map<number, number>();
  const used = new Set<number>();
  for (const c of candidates) {
    if (pairs.has(c.i) || used.has(c.j)) continue;
    pairs.set(c.i, c.j);
    used.add(c.j);
  }
  return pairs;
}

const W = ['care', 'home', 'round', 'weekly', 'review', 'plan', 'network', 'practice', 'patient', 'record'];
const req = fc.record({
  id: fc.integer({ min: 1, max: 6 }),
  title: fc.array(fc.constantFrom(...W), { minLength: 1, maxLength: 3 }),
  prose: fc.array(fc.constantFrom(...W), { maxLength: 5 }),
});
type R = typeof req extends fc.Arbitrary<infer T> ? T : never;
const text = (rs: R[]) => `---\nid: t\n---\n${rs.map((r) => `### T-${r.id}: ${r.title.join(' ')}\n${r.prose.join(' ')}\n`).join('\n')}`;

describe('docx: the version diff pairs as before, faster', () => {
  it('gives the greedy pairs on random versions', () => {
    fc.assert(
      fc.property(
        fc.array(req, { maxLength: 8 }),
        fc.array(fc.constantFrom('same', 'same', 'drop', 'reword', 'renumber'), { minLength: 8, maxLength: 8 }),
        fc.array(req, { maxLength: 3 }),
        fc.boolean(),
        (base, fates, added, shuffle) => {
          const next = base
            .map((r, i) => ({ r, fate: fates[i]! }))
            .filter((x) => x.fate !== 'drop')
            .map(({ r, fate }) => (fate === 'reword' ? { ...r, prose: [...r.prose, 'care'] } : fate === 'renumber' ? { ...r, id: r.id + 1 } : r))
            .concat(added);
          if (shuffle) next.reverse();
          const a = parseSpec(text(base)).requirements;
          const b = parseSpec(text(next)).requirements;
          assert.deepEqual([...pairRequirements(a, b)].sort(), [...greedy(a, b)].sort());
        },
      ),
      { numRuns: 500 },
    );
  });

  it('pairs 1,000 requirements of two close versions in well under a second', () => {
    const t = generateSpec({ requirements: 1000 });
    const a = parseSpec(t).requirements;
    const b = parseSpec(t.replace(/cohort (\d*7) /g, 'group $1 ')).requirements;
    const start = performance.now();
    const pairs = pairRequirements(a, b);
    const ms = performance.now() - start;
    assert.equal(pairs.size, 1000);
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
  });
});
