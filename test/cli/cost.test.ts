/** `service-spec cost`: every format as golden files, the documented JSON keys, escaping, exit codes. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../helpers/cli.js';
import { expectGolden, expectReadmeBlock, joinLines } from '../helpers/golden.js';

describe('service-spec cost', () => {
  it('prints the samples in every format as in the golden files', () => {
    for (const [format, ext] of [
      ['text', 'txt'],
      ['json', 'json'],
      ['markdown', 'md'],
      ['html', 'html'],
    ] as const) {
      const r = run(['cost', 'samples', '--format', format]);
      assert.equal(r.code, 0, r.stderr);
      expectGolden(`test/golden/cost-samples.${ext}`, r.stdout);
    }
    expectGolden('test/golden/cost-samples-lmc.txt', run(['cost', 'samples', '--profile', 'lmc']).stdout);
  });

  it('keeps the README figures equal to the tool output: draft vs final under both profiles', () => {
    const def = run(['cost', 'samples', '--summary', '--format', 'markdown']).stdout;
    const lmc = run(['cost', 'samples', '--summary', '--format', 'markdown', '--profile', 'lmc']).stdout;
    expectReadmeBlock('cost-default', '`npx service-spec cost samples --summary --format markdown`\n\n' + def);
    expectReadmeBlock('cost-lmc', '`npx service-spec cost samples --summary --format markdown --profile lmc`\n\n' + lmc);
  });

  it('follows the documented JSON keys, with unrounded numbers', () => {
    const doc = JSON.parse(run(['cost', 'samples/2019-12-draft/ehch.spec.md', '--format', 'json']).stdout);
    assert.equal(doc.profile, 'default');
    assert.deepEqual(Object.keys(doc.assumptions).sort(), ['care-home-beds', 'care-homes', 'pcns', 'population', 'practices', 'roles']);
    assert.equal(doc.assumptions.roles.gp['hourly-cost'], 68);
    const s = doc.specs[0];
    assert.equal(s.file, 'samples/2019-12-draft/ehch.spec.md');
    assert.equal(s.id, 'ehch');
    assert.equal(s.version, '2019-12-draft');
    assert.equal(s.config, 'samples/service-spec.config.yaml');
    const r3 = s.requirements.find((r: { id: string }) => r.id === 'EHCH-3');
    for (const k of ['id', 'title', 'hoursPerPcn', 'costPerPcn', 'costPerPractice', 'costNational', 'funding']) assert.ok(k in r3, k);
    // 60/60 × 26 × 9.6 × £68 + 120/60 × 52 × 9.6 × £24 = 16,972.8 + 23,961.6
    assert.ok(Math.abs(r3.costPerPcn - 40934.4) < 1e-6);
    assert.deepEqual(r3.funding, ['none']);
    const r1 = s.requirements.find((r: { id: string }) => r.id === 'EHCH-1');
    assert.deepEqual([r1.hoursPerPcn, r1.costPerPcn, r1.costPerPractice, r1.costNational], [0, 0, 0, 0]);
    for (const k of ['hoursPerPcn', 'costPerPcn', 'costPerPractice', 'costNational', 'unfundedCostPerPcn']) assert.ok(k in s.total, k);
    assert.ok(Math.abs(s.total.unfundedCostPerPcn - s.total.costPerPcn) < 1e-6);
  });

  it('uses the built-in defaults with no configuration, and exits 2 on an unknown profile', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sscost-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'a.spec.md'),
        joinLines(
          '---',
          'id: a',
          'title: A',
          'version: 1',
          'status: draft',
          'published: 2020-01-01',
          '---',
          '### A-1: Round',
          '- **Funding:** none',
          '',
          '```workload',
          'role: gp',
          'minutes: 60',
          'every: fortnight',
          'per: care-home',
          '```',
          '',
        ),
      );
      const doc = JSON.parse(run(['cost', '.', '--format', 'json'], dir).stdout);
      assert.equal(doc.specs[0].config, null);
      assert.equal(doc.specs[0].requirements[0].costPerPcn, 24960);
      assert.equal(doc.specs[0].total.costNational, 31200000);
      const bad = run(['cost', '.', '--profile', 'lmc'], dir);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /unknown profile "lmc"/);
      assert.equal(run(['cost', '.', '--format', 'sarif'], dir).code, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 naming the file and its first problem when the configuration has errors (no figures from the defaults)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sscost-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'a.spec.md'),
        joinLines('---', 'id: a', 'title: A', 'version: 1', 'status: draft', 'published: 2020-01-01', '---', '### A-1: X', ''),
      );
      fs.writeFileSync(path.join(dir, 'service-spec.config.yaml'), 'estimator:\n  population: lots\n  pcns: many\n');
      const r = run(['cost', '.', '--format', 'json'], dir);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(
        r.stderr,
        /^service-spec: invalid configuration service-spec\.config\.yaml:2:15: [^\n]*population[^\n]*\(and 1 more; service-spec check lists them\)\n$/,
      );
      // Unknown keys are only warnings: the file is still used.
      fs.writeFileSync(path.join(dir, 'service-spec.config.yaml'), 'estimator:\n  population: 50000\n  practise: 5\n');
      const ok = run(['cost', '.', '--format', 'json'], dir);
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(JSON.parse(ok.stdout).assumptions.population, 50000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when a workload role is not configured (it costs £0): on stderr and in every report', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sscost-'));
    try {
      const spec = joinLines(
        '---',
        'id: a',
        'title: A',
        'version: 1',
        'status: draft',
        'published: 2020-01-01',
        '---',
        '### A-1: Round',
        '- **Funding:** none',
        '',
        '```workload',
        'role: gpp',
        'minutes: 60',
        'every: week',
        'per: pcn',
        '```',
        '',
      );
      fs.writeFileSync(path.join(dir, 'a.spec.md'), spec);
      const r = run(['cost', 'a.spec.md'], dir);
      assert.equal(r.code, 0);
      assert.match(
        r.stderr,
        /^service-spec: warning: a\.spec\.md:12:7: Workload "role" in A-1 is "gpp"; did you mean "gp"\? expected one of the estimator's roles: [^\n]*; not costed\n$/,
      );
      assert.match(r.stdout, /warning: line 12: Workload "role" in A-1 is "gpp".*; not costed/);
      const json = JSON.parse(run(['cost', 'a.spec.md', '--format', 'json'], dir).stdout);
      assert.deepEqual(Object.keys(json.warnings[0]), ['file', 'line', 'column', 'message']);
      assert.equal(json.specs[0].requirements[0].costPerPcn, 0);
      assert.match(run(['cost', 'a.spec.md', '--format', 'markdown'], dir).stdout, /> \*\*Warning:\*\* line 12: Workload "role" in A-1/);
      assert.match(run(['cost', 'a.spec.md', '--format', 'html'], dir).stdout, /<p class="warning">Warning: line 12: Workload &quot;role&quot; in A-1/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('escapes every text in the HTML report: no markup from a spec survives', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sscost-'));
    try {
      const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
      fs.writeFileSync(
        path.join(dir, 'a.spec.md'),
        joinLines(
          '---',
          'id: a',
          `title: "${evil}"`,
          'version: "</style><b>"',
          'status: draft',
          'published: 2020-01-01',
          '---',
          `### A-1: ${evil}`,
          '- **Funding:** none',
          '',
          '```workload',
          'role: gp',
          'minutes: 60',
          'every: week',
          'per: pcn',
          '```',
          '',
        ),
      );
      const html = run(['cost', '.', '--format', 'html'], dir).stdout;
      assert.ok(!html.includes('<script'), 'a script tag survived');
      assert.ok(!/<img/i.test(html), 'an img tag survived');
      assert.ok(!html.includes('</style><b>'));
      assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.match(html, /<svg [^>]*role="img"/);
      assert.match(html, /default-src 'none'/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
