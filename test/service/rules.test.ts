/** One rule runner for specs, configuration files and review sidecars: same severity resolution, same guard. */
import * as assert from 'node:assert/strict';
import { checkConfigFile, checkReviewFile, checkSpec, defaultConfig, parseConfig, parseReview, parseSpec, type Rule } from '../../server/src/core/index.js';
import { RequirementFindings } from '../../server/src/core/analyze.js';

type Kind = 'checkSpec' | 'checkRequirement' | 'checkConfig' | 'checkReview';

const boom = (kind: Kind): Rule => ({
  id: 'boom',
  defaultSeverity: 'warning',
  description: 'throws',
  [kind]: () => {
    throw new Error('kaput');
  },
});

const quiet = (kind: Kind): Rule => ({
  id: 'quiet',
  defaultSeverity: 'warning',
  description: 'reports once',
  [kind]: ({ report }: { report: (r: { start: number; end: number }, m: string) => void }) => report({ start: 0, end: 1 }, 'found'),
});

describe('one rule runner (core/analyze.ts)', () => {
  const review = parseReview('spec: a.spec.md\nnotes: []\n');
  const spec = parseSpec('# A\n');
  const oneRequirement = parseSpec('# A\n### X-1: One\n');
  const config = defaultConfig();

  for (const kind of ['checkSpec', 'checkRequirement', 'checkConfig', 'checkReview'] as const) {
    const run = (rules: Rule[], severityOverrides?: Record<string, 'off' | 'error'>) =>
      kind === 'checkSpec' || kind === 'checkRequirement'
        ? checkSpec(kind === 'checkSpec' ? spec : oneRequirement, { config, rules, severityOverrides })
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

  it('checkRequirement: a rule that throws on every requirement is one finding; findings are reused by requirement, not after a failure', () => {
    const three = parseSpec('# A\n### X-1: One\n### X-2: Two\n### X-3: Three\n');
    let calls = 0;
    const flaky: Rule = {
      id: 'flaky',
      defaultSeverity: 'warning',
      description: 'throws on X-2',
      checkRequirement: ({ report }, req) => {
        calls++;
        if (req.id === 'X-2') throw new Error('kaput');
        report(req.idRange, `seen ${req.id}`);
      },
    };
    assert.deepEqual(
      checkSpec(three, { config, rules: [flaky, boom('checkRequirement')] }).map((x) => [x.code, x.message]),
      [
        ['boom', 'Rule boom failed on this file: kaput'],
        ['flaky', 'Rule flaky failed on this file: kaput'],
        ['flaky', 'seen X-1'],
        ['flaky', 'seen X-3'],
      ],
    );
    const rules = [flaky];
    const cache = new RequirementFindings();
    calls = 0;
    const first = checkSpec(three, { config, rules, cache });
    assert.equal(calls, 3);
    calls = 0;
    assert.deepEqual(checkSpec(three, { config, rules, cache }), first);
    assert.equal(calls, 1, 'only the requirement whose check failed runs again');
    // Another configuration: nothing is reused.
    calls = 0;
    checkSpec(three, { config: defaultConfig(), rules, cache });
    assert.equal(calls, 3);
  });
});
