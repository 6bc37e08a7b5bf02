/**
 * Property tests: parsing and checking never throw, on random text and on mutated valid specs,
 * configurations and review sidecars; every diagnostic range lies inside its document; no case takes
 * longer than CASE_MS (a hang guard, generous for shared machines). `FUZZ_RUNS` sets the count per
 * property (npm run fuzz: 10,000 each; npm test: 200).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkConfigFile, checkReviewFile, checkSpec, defaultConfig, parseConfig, parseReview, parseSpec, RULE_IDS } from '../../server/src/core/index.js';
import { costSpec } from '../../server/src/core/estimator/estimate.js';
import { RequirementFindings } from '../../server/src/core/analyze.js';
import { LiveDocument } from '../../server/src/core/liveDocument.js';
import { generateSpec } from '../helpers/specs.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** No single case may take longer than this: a hang shows as a failure, not a stuck run. */
const CASE_MS = 5_000;

function bounded(name: string, f: () => void): void {
  const t = performance.now();
  f();
  const ms = performance.now() - t;
  assert.ok(ms < CASE_MS, `${name} took ${ms.toFixed(0)} ms (bound ${CASE_MS} ms)`);
}
const config = defaultConfig();
const base = generateSpec({ requirements: 8, perSection: 3 });

const mutation = fc.record({ at: fc.nat(), remove: fc.nat({ max: 30 }), insert: fc.string({ unit: 'binary', maxLength: 12 }) });

const review = [
  '# A sidecar',
  'spec: gen.spec.md',
  'reviewer: Berkshire, Buckinghamshire and Oxfordshire LMCs',
  'notes:',
  '  - id: n-1',
  '    requirement: GEN-3',
  '    field: Deliverability',
  '    quote: invites them by letter',
  '    stance: object',
  '    status: open',
  '    author: LMC secretary',
  '    created: 2020-01-10',
  '    body: |',
  '      No practice has spare sessions.',
  '    replies:',
  '      - author: NHS England',
  '        created: 2020-01-20',
  '        body: Noted.',
  '',
].join('\n');
const configText = [
  'estimator:',
  '  hours-per-wte: 1650',
  '  pcns: 1250',
  'funding:',
  '  sources:',
  '    arrs: {label: ARRS}',
  'rules:',
  '  short-lead-time: {minimum-days: 90}',
  'profiles:',
  '  lmc: {estimator: {pcns: 1}}',
  '',
].join('\n');

function mutate(text: string, mutations: { at: number; remove: number; insert: string }[]): string {
  for (const m of mutations) {
    const at = m.at % (text.length + 1);
    text = text.slice(0, at) + m.insert + text.slice(at + m.remove);
  }
  return text;
}

function checkAll(text: string): void {
  bounded('spec', () => checkSpecText(text));
}

function checkSpecText(text: string): void {
  const spec = parseSpec(text);
  const diagnostics = checkSpec(spec, { config });
  costSpec(spec, config.config);
  for (const d of diagnostics) {
    assert.ok(
      d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= spec.text.length,
      `${d.code} range ${JSON.stringify(d.range)} outside ${spec.text.length}`,
    );
    assert.ok(RULE_IDS.includes(d.code), d.code);
    assert.ok(d.message.length > 0);
  }
}

describe('fuzzing', () => {
  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => checkAll(s)),
      { numRuns: RUNS },
    );
  });

  it('live documents: binary mutations applied one by one never throw and give the whole parse, findings included', () => {
    // The language server's path: each mutation is an edit of the open document (core/liveDocument.ts),
    // findings reused by requirement and whole-spec findings reused by key (core/analyze.ts).
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), fc.boolean(), (mutations, sendChanges) => {
        const live = new LiveDocument();
        const findings = new RequirementFindings();
        let text = base;
        bounded('live', () => checkSpec(live.parse(text), { config, cache: findings }));
        for (const m of mutations) {
          const at = m.at % (text.length + 1);
          const end = Math.min(text.length, at + m.remove);
          text = text.slice(0, at) + m.insert + text.slice(end);
          bounded('live edit', () => {
            const model = live.parse(text, sendChanges ? [{ start: at, end, length: m.insert.length }] : undefined);
            assert.deepEqual(checkSpec(model, { config, cache: findings }), checkSpec(parseSpec(text, { whole: true }), { config }));
          });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on mutated specs, and keeps ranges inside the document', () => {
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 8 }), (mutations) => checkAll(mutate(base, mutations))),
      { numRuns: RUNS },
    );
  });

  it('never throws on random configuration files', () => {
    const yamlish = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.jsonValue().map((v) => JSON.stringify({ estimator: v, funding: { sources: v }, rules: v, profiles: { x: v } })),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          yamlish,
          fc.array(mutation, { maxLength: 8 }).map((m) => mutate(configText, m)),
        ),
        (text) =>
          bounded('config', () => {
            const loaded = parseConfig(text, 'service-spec.config.yaml', { knownRules: RULE_IDS });
            for (const d of checkConfigFile(loaded)) assert.ok(d.range.start >= 0 && d.range.end <= text.length + 1);
            if (loaded.fellBack) assert.deepEqual(loaded.config.estimator, defaultConfig().config.estimator);
          }),
      ),
      { numRuns: RUNS },
    );
  });

  it('never throws on random and mutated review sidecars, checked against a real spec', () => {
    const spec = parseSpec(base);
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.array(mutation, { maxLength: 8 }).map((m) => mutate(review, m)),
    );
    fc.assert(
      fc.property(text, (t) =>
        bounded('sidecar', () => {
          const r = parseReview(t);
          for (const d of checkReviewFile(r, spec, undefined, { config })) {
            assert.ok(d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= r.text.length, `${d.code} ${JSON.stringify(d.range)}`);
          }
        }),
      ),
      { numRuns: RUNS },
    );
  });
});
