/**
 * `check --fix` and the one module that writes user files (node/writeFile.ts): an edit made meanwhile is
 * never overwritten, the mode and a symlink are kept, a folder that cannot be written is one line; a fix
 * never turns a failing check into a passing one, and "fixed N" counts what disappeared.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../helpers/cli.js';
import { ROOT, joinLines } from '../helpers/golden.js';
import { runCheck } from '../../server/src/node/check.js';
import { fixFiles } from '../../server/src/node/fix.js';
import { nodeProject } from '../../server/src/node/project.js';
import { FileChangedError, WriteError, writeUserFile } from '../../server/src/node/writeFile.js';
import { updateSidecar } from '../../server/src/node/sidecarWrite.js';
import { checkSpec, defaultConfig, parseConfig, parseSpec } from '../../server/src/core/index.js';

const HEAD = ['---', 'id: a', 'title: A', 'version: 1', 'status: final', 'published: 2020-03-31', '---'];
/** A requirement with a misspelt funding source (fixable) and no deliverability (fixed only as TBC). */
const FIXABLE = joinLines(...HEAD, '### A-1: Lead', 'Text.', '', '- **Deadline:** 2020-10-01', '- **Funding:** care-home-premum', '');
const NOTHING_MISSING = joinLines(
  ...HEAD,
  '### A-1: Lead',
  'Text.',
  '',
  '- **Deadline:** 2020-10-01',
  '- **Funding:** care-home-premum',
  '- **Deliverability:** green: ok',
  '',
);

describe('check --fix writes safely', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssfix-'));
  });
  afterEach(() => {
    fs.chmodSync(dir, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to overwrite a file edited after it was checked (the edit survives)', () => {
    const file = path.join(dir, 'a.spec.md');
    fs.writeFileSync(file, NOTHING_MISSING);
    const project = nodeProject();
    const result = runCheck([file], {}, project);
    // The author saves an edit while the check runs.
    const edited = NOTHING_MISSING.replace('Text.', 'Text edited meanwhile.');
    fs.writeFileSync(file, edited);
    const report = fixFiles(result, project);
    assert.deepEqual(report.files, []);
    assert.equal(report.errors.length, 1);
    assert.match(report.errors[0]!, /a\.spec\.md changed on disk since it was read; nothing was written/);
    assert.equal(fs.readFileSync(file, 'utf8'), edited, 'the edit was overwritten');
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
      'a temporary file was left behind',
    );
  });

  it('writeUserFile refuses a change between writing the temporary file and renaming it', () => {
    const file = path.join(dir, 'a.spec.md');
    fs.writeFileSync(file, 'one\n');
    assert.throws(
      () => writeUserFile(file, 'mine\n', { expected: 'one\n', beforeRename: () => fs.writeFileSync(file, 'theirs\n') }),
      (e: unknown) => e instanceof FileChangedError && /changed on disk/.test((e as Error).message),
    );
    assert.equal(fs.readFileSync(file, 'utf8'), 'theirs\n');
    assert.deepEqual(fs.readdirSync(dir), ['a.spec.md']);
  });

  it('keeps the file mode', () => {
    const file = path.join(dir, 'a.spec.md');
    fs.writeFileSync(file, NOTHING_MISSING);
    fs.chmodSync(file, 0o640);
    const r = run(['check', '--fix', 'a.spec.md'], dir);
    assert.match(r.stderr, /fixed 1 problem in 1 file/);
    assert.match(fs.readFileSync(file, 'utf8'), /- \*\*Funding:\*\* care-home-premium/);
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    fs.chmodSync(file, 0o755);
    writeUserFile(file, 'x\n');
    assert.equal(fs.statSync(file).mode & 0o777, 0o755);
  });

  it('writes through a symlinked spec to its target; the link stays a link', () => {
    fs.mkdirSync(path.join(dir, 'real'));
    const target = path.join(dir, 'real', 'a.spec.md');
    fs.writeFileSync(target, NOTHING_MISSING);
    fs.mkdirSync(path.join(dir, 'ws'));
    const link = path.join(dir, 'ws', 'a.spec.md');
    fs.symlinkSync(path.join('..', 'real', 'a.spec.md'), link);
    const r = run(['check', '--fix', 'ws/a.spec.md'], dir);
    assert.match(r.stderr, /fixed 1 problem/);
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link was replaced by a regular file');
    assert.match(fs.readFileSync(target, 'utf8'), /care-home-premium/);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'ws')), ['a.spec.md']);
  });

  it('in a folder it cannot write: one line naming the file, exit 2, no stack', () => {
    const ro = path.join(dir, 'ro');
    fs.mkdirSync(ro);
    fs.writeFileSync(path.join(ro, 'a.spec.md'), NOTHING_MISSING);
    fs.chmodSync(path.join(ro, 'a.spec.md'), 0o666);
    fs.chmodSync(ro, 0o555);
    fs.chmodSync(dir, 0o755);
    // Root may write anywhere: run the CLI as an unprivileged user then.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.cjs'), 'check', '--fix', 'ro/a.spec.md'], { cwd: dir, encoding: 'utf8', ...asUser });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, `service-spec: cannot write ro/a.spec.md: permission denied (is ${fs.realpathSync(ro)} read-only?)\n`);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
    assert.equal(fs.readFileSync(path.join(ro, 'a.spec.md'), 'utf8'), NOTHING_MISSING);
  });

  it('review sidecars are written by the same module: mode and symlink kept', () => {
    fs.mkdirSync(path.join(dir, 'real'));
    const target = path.join(dir, 'real', 'a.review.yaml');
    fs.writeFileSync(target, 'spec: a.spec.md\nnotes: []\n');
    fs.chmodSync(target, 0o600);
    const link = path.join(dir, 'a.review.yaml');
    fs.symlinkSync(target, link);
    updateSidecar(link, (t) => t.replace('notes: []', 'reviewer: LMC\nnotes: []'));
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.match(fs.readFileSync(target, 'utf8'), /reviewer: LMC/);
    assert.equal(fs.statSync(target).mode & 0o777, 0o600);
    assert.throws(
      () => writeUserFile(path.join(dir, 'nope', 'x.yaml'), 'x'),
      (e: unknown) => e instanceof WriteError && !/\n/.test((e as Error).message),
    );
  });
});

describe('check --fix never turns a failing check into a passing one', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssfix-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a missing field written as TBC is still an error: exit 1, and it is not counted as fixed', () => {
    fs.writeFileSync(path.join(dir, 'a.spec.md'), FIXABLE);
    const before = run(['check', 'a.spec.md'], dir);
    assert.equal(before.code, 1);
    const r = run(['check', '--fix', '--format', 'json', 'a.spec.md'], dir);
    assert.equal(r.stderr, 'service-spec: fixed 1 problem in 1 file; 1 missing field added as TBC, still to fill in\n');
    assert.equal(r.code, 1, 'the fix turned a failing check into a passing one');
    const left = JSON.parse(r.stdout).files[0].diagnostics.map((d: { code: string; severity: string }) => `${d.code} ${d.severity}`);
    assert.deepEqual(left, ['placeholder-value error']);
    // Nothing more to fix: nothing is written, nothing claimed.
    const again = run(['check', '--fix', 'a.spec.md'], dir);
    assert.equal(again.stderr, '');
    assert.equal(again.code, 1);
  });

  it('placeholder-value takes the severity of the matching missing-* rule, from the configuration or the editor', () => {
    const text = joinLines(
      ...HEAD,
      '### A-1: Lead',
      'Text.',
      '',
      '- **Deadline:** TBC',
      '- **Funding:** TBC',
      '- **Deliverability:** TBC',
      '- **Owner:** TBC',
      '',
    );
    const spec = parseSpec(text);
    const severities = (config = defaultConfig(), severityOverrides?: Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>) =>
      checkSpec(spec, { config, severityOverrides })
        .filter((d) => d.code === 'placeholder-value')
        .map((d) => `${/^(\w+)/.exec(d.message)![1]} ${d.severity}`);
    assert.deepEqual(severities(), ['Deadline error', 'Funding error', 'Deliverability error', 'Owner warning']);
    const config = parseConfig('rules:\n  missing-funding: { severity: warning }\n  missing-deadline: { severity: "off" }\n', 'c.yaml');
    assert.deepEqual(severities(config), ['Funding warning', 'Deliverability error', 'Owner warning']);
    // Editor settings win over the configuration file, as for every rule.
    assert.deepEqual(severities(config, { 'missing-funding': 'info' }), ['Funding info', 'Deliverability error', 'Owner warning']);
    // A severity set for placeholder-value itself applies in every field (its default included).
    assert.deepEqual(severities(parseConfig('rules:\n  placeholder-value: { severity: warning }\n', 'c.yaml')), [
      'Deadline warning',
      'Funding warning',
      'Deliverability warning',
      'Owner warning',
    ]);
    assert.deepEqual(severities(config, { 'placeholder-value': 'hint' }), ['Deadline hint', 'Funding hint', 'Deliverability hint', 'Owner hint']);
    // The CLI reads the same configuration.
    fs.writeFileSync(path.join(dir, 'a.spec.md'), text);
    fs.writeFileSync(path.join(dir, 'service-spec.config.yaml'), 'rules:\n  missing-deadline: { severity: warning }\n');
    const doc = JSON.parse(run(['check', '--format', 'json', '.'], dir).stdout);
    assert.deepEqual(
      doc.files[0].diagnostics.filter((d: { code: string }) => d.code === 'placeholder-value').map((d: { severity: string }) => d.severity),
      ['warning', 'error', 'error', 'warning'],
    );
  });
});
