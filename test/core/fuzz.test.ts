/**
 * Property tests: parsing and checking never throw, on random text and on mutated valid specs, and every
 * diagnostic range lies inside the document. `FUZZ_RUNS` raises the count (npm run fuzz uses more).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkConfigFile, checkSpec, defaultConfig, parseConfig, parseSpec, RULE_IDS } from '../../server/src/core/index.js';
import { generateSpec } from '../helpers/specs.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const config = defaultConfig();
const base = generateSpec({ requirements: 8, perSection: 3 });

const mutation = fc.record({ at: fc.nat(), remove: fc.nat({ max: 30 }), insert: fc.string({ unit: 'binary', maxLength: 12 }) });

function checkAll(text: string): void {
  const spec = parseSpec(text);
  const diagnostics = checkSpec(spec, { config });
  for (const d of diagnostics) {
    assert.ok(d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= spec.text.length, `${d.code} range ${JSON.stringify(d.range)} outside ${spec.text.length}`);
    assert.ok(RULE_IDS.includes(d.code), d.code);
    assert.ok(d.message.length > 0);
  }
}

describe('fuzzing', () => {
  it('never throws on random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => checkAll(s)), { numRuns: RUNS });
  });

  it('never throws on mutated specs, and keeps ranges inside the document', () => {
    fc.assert(
      fc.property(fc.array(mutation, { maxLength: 8 }), (mutations) => {
        let text = base;
        for (const m of mutations) {
          const at = m.at % (text.length + 1);
          text = text.slice(0, at) + m.insert + text.slice(at + m.remove);
        }
        checkAll(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on random configuration files', () => {
    const yamlish = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.jsonValue().map((v) => JSON.stringify({ estimator: v, funding: { sources: v }, rules: v, profiles: { x: v } })),
    );
    fc.assert(
      fc.property(yamlish, (text) => {
        const loaded = parseConfig(text, 'service-spec.config.yaml', { knownRules: RULE_IDS });
        for (const d of checkConfigFile(loaded)) assert.ok(d.range.start >= 0 && d.range.end <= text.length + 1);
        if (loaded.fellBack) assert.deepEqual(loaded.config.estimator, defaultConfig().config.estimator);
      }),
      { numRuns: RUNS },
    );
  });
});
