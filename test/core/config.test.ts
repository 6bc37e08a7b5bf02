import * as assert from 'node:assert/strict';
import { parseConfig, defaultConfig, RULE_IDS, DEFAULT_CONFIG, ESTIMATOR_SOURCES } from '../../server/src/core/index.js';
import { joinLines, markers } from '../helpers/golden.js';

const opts = { knownRules: RULE_IDS };

describe('configuration', () => {
  it('deep-merges over the defaults; null removes a role or a source', () => {
    const c = parseConfig(
      joinLines(
        'estimator:',
        '  population: 30000',
        '  roles:',
        '    gp: { hourly-cost: 68 }',
        '    admin: null',
        'funding:',
        '  sources:',
        '    iif: null',
        '    local: { label: Local }',
      ),
      'c.yaml',
      opts,
    );
    assert.deepEqual(c.problems, []);
    assert.equal(c.config.estimator.population, 30000);
    assert.equal(c.config.estimator.practices, 5.4);
    assert.equal(c.config.estimator.roles.gp!['hourly-cost'], 68);
    assert.equal(c.config.estimator.roles.gp!.label, 'GP');
    assert.ok(!('admin' in c.config.estimator.roles));
    assert.ok(!('iif' in c.config.funding.sources));
    assert.equal(c.config.funding.sources.local!.label, 'Local');
  });

  it('applies a named profile over the file', () => {
    const text = joinLines(
      'estimator:',
      '  roles:',
      '    gp: { hourly-cost: 68 }',
      'profiles:',
      '  lmc:',
      '    estimator: { roles: { gp: { hourly-cost: 100 } } }',
    );
    assert.equal(parseConfig(text, 'c.yaml', opts).config.estimator.roles.gp!['hourly-cost'], 68);
    const lmc = parseConfig(text, 'c.yaml', { ...opts, profile: 'lmc' });
    assert.equal(lmc.profile, 'lmc');
    assert.equal(lmc.config.estimator.roles.gp!['hourly-cost'], 100);
    assert.deepEqual(lmc.profiles, ['lmc']);
    assert.equal(parseConfig(text, 'c.yaml', { ...opts, profile: 'nope' }).unknownProfile, 'nope');
  });

  it('locates schema errors at the offending node and falls back to the defaults', () => {
    const { text, offsets } = markers(joinLines('estimator:', '  population: $$lots$$', 'rules:', '  short-lead-time: { severity: $$loud$$ }'));
    const c = parseConfig(text, 'c.yaml', opts);
    assert.equal(c.fellBack, true);
    assert.deepEqual(c.config.estimator, DEFAULT_CONFIG.estimator);
    assert.deepEqual(
      c.problems.map((p) => [p.range, p.severity]),
      [
        [{ start: offsets[0], end: offsets[1] }, 'error'],
        [{ start: offsets[2], end: offsets[3] }, 'error'],
      ],
    );
    assert.match(c.problems[0]!.message, /estimator\.population' is "lots"; expected a number/);
  });

  it('warns about unknown keys and rule ids, with suggestions, and still uses the file', () => {
    const c = parseConfig(joinLines('estimator:', '  practises: 5', 'rules:', '  short-lead-tim: { severity: off }'), 'c.yaml', opts);
    assert.equal(c.fellBack, false);
    assert.deepEqual(
      c.problems.map((p) => p.severity),
      ['warning', 'warning'],
    );
    assert.match(c.problems[0]!.message, /did you mean 'practices'/);
    assert.match(c.problems[1]!.message, /did you mean 'short-lead-time'/);
  });

  it('reports YAML syntax errors and alias bombs without throwing', () => {
    assert.equal(parseConfig('estimator: [unclosed', 'c.yaml', opts).fellBack, true);
    const bomb = joinLines(
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
    );
    const c = parseConfig(bomb, 'c.yaml', opts);
    assert.equal(c.fellBack, true);
  });

  it('names a source for every built-in figure', () => {
    for (const key of Object.keys(DEFAULT_CONFIG.estimator).filter((k) => k !== 'roles')) assert.ok(ESTIMATOR_SOURCES[key], `no source for estimator.${key}`);
    for (const [id, role] of Object.entries(defaultConfig().config.estimator.roles)) assert.ok(role.source, `no source for role ${id}`);
    for (const [id, src] of Object.entries(defaultConfig().config.funding.sources)) assert.ok(src.source, `no source for funding source ${id}`);
  });

  it('attributes a figure the file or a profile changes to it, unless it names its own source', () => {
    const text = joinLines(
      'estimator:',
      '  roles:',
      '    gp: { hourly-cost: 68 }',
      '    admin: { hourly-cost: 12, source: "local payroll" }',
      'profiles:',
      '  lmc:',
      '    estimator: { roles: { gp: { hourly-cost: 100 } } }',
    );
    const c = parseConfig(text, '/x/service-spec.config.yaml', opts);
    assert.equal(c.config.estimator.roles.gp!.source, 'set in service-spec.config.yaml');
    assert.equal(c.config.estimator.roles.admin!.source, 'local payroll');
    assert.match(c.config.estimator.roles['clinical-pharmacist']!.source!, /Pharmaceutical Journal/);
    const lmc = parseConfig(text, '/x/service-spec.config.yaml', { ...opts, profile: 'lmc' });
    assert.equal(lmc.config.estimator.roles.gp!.source, 'set by profile lmc in service-spec.config.yaml');
  });
});
