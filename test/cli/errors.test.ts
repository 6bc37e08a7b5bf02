/**
 * Every error path of the CLI, through the real binary: exit status 2 and one line `service-spec: ...` on
 * stderr naming the file or the option, never a stack; piping into `head` stops quietly; nothing waits on
 * a FIFO. Each subcommand parses only its own options and has its own help.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../helpers/cli.js';
import { ROOT, joinLines } from '../helpers/golden.js';
import { COMMANDS } from '../../server/src/cli/commands/index.js';

const CLI = path.join(ROOT, 'dist/cli.cjs');
const SPEC = joinLines(
  '---',
  'id: a',
  'title: A',
  'version: 1',
  'status: final',
  'published: 2020-03-31',
  '---',
  '### A-1: Lead',
  '- **Deadline:** 2020-10-01',
  '- **Funding:** arrs',
  '- **Deliverability:** green: ok',
  '',
);

function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI error paths: exit 2, one line, no stack', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sserr-'));
    fs.writeFileSync(path.join(dir, 'a.spec.md'), SPEC);
    fs.writeFileSync(path.join(dir, 'a.review.yaml'), 'spec: a.spec.md\nnotes: []\n');
    fs.mkdirSync(path.join(dir, 'empty'));
    fs.writeFileSync(path.join(dir, 'empty', 'README.md'), '# not a spec\n');
    fs.mkdirSync(path.join(dir, 'latin1'));
    fs.writeFileSync(path.join(dir, 'latin1', 'l.spec.md'), Buffer.from('---\nid: caf\xe9\n---\n', 'latin1'));
    fs.writeFileSync(path.join(dir, 'latin1', 'l.review.yaml'), Buffer.from('spec: caf\xe9.spec.md\n', 'latin1'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.spec.md')]);
    fs.mkdirSync(path.join(dir, 'badconfig'));
    fs.writeFileSync(path.join(dir, 'badconfig', 'a.spec.md'), SPEC);
    fs.writeFileSync(path.join(dir, 'badconfig', 'service-spec.config.yaml'), 'estimator:\n  population: lots\n');
    fs.writeFileSync(path.join(dir, 'other.yaml'), 'estimator: [oops\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cases: [string, string[], RegExp][] = [
    // missing file
    ['check: missing file', ['check', 'missing.spec.md'], /missing\.spec\.md: no such file/],
    ['cost: missing file', ['cost', 'missing.spec.md'], /missing\.spec\.md: no such file/],
    ['review: missing file', ['review', 'missing.review.yaml'], /missing\.review\.yaml: no such file/],
    ['diff: missing file', ['diff', 'a.spec.md', 'missing.spec.md'], /missing\.spec\.md: no such file/],
    // a folder holding nothing to work on
    ['check: folder without specs', ['check', 'empty'], /no \*\.spec\.md or \*\.review\.yaml files in empty/],
    ['cost: folder without specs', ['cost', 'empty'], /no \*\.spec\.md files in empty/],
    ['review: folder without sidecars', ['review', 'empty'], /no \*\.review\.yaml files in empty/],
    ['diff: folder without specs', ['diff', 'empty', '.'], /no \*\.spec\.md files in empty/],
    // not UTF-8
    ['check: non-UTF-8 file', ['check', 'latin1/l.spec.md'], /latin1\/l\.spec\.md: not valid UTF-8/],
    ['cost: non-UTF-8 file', ['cost', 'latin1/l.spec.md'], /latin1\/l\.spec\.md: not valid UTF-8/],
    ['review: non-UTF-8 file', ['review', 'latin1/l.review.yaml'], /latin1\/l\.review\.yaml: not valid UTF-8/],
    ['diff: non-UTF-8 file', ['diff', 'a.spec.md', 'latin1/l.spec.md'], /latin1\/l\.spec\.md: not valid UTF-8/],
    // a FIFO is never read (it would wait for a writer forever)
    ['check: FIFO', ['check', 'fifo.spec.md'], /fifo\.spec\.md: not a regular file \(a FIFO\)/],
    ['cost: FIFO', ['cost', 'fifo.spec.md'], /fifo\.spec\.md: not a regular file \(a FIFO\)/],
    ['review: FIFO', ['review', 'fifo.spec.md'], /fifo\.spec\.md: not a regular file \(a FIFO\)/],
    ['diff: FIFO', ['diff', 'a.spec.md', 'fifo.spec.md'], /fifo\.spec\.md: not a regular file/],
    ['check: --config FIFO', ['check', '--config', 'fifo.spec.md', 'a.spec.md'], /configuration fifo\.spec\.md: not a regular file \(a FIFO\)/],
    // options of another command, or of none
    ['check: unknown option', ['check', '--bogus'], /check: unknown option --bogus \(see service-spec check --help\)/],
    ['cost --fix', ['cost', '--fix', 'a.spec.md'], /cost: unknown option --fix \(see service-spec cost --help\)/],
    ['review --profile', ['review', '--profile', 'nosuch'], /review: --profile goes with --format docx/],
    [
      'review docx: unknown profile',
      ['review', 'a.spec.md', '--format', 'docx', '--profile', 'nosuch', '-o', 'never.docx'],
      /review: unknown profile "nosuch"/,
    ],
    ['review --config', ['review', '--config', 'x.yaml'], /review: unknown option --config/],
    ['diff --config', ['diff', '--config', 'missing.yaml', 'a.spec.md', 'a.spec.md'], /diff: unknown option --config/],
    ['rules --bogus', ['rules', '--bogus'], /rules: unknown option --bogus/],
    ['rules with an argument', ['rules', 'x'], /rules: rules takes no arguments/],
    ['check: option without its value', ['check', '--format'], /check: --format needs a value/],
    ['unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['no command', [], /no command given/],
    // bad format
    ['check: bad format', ['check', '--format', 'xml', 'a.spec.md'], /check: unknown format "xml"; expected text, json, sarif/],
    ['cost: bad format', ['cost', '--format', 'sarif', 'a.spec.md'], /cost: unknown format "sarif"/],
    ['review: bad format', ['review', '--format', 'html'], /review: unknown format "html"/],
    ['diff: bad format', ['diff', '--format', 'sarif', 'a.spec.md', 'a.spec.md'], /diff: unknown format "sarif"/],
    ['cost: --summary with json', ['cost', '--summary', '--format', 'json', 'a.spec.md'], /--summary works with --format text or markdown/],
    // unknown profile
    ['check: unknown profile', ['check', '--profile', 'nosuch', 'a.spec.md'], /unknown profile "nosuch"/],
    ['cost: unknown profile', ['cost', '--profile', 'nosuch', 'a.spec.md'], /unknown profile "nosuch"/],
    ['diff: unknown profile', ['diff', '--profile', 'nosuch', 'a.spec.md', 'a.spec.md'], /unknown profile "nosuch"/],
    // invalid configuration (check reports it as invalid-config findings instead; see cli.test.ts)
    ['check: missing --config', ['check', '--config', 'missing.yaml', 'a.spec.md'], /cannot read configuration missing\.yaml: no such file/],
    ['cost: invalid configuration', ['cost', 'badconfig'], /invalid configuration badconfig\/service-spec\.config\.yaml:2:15: /],
    ['cost: invalid --config', ['cost', '--config', 'other.yaml', 'a.spec.md'], /invalid configuration other\.yaml:\d+:\d+: /],
    ['diff: invalid configuration', ['diff', 'badconfig/a.spec.md', 'a.spec.md'], /invalid configuration badconfig\/service-spec\.config\.yaml:2:15: /],
    // not a git repository
    ['diff --rev outside a repository', ['diff', '--rev', 'HEAD', 'a.spec.md'], /is not inside a git repository/],
    ['diff --rev refuses an option', ['diff', '--rev=--output=x', 'a.spec.md'], /"--output=x" is not a git revision/],
  ];

  for (const [name, args, message] of cases) {
    it(name, () => {
      const r = cli(args, dir);
      assert.equal(r.status, 2, `exit ${r.status}; stderr: ${r.stderr}`);
      assert.match(r.stderr, /^service-spec: [^\n]+\n$/, `not one line: ${JSON.stringify(r.stderr)}`);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr + r.stdout, /^\s+at /m, 'a stack trace');
    });
  }

  it('a FIFO among specs in a folder is skipped, never waited on', () => {
    const r = cli(['check', '.', '--format', 'json'], dir);
    assert.notEqual(r.status, null, 'the check hung');
    assert.ok(!JSON.parse(r.stdout).files.some((f: { file: string }) => f.file.includes('fifo')));
  });

  it('piping into head stops quietly: no EPIPE trace, the run keeps its status', async () => {
    const big = path.join(dir, 'big');
    fs.mkdirSync(big, { recursive: true });
    // Thousands of findings: far more than a pipe holds, so the CLI is still writing when the reader goes.
    const reqs = Array.from({ length: 3000 }, (_, i) => `### B-${i + 1}: Requirement ${i + 1}\nText.\n`).join('\n');
    fs.writeFileSync(path.join(big, 'b.spec.md'), joinLines('---', 'id: b', 'title: B', 'version: 1', 'status: final', 'published: 2020-03-31', '---', reqs));
    const child = spawn(process.execPath, [CLI, 'check', 'big'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Read the first chunk, then close the pipe, as `head -1` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.equal(stderr, '', 'something was printed on stderr');
    assert.equal(code, 1, 'the run has error findings: status 1');
  });
});

describe('each command parses its own options and has its own help', () => {
  for (const c of COMMANDS) {
    it(`service-spec ${c.name} --help prints that command's help, listing each of its options`, () => {
      const r = run([c.name, '--help']);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, c.help);
      assert.match(r.stdout, new RegExp(`^Usage: service-spec ${c.name}\\b`));
      for (const name of Object.keys(c.options)) assert.match(c.help, new RegExp(`--${name}\\b`), `${c.name} --help does not mention --${name}`);
      assert.equal(run(['help', c.name]).stdout, c.help);
    });
  }

  it('the global usage lists every command with its summary', () => {
    const r = run(['--help']);
    assert.equal(r.code, 0);
    for (const c of COMMANDS) assert.ok(r.stdout.includes(`${c.name}`) && r.stdout.includes(c.summary), c.name);
  });
});
