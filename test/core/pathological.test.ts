/**
 * Pathological inputs: each gives diagnostics with every range inside the document, without a
 * throw, a hang or prototype pollution, and loses nothing (the requirement after the hostile part is still
 * analysed; the hostile text itself is still in the prose). Times and growth are in the benchmark
 * (`npm run bench:pathological`); the mocha timeout here is only a hang guard.
 */
import * as assert from 'node:assert/strict';
import {
  checkConfigFile,
  checkReviewFile,
  checkSpec,
  defaultConfig,
  parseConfig,
  parseReview,
  parseSpec,
  RULE_IDS,
  type SpecDiagnostic,
} from '../../server/src/core/index.js';
import { costSpec } from '../../server/src/core/estimator/estimate.js';
import { documentSymbols, foldingRanges } from '../../server/src/core/features/navigation.js';
import { previewBody } from '../../server/src/core/features/preview.js';
import { requirementHover } from '../../server/src/core/hover.js';
import { SENTINEL_ID, SPEC_CASES, YAML_CASES } from '../helpers/pathological.js';

const loaded = defaultConfig({ knownRules: RULE_IDS });

function assertInside(diagnostics: SpecDiagnostic[], length: number): void {
  for (const d of diagnostics) {
    assert.ok(d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= length, `${d.code} range ${JSON.stringify(d.range)} outside 0..${length}`);
    assert.ok(RULE_IDS.includes(d.code), d.code);
    assert.ok(d.message.length > 0);
  }
}

function assertNotPolluted(): void {
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
  assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
}

describe('pathological inputs', function () {
  this.timeout(120_000);

  for (const c of SPEC_CASES) {
    it(`spec: ${c.name}`, () => {
      const text = c.make();
      const spec = parseSpec(text);
      const diagnostics = checkSpec(spec, { config: loaded });
      assertInside(diagnostics, spec.text.length);
      const cost = costSpec(spec, loaded.config);
      for (const r of cost.requirements) assert.ok(!Number.isNaN(r.costPerPractice), `${r.id} cost is NaN`);
      assert.ok(documentSymbols(spec).length >= 0);
      for (const f of foldingRanges(spec)) assert.ok(f.end <= spec.text.length);
      if (spec.requirements.length < 1_000) {
        for (const req of spec.requirements) assert.ok(requirementHover(spec, req, loaded.config, diagnostics).length > 0);
        assert.ok(previewBody(spec, diagnostics, cost, 'default').length > 0);
      }
      assertNotPolluted();
      if (c.sentinel) {
        const last = spec.requirements[spec.requirements.length - 1];
        assert.equal(last?.id, SENTINEL_ID, 'the requirement after the hostile part was lost');
        assert.deepEqual(
          last.fields.map((f) => f.key),
          ['deadline', 'funding', 'deliverability'],
        );
        const onSentinel = diagnostics.filter((d) => d.range.start >= last.range.start && d.code !== 'short-lead-time');
        assert.deepEqual(
          onSentinel.map((d) => d.code),
          [],
        );
      }
      if (c.kept) {
        const hostile = spec.requirements.find((r) => r.id === 'X-1');
        assert.ok(hostile, 'X-1 lost');
        assert.ok(
          hostile.prose.some((p) => p.text.includes(c.kept!)),
          `"${c.kept}" is not in X-1's prose`,
        );
      }
    });
  }

  it('reports what it reads as plain text, at the exact range', () => {
    const text = SPEC_CASES.find((c) => c.name === 'a 1 MB single line')!.make();
    const spec = parseSpec(text);
    const found = checkSpec(spec, { config: loaded }).filter((d) => d.code === 'complex-markdown');
    assert.equal(found.length, 1);
    const lineStart = text.indexOf('a a a');
    assert.equal(found[0]!.range.start, lineStart + 10_000);
    assert.equal(text.slice(found[0]!.range.end - 'KEPT-TAIL'.length, found[0]!.range.end), 'KEPT-TAIL');
  });

  it('reports consecutive lines over a limit once, and at most 100 places per file', () => {
    const staircase = parseSpec(SPEC_CASES.find((c) => c.name.startsWith('1,000 nested list items'))!.make());
    const once = checkSpec(staircase, { config: loaded }).filter((d) => d.code === 'complex-markdown');
    assert.equal(once.length, 1);
    assert.match(once[0]!.message, /^Nesting too deep to analyse on 980 consecutive lines \(to line \d+\): indentation of up to 2,000 columns \(limit 40\)/);
    const many = parseSpec(SPEC_CASES.find((c) => c.name === '50,000 nested list items, one per line')!.make());
    const capped = checkSpec(many, { config: loaded }).filter((d) => d.code === 'complex-markdown');
    assert.equal(capped.length, 100);
    assert.match(capped[99]!.message, /\(and 400 more places in this file\)$/);
  });

  it('is the same with and without chunking on hostile input', () => {
    for (const c of SPEC_CASES.filter((c) => !/10 MB|100,000|50,000 nested list items, one/.test(c.name))) {
      const text = c.make();
      const a = parseSpec(text);
      const b = parseSpec(text, { whole: true });
      assert.deepEqual(
        checkSpec(a, { config: loaded }).map((d) => [d.code, d.range.start, d.range.end]),
        checkSpec(b, { config: loaded }).map((d) => [d.code, d.range.start, d.range.end]),
        c.name,
      );
    }
  });

  for (const c of YAML_CASES) {
    it(`configuration: ${c.name}`, () => {
      const config = parseConfig(c.text, 'service-spec.config.yaml', { knownRules: RULE_IDS });
      for (const d of checkConfigFile(config)) assert.ok(d.range.start >= 0 && d.range.end <= c.text.length, JSON.stringify(d.range));
      // Whatever the file holds, the estimator's numbers stay usable (a bad file falls back to the defaults).
      for (const [k, v] of Object.entries(config.config.estimator)) if (typeof v === 'number') assert.ok(Number.isFinite(v) && v >= 0, `${k} = ${v}`);
      assertNotPolluted();
    });

    it(`review sidecar: ${c.name}`, () => {
      const review = parseReview(c.text);
      const diagnostics = checkReviewFile(review, undefined, 'not read', { config: loaded });
      assertInside(diagnostics, review.text.length);
      assertNotPolluted();
    });
  }
});
