/** The estimator against hand-computed figures (docs/format.md, Workload blocks and the cost formula) and its properties. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { defaultConfig, parseConfig, parseSpec, RULE_IDS } from '../../server/src/core/index.js';
import { costSpec, formatMoney, formatHours } from '../../server/src/core/estimator/estimate.js';
import { phase } from '../../server/src/core/estimator/phasing.js';
import { parseIsoDate } from '../../server/src/core/dates.js';
import { joinLines } from '../helpers/golden.js';

function spec(workload: string, funding = 'arrs'): string {
  return joinLines(
    '---',
    'id: x',
    'title: X',
    'version: 1',
    'status: draft',
    'published: 2020-03-31',
    '---',
    '### X-1: Round',
    `- **Funding:** ${funding}`,
    '',
    '```workload',
    workload,
    '```',
    '',
  );
}

const defaults = defaultConfig().config;

describe('estimator', () => {
  it('reproduces the worked example: 60 min × 26/yr × 9.6 care homes = 249.6 h × £100/h = £24,960', () => {
    const cost = costSpec(parseSpec(spec('role: gp\nminutes: 60\nevery: fortnight\nper: care-home')), defaults);
    const r = cost.requirements[0]!;
    assert.equal(r.activities[0]!.formula, '60 min × 26/yr × 9.6 care homes = 249.6 h × £100/h = £24,960');
    assert.ok(Math.abs(r.hoursPerPcn - 249.6) < 1e-9);
    assert.ok(Math.abs(r.costPerPcn - 24960) < 1e-9);
    assert.ok(Math.abs(r.costPerPractice - 24960 / 5.4) < 1e-9);
    assert.ok(Math.abs(r.costNational - 31_200_000) < 1e-6);
    assert.deepEqual(r.funding, ['arrs']);
  });

  it('computes patients by rate per 1,000, shares, one-offs and every unit by hand', () => {
    const cases: [string, number][] = [
      // 45/60 × 1 × (48,000 × 20 / 1,000 = 960) × £33 = 720 h × 33 = £23,760
      ['role: clinical-pharmacist\nminutes: 45\nevery: year\nper: patient\nrate-per-1000: 20', 23760],
      // 120/60 × 52 × 9.6 × 0.5 × £20 = 499.2 h × 20 = £9,984
      ['role: practice-nurse\nminutes: 120\nevery: week\nper: care-home\nshare: 0.5', 9984],
      // 30/60 × 1 × 365 beds × £100 = £18,250 (a one-off counts once in the annual figure)
      ['role: gp\nminutes: 30\nevery: once\nper: care-home-bed', 18250],
      // 60/60 × 12 × 5.4 practices × £14.37 = 64.8 h × 14.37 = £931.176
      ['role: admin\nminutes: 60\nevery: month\nper: practice', 931.176],
      // 90/60 × 4 × 1 × £21 = £126
      ['role: social-prescribing-link-worker\nminutes: 90\nevery: quarter\nper: pcn', 126],
      // 10/60 × 365 × 1 × £18 = £1,095
      ['role: health-coach\nminutes: 10\nevery: day\nper: pcn', 1095],
    ];
    for (const [workload, expected] of cases) {
      const c = costSpec(parseSpec(spec(workload)), defaults).requirements[0]!.costPerPcn;
      assert.ok(Math.abs(c - expected) < 1e-6, `${workload}: ${c} ≠ ${expected}`);
    }
  });

  it('leaves invalid entries out of the sums and counts none or missing funding as unfunded', () => {
    const c = costSpec(
      parseSpec(spec('- role: gp\n  minutes: 60\n  every: fortnight\n  per: care-home\n- role: nobody\n  minutes: 60\n  every: week\n  per: pcn', 'none')),
      defaults,
    );
    assert.equal(c.requirements[0]!.activities.length, 1);
    assert.ok(Math.abs(c.total.unfundedCostPerPcn - 24960) < 1e-9);
    const missing = costSpec(parseSpec(spec('role: gp\nminutes: 60\nevery: year\nper: pcn').replace('- **Funding:** arrs\n', '')), defaults);
    assert.deepEqual(missing.requirements[0]!.funding, []);
    assert.ok(Math.abs(missing.total.unfundedCostPerPcn - 100) < 1e-9);
  });

  it('is linear in minutes, national = per PCN × pcns, per practice = per PCN ÷ practices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.constantFrom('day', 'week', 'fortnight', 'month', 'quarter', 'year', 'once'),
        fc.constantFrom('pcn', 'practice', 'patient', 'care-home', 'care-home-bed'),
        (minutes, every, per) => {
          const one = costSpec(parseSpec(spec(`role: gp\nminutes: ${minutes}\nevery: ${every}\nper: ${per}`)), defaults).total;
          const two = costSpec(parseSpec(spec(`role: gp\nminutes: ${minutes * 2}\nevery: ${every}\nper: ${per}`)), defaults).total;
          assert.ok(Math.abs(two.costPerPcn - 2 * one.costPerPcn) < 1e-6 * Math.max(1, one.costPerPcn));
          assert.ok(Math.abs(one.costNational - one.costPerPcn * 1250) < 1e-6 * Math.max(1, one.costNational));
          assert.ok(Math.abs(one.costPerPractice - one.costPerPcn / 5.4) < 1e-6 * Math.max(1, one.costPerPractice));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('costs nothing when the share is 0 (an invalid share is left out)', () => {
    assert.equal(costSpec(parseSpec(spec('role: gp\nminutes: 60\nevery: week\nper: pcn\nshare: 0')), defaults).total.costPerPcn, 0);
  });

  it('lets a profile override only what it names', () => {
    const text = joinLines('estimator:', '  population: 30000', 'profiles:', '  lmc:', '    estimator: { roles: { gp: { hourly-cost: 130 } } }');
    const base = parseConfig(text, 'c.yaml', { knownRules: RULE_IDS }).config;
    const lmc = parseConfig(text, 'c.yaml', { knownRules: RULE_IDS, profile: 'lmc' }).config;
    assert.equal(lmc.estimator.roles.gp!['hourly-cost'], 130);
    assert.deepEqual({ ...lmc.estimator, roles: { ...lmc.estimator.roles, gp: base.estimator.roles.gp } }, base.estimator);
    assert.deepEqual(lmc.funding, base.funding);
  });

  it('formats money to whole pounds and hours to one decimal', () => {
    assert.equal(formatMoney(24960.4), '£24,960');
    assert.equal(formatMoney(24960.5), '£24,961');
    assert.equal(formatMoney(14.37, true), '£14.37');
    assert.equal(formatHours(249.6), '249.6');
    assert.equal(formatHours(1248), '1,248');
  });

  it('spreads annual costs over financial-year quarters from `from`, one-offs in their quarter', () => {
    const d = (s: string) => parseIsoDate(s)!;
    const activities = [
      { every: 'week', costPerPcn: 365, hoursPerPcn: 36.5, from: '2020-10-01' },
      { every: 'once', costPerPcn: 100, hoursPerPcn: 1, from: '2020-05-01' },
    ] as never[];
    const p = phase(activities, { start: d('2020-03-31'), practices: 5, pcns: 10 });
    assert.deepEqual(
      p.quarters.map((q) => [q.label, Math.round(q.costPerPcn)]),
      [
        ['2020/21 Q1', 100],
        ['2020/21 Q2', 0],
        ['2020/21 Q3', 92],
        ['2020/21 Q4', 90],
      ],
    );
    assert.deepEqual(
      p.years.map((y) => [y.label, Math.round(y.costPerPcn)]),
      [['2020/21', 282]],
    );
  });
});
