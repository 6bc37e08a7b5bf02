/** `service-spec ledger`: goldens for every format, exit codes, -o/--force, malformed sidecars, git revisions. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, expectGolden, expectReadmeBlock } from '../helpers/golden.js';
import { runLedgerCli } from './helpers.js';

const SAMPLES = ['samples/2019-12-draft', 'samples/2020-02-revised', 'samples/2020-03-final'];
const FIXTURES = ['test/ledger/fixtures/v1', 'test/ledger/fixtures/v2', 'test/ledger/fixtures/v3'];
const EXT: Record<string, string> = { text: 'txt', json: 'json', markdown: 'md', html: 'html' };

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-'));
}

describe('ledger CLI', () => {
  it('prints the ledger of the three sample versions in every format as in the golden files', () => {
    for (const format of Object.keys(EXT)) {
      const r = runLedgerCli([...SAMPLES, '--format', format]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      expectGolden(`test/golden/ledger-samples.${EXT[format]}`, r.stdout);
    }
    const text = runLedgerCli(SAMPLES).stdout;
    expectReadmeBlock('ledger-samples', `\`\`\`text\n$ npx service-spec ledger ${SAMPLES.join(' ')}\n${text}\`\`\`\n`, 'docs/ledger.md');
  });

  it('prints the ledger of the small fixtures (renumbering, moves, removal, reuse, a spec gone and back) as in the golden files', () => {
    for (const format of Object.keys(EXT)) {
      const r = runLedgerCli([...FIXTURES, '--format', format]);
      assert.equal(r.code, 0);
      expectGolden(`test/golden/ledger-fixtures.${EXT[format]}`, r.stdout);
    }
  });

  it('gives the JSON document the promised shape', () => {
    const doc = JSON.parse(runLedgerCli([...FIXTURES, '--format', 'json']).stdout);
    assert.deepEqual(Object.keys(doc), ['versions', 'threads', 'unanchored', 'summary']);
    assert.deepEqual(doc.versions[0], { path: 'test/ledger/fixtures/v1', version: 'v1' });
    const t = doc.threads[0];
    assert.deepEqual(Object.keys(t), ['spec', 'key', 'history', 'notes']);
    assert.deepEqual(Object.keys(t.history[0]), ['version', 'id', 'change', 'deadline', 'funding', 'rating', 'costPerPractice']);
    assert.deepEqual(Object.keys(t.notes[0]), ['sidecar', 'reviewer', 'id', 'stance', 'status', 'version', 'requirement', 'currentRequirement', 'outcome']);
    assert.deepEqual(Object.keys(doc.unanchored[0]), ['sidecar', 'reviewer', 'id', 'version', 'requirement']);
    assert.deepEqual(Object.keys(doc.summary), ['notes', 'outcomes', 'objections', 'byReviewer', 'versions']);
    assert.deepEqual(Object.keys(doc.summary.versions[0]), ['version', 'added', 'removed', 'modified', 'renumbered', 'costDeltaPerPractice']);
    assert.equal(doc.summary.versions.length, 2);
  });

  it('reports a malformed sidecar on stderr and does not count its notes (exit 0)', () => {
    const r = runLedgerCli([...FIXTURES, '--format', 'json']);
    assert.equal(r.code, 0);
    assert.match(
      r.stderr,
      /^service-spec: test\/ledger\/fixtures\/v2\/broken\.review\.yaml: malformed \(6:13 Note x1 has stance "objection".*its notes are not counted\n$/,
    );
    const doc = JSON.parse(r.stdout);
    const all = [...doc.threads.flatMap((t: { notes: { id: string }[] }) => t.notes), ...doc.unanchored];
    assert.ok(!all.some((n: { id: string }) => n.id === 'x1'));
    assert.equal(doc.summary.notes, all.length);
  });

  it('takes files as versions too', () => {
    const r = runLedgerCli([
      'samples/2019-12-draft/ehch.spec.md',
      'samples/2020-02-revised/ehch.spec.md',
      'samples/2020-03-final/ehch.spec.md',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(
      doc.versions.map((v: { version: string }) => v.version),
      ['2019-12-draft', '2020-02-revised', '2020-03-final'],
    );
    assert.ok(doc.threads.every((t: { spec: string }) => t.spec === 'ehch'));
    // Only the sidecars of that spec, in that folder.
    const sidecars = new Set(doc.threads.flatMap((t: { notes: { sidecar: string }[] }) => t.notes.map((n) => n.sidecar)));
    assert.deepEqual([...sidecars].sort(), [
      'samples/2019-12-draft/ehch.review.yaml',
      'samples/2020-02-revised/ehch.review.yaml',
      'samples/2020-03-final/ehch.review.yaml',
    ]);
  });

  it('costs every version under the profile asked for', () => {
    const base = JSON.parse(runLedgerCli([...SAMPLES, '--format', 'json']).stdout);
    const lmc = JSON.parse(runLedgerCli([...SAMPLES, '--format', 'json', '--profile', 'lmc']).stdout);
    const cost = (doc: { threads: { key: string; spec: string; history: { costPerPractice: number }[] }[] }) =>
      doc.threads.find((t) => t.spec === 'ehch' && t.key === 'EHCH-3')!.history[0]!.costPerPractice;
    // GP time at £100 instead of £68 an hour: the draft's fortnightly GP round costs more.
    assert.ok(cost(lmc) > cost(base));
  });

  it('exits 2 with one line naming the problem for usage and I/O errors', () => {
    const empty = tmpdir();
    const cases: [string[], RegExp][] = [
      [['samples/2019-12-draft'], /at least two versions/],
      [[], /at least two versions/],
      [['samples/2019-12-draft', 'samples/nope'], /cannot read samples\/nope: no such file or folder/],
      [['samples/2019-12-draft', empty], /holds no \*\.spec\.md file/],
      [
        ['samples/2019-12-draft', 'samples/2020-03-final/ehch.spec.md'],
        /only folders or only files, not both: samples\/2019-12-draft is a folder, samples\/2020-03-final\/ehch\.spec\.md is a file/,
      ],
      [['samples/2019-12-draft/ehch.review.yaml', 'samples/2020-03-final/ehch.review.yaml'], /is not a spec/],
      [[...SAMPLES, '--format', 'sarif'], /unknown format "sarif"; expected text, json, markdown, html, docx/],
      [[...SAMPLES, '--profile', 'nope'], /unknown profile "nope"/],
      [[...SAMPLES, '--config', 'nope.yaml'], /cannot read configuration nope\.yaml/],
      [[...SAMPLES, '--bogus'], /^service-spec: ledger: unknown option --bogus \(see service-spec ledger --help\)\n$/],
      [['--rev', 'HEAD', 'samples/2019-12-draft', 'samples/2020-03-final'], /at most one PATH/],
    ];
    for (const [args, message] of cases) {
      const r = runLedgerCli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.equal(r.stdout, '');
    }
  });

  it('exits 2 when a spec cannot be read', () => {
    const dir = tmpdir();
    for (const v of ['a', 'b']) fs.mkdirSync(path.join(dir, v));
    fs.copyFileSync(path.join(ROOT, 'samples/2019-12-draft/ehch.spec.md'), path.join(dir, 'a/ehch.spec.md'));
    fs.writeFileSync(path.join(dir, 'b/ehch.spec.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe]));
    const r = runLedgerCli(['a', 'b'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read b\/ehch\.spec\.md: not valid UTF-8/);
  });

  it('writes -o FILE, never over an existing file without --force', () => {
    const dir = tmpdir();
    const out = path.join(dir, 'ledger.html');
    const first = runLedgerCli([...SAMPLES, '--format', 'html', '-o', out]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, `wrote ${out}\n`);
    assert.match(fs.readFileSync(out, 'utf8'), /^<!DOCTYPE html>/);
    fs.writeFileSync(out, 'mine');
    const again = runLedgerCli([...SAMPLES, '-o', out]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /ledger\.html exists; nothing was written \(--force replaces it\)/);
    assert.equal(fs.readFileSync(out, 'utf8'), 'mine');
    const forced = runLedgerCli([...SAMPLES, '--out', out, '--force']);
    assert.equal(forced.code, 0);
    assert.match(fs.readFileSync(out, 'utf8'), /^Consultation ledger: 3 versions/);
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
    );
    const missing = runLedgerCli([...SAMPLES, '-o', path.join(dir, 'no/such/folder.txt')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot write .*folder\.txt/);
  });
});

describe('ledger CLI over git revisions', () => {
  let repo: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: repo,
      stdio: 'pipe',
    }).toString();
  const put = (from: string, to = 'specs') => {
    fs.rmSync(path.join(repo, to), { recursive: true, force: true });
    fs.cpSync(path.join(ROOT, from), path.join(repo, to), { recursive: true });
  };

  before(() => {
    repo = fs.realpathSync(tmpdir());
    git('init', '-q');
    put('test/ledger/fixtures/v1');
    git('add', '-A');
    git('commit', '-q', '-m', 'v1');
    put('test/ledger/fixtures/v2');
    put('test/ledger/fixtures/v2', 'deleted/specs');
    git('add', '-A');
    git('commit', '-q', '-m', 'v2');
    put('test/ledger/fixtures/v3');
    // A folder that exists only at the revisions, not in the working tree.
    fs.rmSync(path.join(repo, 'deleted'), { recursive: true });
  });

  it('reads PATH at each revision, oldest first, the same as from folders', () => {
    const r = runLedgerCli(['--rev', 'HEAD~1', '--rev', 'HEAD', 'specs', '--format', 'json'], repo);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(doc.versions, [
      { path: 'HEAD~1:specs', version: 'v1' },
      { path: 'HEAD:specs', version: 'v2' },
    ]);
    const folders = JSON.parse(runLedgerCli([FIXTURES[0]!, FIXTURES[1]!, '--format', 'json']).stdout);
    const strip = (d: typeof doc) => JSON.stringify({ ...d, versions: [] }).replace(/HEAD~1:specs|HEAD:specs|test\/ledger\/fixtures\/v[12]/g, 'X');
    assert.equal(strip(doc), strip(folders));
    assert.match(r.stderr, /HEAD:specs\/broken\.review\.yaml: malformed/);
  });

  it('with one --rev, takes the working tree as the last version (with the configuration found there); PATH defaults to .', () => {
    const r = runLedgerCli(['--rev', 'HEAD~1', '--rev', 'HEAD', '--format', 'json'], path.join(repo, 'specs'));
    assert.equal(r.code, 0, r.stderr);
    const one = JSON.parse(runLedgerCli(['--rev', 'HEAD', 'specs', '--format', 'json'], repo).stdout);
    assert.deepEqual(one.versions, [
      { path: 'HEAD:specs', version: 'v2' },
      { path: 'specs', version: 'v3' },
    ]);
    const fromFolders = JSON.parse(runLedgerCli([FIXTURES[1]!, FIXTURES[2]!, '--format', 'json']).stdout);
    assert.deepEqual(one.summary, fromFolders.summary);
  });

  it('reads --config FILE from the disk for every revision', () => {
    const cost = (extra: string[]) => {
      const r = runLedgerCli(['--rev', 'HEAD~1', '--rev', 'HEAD', 'specs', '--format', 'json', ...extra], repo);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout).threads.find((t: { key: string }) => t.key === 'CR-2').history[0].costPerPractice as number;
    };
    // The working tree's configuration prices GP time at £150 an hour; neither revision has a configuration.
    const dear = cost(['--config', path.join(repo, 'specs/service-spec.config.yaml')]);
    const base = cost([]);
    assert.ok(dear > base, `${dear} > ${base}`);
  });

  it('reads a PATH that exists only at the revisions', () => {
    const r = runLedgerCli(['--rev', 'HEAD', '--rev', 'HEAD', 'deleted/specs', '--format', 'json'], repo);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      JSON.parse(r.stdout).versions.map((v: { path: string }) => v.path),
      ['HEAD:deleted/specs', 'HEAD:deleted/specs'],
    );
  });

  it('exits 2 for an unknown revision, an option passed as one, or a PATH missing at a revision', () => {
    for (const [args, message] of [
      [['--rev', 'nope', 'specs'], /unknown git revision "nope"/],
      [['--rev=--output=x', 'specs'], /is not a git revision/],
      [['--rev', '--output=x', 'specs'], /^service-spec: ledger: Option '--rev' argument is ambiguous/],
      [['--rev', 'HEAD', 'missing'], /missing does not exist at HEAD/],
    ] as [string[], RegExp][]) {
      const r = runLedgerCli(args, repo);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
  });
});
