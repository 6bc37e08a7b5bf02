/** One rule runner for specs, configuration files and review sidecars: same severity resolution, same guard. */
import * as assert from 'node:assert/strict';
import { checkConfigFile, checkReviewFile, checkSpec, defaultConfig, parseConfig, parseReview, parseSpec, type Rule } from '../../server/src/core/index.js';

const boom = (kind: 'checkSpec' | 'checkConfig' | 'checkReview'): Rule => ({
  id: 'boom',
  defaultSeverity: 'warning',
  description: 'throws',
  [kind]: () => {
    throw new Error('kaput');
  },
});

const quiet = (kind: 'checkSpec' | 'checkConfig' | 'checkReview'): Rule => ({
  id: 'quiet',
  defaultSeverity: 'warning',
  description: 'reports once',
  [kind]: ({ report }: { report: (r: { start: number; end: number }, m: string) => void }) => report({ start: 0, end: 1 }, 'found'),
});

describe('one rule runner (core/analyze.ts)', () => {
  const review = parseReview('spec: a.spec.md\nnotes: []\n');
  const spec = parseSpec('# A\n');
  const config = defaultConfig();

  for (const kind of ['checkSpec', 'checkConfig', 'checkReview'] as const) {
    const run = (rules: Rule[], severityOverrides?: Record<string, 'off' | 'error'>) =>
      kind === 'checkSpec'
        ? checkSpec(spec, { config, rules, severityOverrides })
        : kind === 'checkConfig'
          ? checkConfigFile(config, { rules, severityOverrides })
          : checkReviewFile(review, spec, undefined, { config, rules, severityOverrides });

    it(`${kind}: a rule that throws becomes one finding and the others still run`, () => {
      const d = run([boom(kind), quiet(kind)]);
      assert.deepEqual(
        d.map((x) => [x.code, x.severity, x.message]),
        [
          ['boom', 'error', 'Rule boom failed on this file: kaput'],
          ['quiet', 'warning', 'found'],
        ],
      );
    });

    it(`${kind}: editor severities win (off skips the rule, a level applies to every finding)`, () => {
      assert.deepEqual(run([quiet(kind)], { quiet: 'off' }), []);
      assert.deepEqual(
        run([quiet(kind)], { quiet: 'error' }).map((x) => x.severity),
        ['error'],
      );
    });
  }

  it('keeps a finding its own severity only while the rule has its default severity', () => {
    const loaded = parseConfig('estimator:\n  nonsense: 1\n', '/w/service-spec.config.yaml');
    assert.deepEqual(
      checkConfigFile(loaded).map((x) => x.severity),
      ['warning'],
    );
    assert.deepEqual(
      checkConfigFile(loaded, { severityOverrides: { 'invalid-config': 'hint' } }).map((x) => x.severity),
      ['hint'],
    );
  });
});
