/** `service-spec export`, and the Word forms of review and diff, on disk: where documents go, --force, errors. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Args, Io } from '../../server/src/cli/command.js';
import { diffDocxCommand, reviewDocxCommand } from '../../server/src/cli/commands/export.js';
import { writeDocument } from '../../server/src/node/export.js';
import { run } from '../helpers/cli.js';
import { ROOT } from '../helpers/golden.js';
import { FIXTURES, lines } from './helpers.js';
import { readDocx } from './ooxml.js';

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'service-spec-export-'));
  for (const f of ['ehch.spec.md', 'ehch.review.yaml', 'smr.spec.md']) fs.copyFileSync(path.join(ROOT, 'samples/2020-03-final', f), path.join(dir, f));
  fs.copyFileSync(path.join(ROOT, 'samples/service-spec.config.yaml'), path.join(dir, 'service-spec.config.yaml'));
  fs.mkdirSync(path.join(dir, 'old'));
  for (const f of ['ehch.spec.md', 'smr.spec.md', 'anticipatory-care.spec.md'])
    fs.copyFileSync(path.join(ROOT, 'samples/2019-12-draft', f), path.join(dir, 'old', f));
  return dir;
}

function capture(): Io & { out: string; err: string } {
  const io = { out: '', err: '', isTTY: false, stdout: (s: string) => void (io.out += s), stderr: (s: string) => void (io.err += s) };
  return io;
}

const tmpFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('docx: service-spec export', () => {
  let dir = '';
  beforeEach(() => (dir = workspace()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes NAME.docx beside the spec, then refuses to replace it without --force', () => {
    const first = run(['export', 'ehch.spec.md'], dir);
    assert.deepEqual([first.code, first.stdout, first.stderr], [0, 'wrote ehch.docx\n', '']);
    const bytes = fs.readFileSync(path.join(dir, 'ehch.docx'));
    assert.ok(readDocx(new Uint8Array(bytes)).body);
    fs.writeFileSync(path.join(dir, 'ehch.docx'), 'mine');
    const again = run(['export', 'ehch.spec.md'], dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /^service-spec: ehch\.docx exists; nothing was written \(--force replaces it\)\n$/);
    assert.equal(fs.readFileSync(path.join(dir, 'ehch.docx'), 'utf8'), 'mine', 'the existing file is kept');
    const forced = run(['export', 'ehch.spec.md', '--force'], dir);
    assert.equal(forced.code, 0);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'ehch.docx')), bytes);
    assert.deepEqual(tmpFiles(dir), []);
  });

  it('-o FILE for one spec, -o DIR for several (created), and refuses -o FILE for several', () => {
    assert.equal(run(['export', 'ehch.spec.md', '-o', 'out.docx'], dir).code, 0);
    assert.ok(fs.existsSync(path.join(dir, 'out.docx')));
    const folder = run(['export', 'ehch.spec.md', 'smr.spec.md', '-o', 'docs'], dir);
    assert.deepEqual([folder.code, folder.stdout], [0, `wrote ${path.join('docs', 'ehch.docx')}\nwrote ${path.join('docs', 'smr.docx')}\n`]);
    const many = run(['export', 'old', '-o', 'out.docx'], dir);
    assert.equal(many.code, 2);
    assert.match(many.stderr, /-o out\.docx is a file; several documents need a folder/);
  });

  it('writes one self-contained HTML page with --format html', () => {
    assert.equal(run(['export', 'ehch.spec.md', '--format', 'html'], dir).code, 0);
    const html = fs.readFileSync(path.join(dir, 'ehch.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /Content-Security-Policy/);
    assert.ok(!/<script/i.test(html));
  });

  it('costs under --profile and refuses an unknown profile, format or configuration (exit 2, nothing written)', () => {
    assert.equal(run(['export', 'ehch.spec.md', '--profile', 'lmc'], dir).code, 0);
    assert.ok(lines(new Uint8Array(fs.readFileSync(path.join(dir, 'ehch.docx')))).some((l) => l.startsWith('Cost (profile lmc)')));
    for (const args of [
      ['--profile', 'nope'],
      ['--format', 'pdf'],
      ['--config', 'missing.yaml'],
    ]) {
      const r = run(['export', 'smr.spec.md', ...args], dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^service-spec: /);
      assert.ok(!fs.existsSync(path.join(dir, 'smr.docx')));
    }
    assert.equal(run(['export'], dir).code, 2);
    assert.match(run(['export', 'nothing.spec.md'], dir).stderr, /cannot read nothing\.spec\.md/);
  });

  it('is listed in the global help and has its own', () => {
    assert.match(run(['--help']).stdout, /\bexport\b/);
    assert.match(run(['export', '--help']).stdout, /^Usage: service-spec export SPEC\.\.\./);
  });

  it('never writes over a file created while it worked (atomic, no temporary file left)', () => {
    const target = path.join(dir, 'race.docx');
    fs.writeFileSync(target, 'theirs');
    assert.throws(() => writeDocument(target, new Uint8Array([1, 2, 3])), /exists/);
    writeDocument(target, new Uint8Array([1, 2, 3]), true);
    assert.deepEqual([...fs.readFileSync(target)], [1, 2, 3]);
    assert.deepEqual(tmpFiles(dir), []);
  });
});

describe('docx: review and diff as Word documents', () => {
  let dir = '';
  beforeEach(() => (dir = workspace()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const args = (positionals: string[], values: Args['values'] = {}): Args => ({ positionals, values });
  const inDir = <T>(f: () => T): T => {
    const before = process.cwd();
    process.chdir(dir);
    try {
      return f();
    } finally {
      process.chdir(before);
    }
  };

  it('review SPEC --format docx writes NAME.review.docx with the notes of its sidecars', () => {
    const io = capture();
    assert.equal(
      inDir(() => reviewDocxCommand(args(['ehch.spec.md']), io)),
      0,
    );
    assert.equal(io.out, 'wrote ehch.review.docx: 5 notes from 1 sidecar\n');
    const d = readDocx(new Uint8Array(fs.readFileSync(path.join(dir, 'ehch.review.docx'))));
    assert.ok(d.part('word/comments.xml'));
  });

  it('diff OLD NEW --format docx writes NEW-NAME.redline.docx; folders give one per spec', () => {
    const io = capture();
    assert.equal(
      inDir(() => diffDocxCommand(args(['old/ehch.spec.md', 'ehch.spec.md'], { author: 'BBO LMC' }), io)),
      0,
    );
    assert.equal(io.out, 'wrote ehch.redline.docx\n');
    const folders = capture();
    fs.mkdirSync(path.join(dir, 'new'));
    for (const f of ['ehch.spec.md', 'smr.spec.md']) fs.copyFileSync(path.join(dir, f), path.join(dir, 'new', f));
    assert.equal(
      inDir(() => diffDocxCommand(args(['old', 'new'], { out: 'red' }), folders)),
      0,
    );
    assert.deepEqual(fs.readdirSync(path.join(dir, 'red')).sort(), ['anticipatory-care.redline.docx', 'ehch.redline.docx', 'smr.redline.docx']);
    // The spec only in OLD: all deleted.
    const removed = new Uint8Array(fs.readFileSync(path.join(dir, 'red', 'anticipatory-care.redline.docx')));
    assert.ok(lines(removed, 'accept').every((l) => l === ''));
    assert.ok(lines(removed, 'reject').length > 10);
    assert.throws(() => inDir(() => diffDocxCommand(args(['old', 'ehch.spec.md']), capture())), /two files or two folders/);
    assert.throws(() => inDir(() => diffDocxCommand(args(['old', 'new'], { rev: ['HEAD'] }), capture())), /not git revisions/);
  });

  it('review --format docx on the fixture anchors notes from every sidecar naming the spec', () => {
    const fx = fs.mkdtempSync(path.join(os.tmpdir(), 'service-spec-review-'));
    try {
      for (const f of ['review.spec.md', 'review.review.yaml', 'resolved.review.yaml']) fs.copyFileSync(path.join(FIXTURES, f), path.join(fx, f));
      const io = capture();
      const before = process.cwd();
      process.chdir(fx);
      try {
        assert.equal(reviewDocxCommand(args(['review.spec.md'], { out: 'x.docx' }), io), 0);
      } finally {
        process.chdir(before);
      }
      assert.equal(io.out, 'wrote x.docx: 6 notes from 2 sidecars\n');
    } finally {
      fs.rmSync(fx, { recursive: true, force: true });
    }
  });
});
