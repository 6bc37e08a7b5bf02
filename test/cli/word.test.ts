/** The Word forms of `review` and `diff` through the CLI's own option parsing (the writers are tested in test/docx). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { run } from '../helpers/cli.js';
import { ROOT } from '../helpers/golden.js';

const DRAFT = path.join(ROOT, 'samples/2019-12-draft');
const FINAL = path.join(ROOT, 'samples/2020-03-final');

function part(file: string, name: string): string {
  const entry = unzipSync(fs.readFileSync(file))[name];
  assert.ok(entry, `${path.basename(file)} has ${name}`);
  return strFromU8(entry);
}

describe('CLI: Word forms of review and diff', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-word-cli-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('review SPEC --format docx -o FILE writes every note of its sidecars as a Word comment', () => {
    const out = path.join(dir, 'ehch.review.docx');
    const r = run(['review', path.join(DRAFT, 'ehch.spec.md'), '--format', 'docx', '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    const notes = fs.readFileSync(path.join(DRAFT, 'ehch.review.yaml'), 'utf8').match(/^ {2}- id:/gm)?.length ?? 0;
    assert.ok(notes > 0);
    const comments = part(out, 'word/comments.xml').match(/<w:comment /g)?.length ?? 0;
    assert.ok(comments >= notes, `${comments} comments for ${notes} notes`);
    assert.match(r.stdout, new RegExp(`${notes} notes`));
  });

  it('refuses to overwrite without --force, and overwrites with it', () => {
    const out = path.join(dir, 'r.docx');
    fs.writeFileSync(out, 'mine');
    const refused = run(['review', path.join(DRAFT, 'ehch.spec.md'), '--format', 'docx', '-o', out]);
    assert.equal(refused.code, 2);
    assert.equal(fs.readFileSync(out, 'utf8'), 'mine');
    assert.equal(run(['review', path.join(DRAFT, 'ehch.spec.md'), '--format', 'docx', '-o', out, '--force']).code, 0);
    assert.ok(part(out, 'word/document.xml').length > 0);
  });

  it('diff OLD NEW --format docx writes a redline with insertions and deletions by --author', () => {
    const out = path.join(dir, 'ehch.redline.docx');
    const r = run(['diff', path.join(DRAFT, 'ehch.spec.md'), path.join(FINAL, 'ehch.spec.md'), '--format', 'docx', '-o', out, '--author', 'GPC']);
    assert.equal(r.code, 0, r.stderr);
    const doc = part(out, 'word/document.xml');
    assert.match(doc, /<w:ins [^>]*w:author="GPC"/);
    assert.match(doc, /<w:del [^>]*w:author="GPC"/);
  });

  it('diff of two folders --format docx -o DIR writes one redline per spec', () => {
    const r = run(['diff', DRAFT, FINAL, '--format', 'docx', '-o', dir]);
    assert.equal(r.code, 0, r.stderr);
    const written = fs.readdirSync(dir).filter((f) => f.endsWith('.redline.docx'));
    const specs = new Set([...fs.readdirSync(DRAFT), ...fs.readdirSync(FINAL)].filter((f) => f.endsWith('.spec.md')));
    assert.equal(written.length, specs.size);
  });

  it('options of the Word form are usage errors elsewhere, and --rev is refused for docx', () => {
    for (const args of [
      ['review', 'samples', '--force'],
      ['review', 'samples', '-o', 'x.docx'],
      ['diff', 'a', 'b', '--author', 'x'],
      ['diff', '--rev', 'HEAD', 'samples', '--format', 'docx'],
    ]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });
});
