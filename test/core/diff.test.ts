/** Version diff: pairing, moves and the properties the negotiators rely on. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { defaultConfig, parseSpec } from '../../server/src/core/index.js';
import { diffSpecs, summarise } from '../../server/src/core/diff/diff.js';
import { costSpec } from '../../server/src/core/estimator/estimate.js';

const config = defaultConfig().config;
const WORDS = [
  'review',
  'home',
  'round',
  'pharmacist',
  'frailty',
  'referral',
  'screening',
  'plan',
  'care',
  'network',
  'practice',
  'clinical',
  'lead',
  'record',
  'cohort',
  'nurse',
  'session',
  'patient',
  'resident',
  'alliance',
  'safety',
  'netting',
  'budget',
  'medicine',
  'opioid',
  'discharge',
  'coordinator',
  'template',
  'consent',
  'video',
];

interface Req {
  section: number;
  words: string[];
  deadline: string;
  minutes: number;
}

function specText(reqs: { id: string; r: Req }[]): string {
  const out = ['---', 'id: gen', 'title: Gen', 'version: 1', 'status: draft', 'published: 2020-03-31', '---', '# Gen', ''];
  let section = -1;
  for (const { id, r } of reqs) {
    if (r.section !== section) {
      section = r.section;
      out.push(`## Section ${section}`, '');
    }
    out.push(
      `### ${id}: ${r.words.slice(0, 3).join(' ')}`,
      r.words.join(' ') + '.',
      '',
      `- **Deadline:** ${r.deadline}`,
      '- **Funding:** arrs',
      '- **Deliverability:** green: fine',
      '',
      '```workload',
      'role: gp',
      `minutes: ${r.minutes}`,
      'every: month',
      'per: practice',
      '```',
      '',
    );
  }
  return out.join('\n');
}

/** Requirements with pairwise distinct content (disjoint word sets), so pairing has one right answer. */
const reqs = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc
    .tuple(
      fc.shuffledSubarray(WORDS, { minLength: n * 4, maxLength: n * 4 }),
      fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 5, max: 90 }), { minLength: n, maxLength: n }),
    )
    .map(([words, sections, minutes]) =>
      [...sections].sort().map((section, i) => ({
        section,
        words: words.slice(i * 4, i * 4 + 4),
        deadline: `2020-${String(4 + i).padStart(2, '0')}-01`,
        minutes: minutes[i]!,
      })),
    ),
);

const numbered = (list: Req[], offset = 0) => list.map((r, i) => ({ id: `G-${i + 1 + offset}`, r }));

describe('version diff', () => {
  it('diff(a, a) is all unchanged, with no cost delta', () => {
    fc.assert(
      fc.property(reqs, (list) => {
        const a = parseSpec(specText(numbered(list)));
        const d = diffSpecs(a, a, config, config);
        assert.ok(d.requirements.every((r) => r.change === 'unchanged'));
        assert.equal(d.change, 'unchanged');
        assert.equal(d.costDeltaPerPcn, 0);
      }),
      { numRuns: 60 },
    );
  });

  it('inserting a requirement at the top and shifting every id gives renumbered, not modified', () => {
    fc.assert(
      fc.property(reqs, (list) => {
        const a = parseSpec(specText(numbered(list)));
        const b = parseSpec(specText(numbered(list, 5)));
        const d = diffSpecs(a, b, config, config);
        assert.deepEqual([...new Set(d.requirements.map((r) => r.change))], ['renumbered']);
        assert.ok(d.requirements.every((r) => r.fields.length === 0));
      }),
      { numRuns: 60 },
    );
  });

  it('shuffling requirements within their sections gives only moved or unchanged', () => {
    fc.assert(
      fc.property(reqs, fc.integer(), (list, seed) => {
        const named = numbered(list);
        // Shuffle within each section, keeping ids and sections (a stable permutation by a seeded key).
        const shuffled = [...named].sort(
          (x, y) =>
            x.r.section - y.r.section ||
            ((x.id.length * 31 + seed) % 7) - ((y.id.length * 17 + seed) % 5) ||
            (seed % 2 ? x.id.localeCompare(y.id) : y.id.localeCompare(x.id)),
        );
        const d = diffSpecs(parseSpec(specText(named)), parseSpec(specText(shuffled)), config, config);
        assert.ok(
          d.requirements.every((r) => r.change === 'moved' || r.change === 'unchanged'),
          JSON.stringify(d.requirements.map((r) => [r.id, r.change])),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('diff(b, a) mirrors diff(a, b): added and removed swap, deltas negate', () => {
    fc.assert(
      fc.property(reqs, reqs, (x, y) => {
        const a = parseSpec(specText(numbered(x)));
        const b = parseSpec(specText(numbered(y)));
        const ab = summarise([diffSpecs(a, b, config, config)]);
        const ba = summarise([diffSpecs(b, a, config, config)]);
        assert.equal(ab.added, ba.removed);
        assert.equal(ab.removed, ba.added);
        assert.equal(ab.modified, ba.modified);
        assert.equal(ab.renumbered, ba.renumbered);
        assert.equal(ab.moved, ba.moved);
        assert.ok(Math.abs(ab.costDeltaPerPcn + ba.costDeltaPerPcn) < 1e-6);
      }),
      { numRuns: 80 },
    );
  });

  it('cost deltas equal the difference of the two cost reports', () => {
    fc.assert(
      fc.property(reqs, reqs, (x, y) => {
        const a = parseSpec(specText(numbered(x)));
        const b = parseSpec(specText(numbered(y)));
        const d = diffSpecs(a, b, config, config);
        const total = (s: typeof a) => costSpec(s, config).total.costPerPcn;
        assert.ok(Math.abs(d.costDeltaPerPcn - (total(b) - total(a))) < 1e-6);
        assert.ok(Math.abs(d.requirements.reduce((n, r) => n + r.costDeltaPerPcn, 0) - (total(b) - total(a))) < 1e-6);
      }),
      { numRuns: 60 },
    );
  });

  it('reports field changes: deadline days, funding added and removed, workload and text', () => {
    const base = [{ id: 'G-1', r: { section: 0, words: ['review', 'home', 'round', 'nurse'], deadline: '2020-04-01', minutes: 30 } }];
    const a = parseSpec(specText(base));
    const b = parseSpec(
      specText([{ id: 'G-1', r: { ...base[0]!.r, deadline: '2020-10-01', minutes: 60 } }]).replace(
        '- **Funding:** arrs',
        '- **Funding:** arrs, care-home-premium',
      ),
    );
    const d = diffSpecs(a, b, config, config);
    const r = d.requirements[0]!;
    assert.equal(r.change, 'modified');
    assert.deepEqual(
      r.fields.find((f) => f.field === 'Deadline'),
      { field: 'Deadline', old: '2020-04-01', new: '2020-10-01', days: 183 },
    );
    assert.deepEqual(r.fields.find((f) => f.field === 'Funding')!.added, ['care-home-premium']);
    assert.ok(r.fields.some((f) => f.field === 'Workload'));
    // 30 more minutes a month for 5.4 practices at £100/h: 0.5 × 12 × 5.4 × 100 = £3,240 per PCN.
    assert.ok(Math.abs(r.costDeltaPerPcn - 3240) < 1e-6);
    assert.equal(r.direction, 'mixed');
  });
});
