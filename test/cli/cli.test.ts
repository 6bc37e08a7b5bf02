/** `service-spec check`: formats (golden files), exit codes, I/O errors; in-process and as a real process. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../helpers/cli.js';
import { ROOT, expectGolden, expectReadmeBlock, joinLines } from '../helpers/golden.js';

const CLEAN = joinLines(
  '---',
  'id: clean',
  'title: Clean',
  'version: 1',
  'status: final',
  'published: 2020-03-31',
  '---',
  '### C-1: Lead',
  '- **Deadline:** 2020-10-01',
  '- **Funding:** arrs',
  '- **Deliverability:** green: in post',
  '',
);

/** The SARIF with each rule's help replaced by the page it must equal (the pages change with the docs, not the tool). */
function withoutRuleHelp(sarif: string): unknown {
  const doc = JSON.parse(sarif) as { runs: { tool: { driver: { rules: { id: string; help: unknown }[] } } }[] };
  for (const r of doc.runs[0]!.tool.driver.rules) {
    const page = fs.readFileSync(path.join(ROOT, 'docs/rules', `${r.id}.md`), 'utf8');
    assert.deepEqual(r.help, { text: page, markdown: page }, `${r.id}: help is docs/rules/${r.id}.md`);
    r.help = `docs/rules/${r.id}.md`;
  }
  return doc;
}

describe('service-spec check', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sscli-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the samples in text, json and sarif as in the golden files', () => {
    const text = run(['check', 'samples']);
    expectGolden('test/golden/check-samples.txt', text.stdout);
    expectReadmeBlock('samples-output', '```text\n$ npx service-spec check samples\n' + text.stdout + '```\n');
    const json = run(['check', 'samples', '--format', 'json']);
    expectGolden('test/golden/check-samples.json', json.stdout);
    const sarif = run(['check', 'samples', '--format', 'sarif']);
    expectGolden('test/golden/check-samples.sarif', JSON.stringify(withoutRuleHelp(sarif.stdout), null, 2) + '\n');
    assert.equal(text.code, json.code);
  });

  it('follows the documented JSON shape', () => {
    const { stdout, code } = run(['check', 'samples', '--format', 'json']);
    const doc = JSON.parse(stdout) as { files: { file: string; diagnostics: Record<string, unknown>[] }[]; summary: Record<string, number> };
    assert.deepEqual(Object.keys(doc).sort(), ['files', 'summary']);
    assert.equal(doc.summary.files, doc.files.length);
    const all = doc.files.flatMap((f) => f.diagnostics);
    assert.equal(doc.summary.errors, all.filter((d) => d.severity === 'error').length);
    assert.equal(doc.summary.warnings, all.filter((d) => d.severity === 'warning').length);
    assert.equal(code, doc.summary.errors > 0 ? 1 : 0);
    for (const f of doc.files) {
      assert.ok(!path.isAbsolute(f.file) && f.file.startsWith('samples/'), f.file);
      for (const d of f.diagnostics) {
        assert.deepEqual(Object.keys(d).sort(), ['code', 'column', 'endColumn', 'endLine', 'line', 'message', 'severity']);
        assert.ok((d.line as number) >= 1 && (d.column as number) >= 1);
        assert.ok((d.endLine as number) > (d.line as number) || (d.endColumn as number) >= (d.column as number));
      }
      const positions = f.diagnostics.map((d) => [d.line as number, d.column as number]);
      const sorted = [...positions].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
      assert.deepEqual(positions, sorted, `${f.file}: diagnostics by position`);
    }
    const files = doc.files.map((f) => f.file);
    assert.deepEqual(files, [...files].sort(), 'files sorted by path');
  });

  it('exits 0 on a clean file and lists it with no diagnostics', () => {
    fs.writeFileSync(path.join(dir, 'clean.spec.md'), CLEAN);
    const r = run(['check', '.', '--format', 'json'], dir);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), {
      files: [{ file: 'clean.spec.md', diagnostics: [] }],
      summary: { files: 1, errors: 0, warnings: 0, infos: 0, hints: 0 },
    });
  });

  it('exits 1 on an error and reports 1-based, end-exclusive positions', () => {
    fs.writeFileSync(path.join(dir, 'a.spec.md'), CLEAN.replace('arrs', 'arr'));
    const r = run(['check', 'a.spec.md', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const d = JSON.parse(r.stdout).files[0].diagnostics[0];
    assert.deepEqual(d, {
      line: 10,
      column: 16,
      endLine: 10,
      endColumn: 19,
      severity: 'error',
      code: 'unknown-funding-source',
      message:
        'Funding source "arr" of C-1 is not in the configuration; did you mean "arrs"? expected one of arrs, care-home-premium, clinical-director, core-pcn, extended-hours, iif, network-participation, or `none`',
    });
  });

  it('names an unreadable or non-UTF-8 file on stderr, checks the others and exits 2', () => {
    fs.writeFileSync(path.join(dir, 'a.spec.md'), CLEAN.replace('arrs', 'arr'));
    fs.writeFileSync(path.join(dir, 'b.spec.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]));
    const r = run(['check', '.', 'missing.spec.md', '--format', 'json'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /b\.spec\.md: not valid UTF-8/);
    assert.match(r.stderr, /missing\.spec\.md: no such file/);
    assert.deepEqual(
      JSON.parse(r.stdout).files.map((f: { file: string }) => f.file),
      ['a.spec.md'],
    );
  });

  it('lists a broken configuration file with invalid-config and uses the defaults', () => {
    fs.writeFileSync(path.join(dir, 'clean.spec.md'), CLEAN);
    fs.writeFileSync(path.join(dir, 'service-spec.config.yaml'), 'estimator:\n  population: lots\n  practise: 5\n');
    const r = run(['check', '.', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const files = JSON.parse(r.stdout).files as { file: string; diagnostics: { code: string; line: number; severity: string; message: string }[] }[];
    assert.deepEqual(
      files.map((f) => f.file),
      ['clean.spec.md', 'service-spec.config.yaml'],
    );
    assert.deepEqual(
      files[1]!.diagnostics.map((d) => [d.code, d.line, d.severity]),
      [
        ['invalid-config', 2, 'error'],
        ['invalid-config', 3, 'warning'],
      ],
    );
    assert.match(files[1]!.diagnostics[1]!.message, /did you mean 'practices'/);
  });

  it('treats usage errors as exit 2: unknown format, unknown profile, missing --config', () => {
    fs.writeFileSync(path.join(dir, 'clean.spec.md'), CLEAN);
    assert.equal(run(['check', '.', '--format', 'xml'], dir).code, 2);
    const p = run(['check', '.', '--profile', 'nope'], dir);
    assert.equal(p.code, 2);
    assert.match(p.stderr, /unknown profile "nope"/);
    assert.equal(run(['check', '.', '--config', 'nope.yaml'], dir).code, 2);
    assert.equal(run(['frobnicate'], dir).code, 2);
  });

  it('uses --config and --profile', () => {
    fs.writeFileSync(path.join(dir, 'clean.spec.md'), CLEAN.replace('arrs', 'local-fund'));
    fs.writeFileSync(
      path.join(dir, 'other.yaml'),
      'funding:\n  sources:\n    local-fund: { label: Local fund }\nprofiles:\n  lmc:\n    estimator: { roles: { gp: { hourly-cost: 130 } } }\n',
    );
    assert.equal(run(['check', '.'], dir).code, 1);
    assert.equal(run(['check', '.', '--config', 'other.yaml'], dir).code, 0);
    assert.equal(run(['check', '.', '--config', 'other.yaml', '--profile', 'lmc'], dir).code, 0);
  });

  it('runs as a real process from the bundle', () => {
    fs.writeFileSync(path.join(dir, 'a.spec.md'), CLEAN.replace('2020-10-01', '2020-04-01'));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.cjs'), 'check', 'a.spec.md'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^a\.spec\.md:9:17 {2}warning {2}Deadline of C-1 \(2020-04-01\) is 1 day after publication \(2020-03-31\)/m);
    assert.match(r.stdout, /1 problem \(0 errors, 1 warning\) in 1 file/);
  });

  it('--config in an unrelated folder changes the configuration, never the workspace: a dangling reference stays', () => {
    // The workspace: one spec that depends on a requirement no spec of this folder has.
    fs.mkdirSync(path.join(dir, 'ws'));
    fs.writeFileSync(
      path.join(dir, 'ws', 'a.spec.md'),
      CLEAN.replace('- **Deliverability:** green: in post', '- **Deliverability:** green: in post\n- **Depends on:** other/O-1'),
    );
    // Elsewhere, a configuration beside many specs, one of which is `other` with O-1.
    fs.mkdirSync(path.join(dir, 'elsewhere'));
    fs.writeFileSync(path.join(dir, 'elsewhere', 'service-spec.config.yaml'), 'estimator:\n  population: 50000\n');
    for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, 'elsewhere', `s${i}.spec.md`), CLEAN.replace('id: clean', `id: s${i}`));
    fs.writeFileSync(path.join(dir, 'elsewhere', 'other.spec.md'), CLEAN.replace('id: clean', 'id: other').replace('C-1', 'O-1'));
    for (const args of [
      ['check', 'ws'],
      ['check', 'ws', '--config', 'elsewhere/service-spec.config.yaml'],
      ['check', 'ws/a.spec.md', '--config', path.join(dir, 'elsewhere/service-spec.config.yaml')],
    ]) {
      const r = run([...args, '--format', 'json'], dir);
      const codes = JSON.parse(r.stdout).files.flatMap((f: { diagnostics: { code: string; message: string }[] }) => f.diagnostics.map((d) => d.code));
      assert.deepEqual(codes, ['dangling-reference'], args.join(' '));
      assert.equal(r.code, 1);
    }
  });

  it("SARIF carries each rule's help and no path of the machine it ran on", () => {
    fs.writeFileSync(path.join(dir, 'a.spec.md'), CLEAN.replace('arrs', 'arr'));
    for (const target of ['.', dir, path.join(dir, 'a.spec.md')]) {
      const out = run(['check', target, '--format', 'sarif'], dir).stdout;
      assert.ok(!out.includes(dir) && !out.includes(fs.realpathSync(dir)), `${target}: the SARIF names the temporary folder`);
      assert.ok(!out.includes(ROOT), `${target}: the SARIF names the package folder`);
      assert.ok(!/file:/.test(out), `${target}: a file: URI`);
      const doc = JSON.parse(out);
      const rule = doc.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'unknown-funding-source');
      assert.equal(rule.helpUri, undefined);
      assert.match(rule.help.markdown, /^# unknown-funding-source/);
      assert.equal(rule.help.text, rule.help.markdown);
      assert.deepEqual(doc.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: 'a.spec.md', uriBaseId: '%SRCROOT%' });
    }
  });

  it('a named path with nothing to check is an error, not a clean run', () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    const r = run(['check', 'empty'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'service-spec: no *.spec.md or *.review.yaml files in empty\n');
    assert.equal(r.stdout, '');
  });

  it('--fix applies the safe fixes to the files and reports what is left', () => {
    const bad = CLEAN.replace('2020-10-01', '31/10/2020').replace('arrs', 'care-home-premum') + joinLines('### C-1: Duplicate id', 'Text.', '');
    fs.writeFileSync(path.join(dir, 'a.spec.md'), '\uFEFF' + bad.replace(/\n/g, '\r\n'));
    const r = run(['check', 'a.spec.md', '--fix', '--format', 'json'], dir);
    // The date, the funding id and the duplicate id are fixed; the missing fields are only filled with TBC.
    assert.equal(r.stderr, 'service-spec: fixed 3 problems in 1 file; 3 missing fields added as TBC, still to fill in\n');
    const fixed = fs.readFileSync(path.join(dir, 'a.spec.md'), 'utf8');
    assert.equal(fixed.charCodeAt(0), 0xfeff, 'BOM kept');
    assert.ok(!/[^\r]\n/.test(fixed), 'CRLF kept');
    assert.match(fixed, /- \*\*Deadline:\*\* 2020-10-31\r\n/);
    assert.match(fixed, /- \*\*Funding:\*\* care-home-premium\r\n/);
    assert.match(fixed, /### C-2: Duplicate id\r\nText\.\r\n\r\n- \*\*Deadline:\*\* TBC\r\n- \*\*Funding:\*\* TBC\r\n- \*\*Deliverability:\*\* TBC\r\n/);
    // What is left are the placeholders the fix wrote, for the author to fill in: still errors, as the missing fields were.
    const left = JSON.parse(r.stdout).files[0].diagnostics.map((d: { code: string; severity: string }) => `${d.code} ${d.severity}`);
    assert.deepEqual(left, ['placeholder-value error', 'placeholder-value error', 'placeholder-value error']);
    assert.equal(r.code, 1);
  });
});
