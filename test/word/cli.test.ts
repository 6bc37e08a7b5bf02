/**
 * `service-spec import` from the command line: files written (never over existing ones without --force),
 * exit statuses, JSON keys, options, the configuration's funding sources, and `service-spec check` on
 * what it wrote (the real bundle, dist/cli.cjs) listing every TBC.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../helpers/cli.js';
import { ROOT } from '../helpers/golden.js';
import { bodyDocx, ooxmlFixture } from './helpers.js';

let tmp: string;

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return file;
}

const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const h1 = (text: string) => `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;

describe('word import: the CLI', () => {
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'service-spec-import-'));
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('writes ID.spec.md and ID.review.yaml into --out and says what it found', () => {
    write('threads.docx', ooxmlFixture('threads'));
    const r = run(['import', 'threads.docx', '--out', 'specs'], tmp);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.ok(fs.existsSync(path.join(tmp, 'specs/anticipatory-care.spec.md')));
    assert.ok(fs.existsSync(path.join(tmp, 'specs/anticipatory-care.review.yaml')));
    assert.match(r.stdout, /^Imported threads\.docx as anticipatory-care \("Anticipatory Care"\)$/m);
    assert.match(r.stdout, /wrote specs\/anticipatory-care\.spec\.md: 3 requirements; 2 fields found in the document, 7 TBCs left/);
    assert.match(r.stdout, /wrote specs\/anticipatory-care\.review\.yaml: 5 review notes/);
    assert.match(r.stdout, /1 comment outside every requirement, not written:\n {4}Dr Jane Reviewer: "General: this whole section needs costing\."/);
    assert.match(r.stdout, /0 tracked changes accepted/);
    assert.match(r.stdout, /Next: service-spec check specs\/anticipatory-care\.spec\.md/);
  });

  it('prints exactly the documented JSON keys', () => {
    write('moves.docx', ooxmlFixture('moves'));
    const r = run(['import', 'moves.docx', '--format', 'json'], tmp);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(doc), ['source', 'spec', 'review', 'title', 'id', 'published', 'trackedChanges', 'requirements', 'notes', 'unanchored']);
    assert.equal(doc.source, 'moves.docx');
    assert.equal(doc.spec, 'extended-hours-access.spec.md');
    assert.equal(doc.review, 'extended-hours-access.review.yaml');
    assert.equal(doc.trackedChanges, 7, 'moveFrom, moveTo, deletions and insertions, not the formatting changes');
    assert.deepEqual(Object.keys(doc.requirements[0]), ['id', 'title', 'deadline', 'deadlinePhrase', 'funding', 'line']);
    assert.deepEqual(Object.keys(doc.notes[0]), ['id', 'requirement', 'quote', 'stance', 'status', 'replies']);
    const text = fs.readFileSync(path.join(tmp, doc.spec), 'utf8').split('\n');
    for (const req of doc.requirements) assert.equal(text[req.line - 1], `${'#'.repeat(text[req.line - 1].indexOf(' '))} ${req.id}: ${req.title}`);
  });

  it('never overwrites without --force: exit 2, the file named, nothing written', () => {
    write('threads.docx', ooxmlFixture('threads'));
    fs.writeFileSync(path.join(tmp, 'anticipatory-care.spec.md'), 'mine\n');
    const r = run(['import', 'threads.docx'], tmp);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'service-spec: anticipatory-care.spec.md exists; nothing was written (--force overwrites it)\n');
    assert.equal(fs.readFileSync(path.join(tmp, 'anticipatory-care.spec.md'), 'utf8'), 'mine\n');
    assert.equal(fs.existsSync(path.join(tmp, 'anticipatory-care.review.yaml')), false);
    fs.rmSync(path.join(tmp, 'anticipatory-care.spec.md'));
    fs.writeFileSync(path.join(tmp, 'anticipatory-care.review.yaml'), 'mine\n');
    const again = run(['import', 'threads.docx'], tmp);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /anticipatory-care\.review\.yaml exists/);
    assert.equal(fs.existsSync(path.join(tmp, 'anticipatory-care.spec.md')), false);
    const forced = run(['import', 'threads.docx', '--force'], tmp);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(fs.readFileSync(path.join(tmp, 'anticipatory-care.review.yaml'), 'utf8'), /^spec: anticipatory-care\.spec\.md$/m);
    assert.deepEqual(
      fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp')),
      [],
    );
  });

  it('refuses files it cannot import with one line naming the file, and writes nothing', () => {
    write('notes.docx', new TextEncoder().encode('just text'));
    write('old.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    for (const [file, reason] of [
      ['notes.docx', 'not a zip file'],
      ['old.doc', 'Word 97–2003'],
      ['missing.docx', 'no such file'],
      ['.', 'is a folder'],
    ]) {
      const r = run(['import', file!], tmp);
      assert.equal(r.code, 2, file);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`^service-spec: cannot (import|read) ${file!.replace('.', '\\.')}: .*${reason}.*\\n$`));
    }
    assert.deepEqual(fs.readdirSync(tmp).sort(), ['notes.docx', 'old.doc']);
  });

  it('refuses bad usage with exit 2', () => {
    write('a.docx', ooxmlFixture('threads'));
    for (const args of [
      ['import'],
      ['import', 'a.docx', 'b.docx'],
      ['import', 'a.docx', '--published', '2020-02-30'],
      ['import', 'a.docx', '--spec-id', 'Not Kebab'],
      ['import', 'a.docx', '--prefix', 'ehch'],
      ['import', 'a.docx', '--format', 'sarif'],
      ['import', 'a.docx', '--bogus'],
      ['import', 'a.docx', '--config', 'nowhere.yaml'],
    ]) {
      const r = run(args, tmp);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stderr.split('\n').length, 2, `one line: ${r.stderr}`);
    }
    assert.deepEqual(fs.readdirSync(tmp), ['a.docx']);
    const help = run(['import', '--help'], tmp);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: service-spec import FILE\.docx \[options\]/);
    for (const option of ['--out', '--spec-id', '--prefix', '--version', '--published', '--reviewer', '--config', '--force', '--format'])
      assert.match(help.stdout, new RegExp(option));
  });

  it('takes --spec-id, --prefix, --version, --published and --reviewer', () => {
    write('threads.docx', ooxmlFixture('threads'));
    const r = run(
      [
        'import',
        'threads.docx',
        '--spec-id',
        'acp',
        '--prefix',
        'ACP',
        '--version',
        '2019-12-draft',
        '--published',
        '2019-12-20',
        '--reviewer',
        'Londonwide LMCs',
      ],
      tmp,
    );
    assert.equal(r.code, 0, r.stderr);
    const spec = fs.readFileSync(path.join(tmp, 'acp.spec.md'), 'utf8');
    assert.match(spec, /^id: acp\ntitle: Anticipatory Care\nversion: 2019-12-draft\nstatus: draft\npublished: 2019-12-20\n/m);
    assert.match(spec, /^### ACP-1: /m);
    assert.match(spec, /^### AC-9: Shared records$/m, 'a heading id is kept as written');
    assert.match(fs.readFileSync(path.join(tmp, 'acp.review.yaml'), 'utf8'), /^spec: acp\.spec\.md\nreviewer: Londonwide LMCs$/m);
  });

  it('recognises the funding sources of the configuration found walking up from DIR, or of --config', () => {
    const doc = bodyDocx(
      h1('Funding') +
        p('The network must run the clinics with the LMC Transformation Fund from 1 May 2020.') +
        p('The network must employ a pharmacist through the Additional Roles Reimbursement Scheme.'),
    );
    write('doc.docx', doc);
    fs.writeFileSync(path.join(tmp, 'service-spec.config.yaml'), 'funding:\n  sources:\n    lmc-fund: { label: LMC Transformation Fund }\n    arrs: null\n');
    const r = run(['import', 'doc.docx', '--out', 'out/deeper', '--spec-id', 'fund'], tmp);
    assert.equal(r.code, 0, r.stderr);
    const spec = fs.readFileSync(path.join(tmp, 'out/deeper/fund.spec.md'), 'utf8');
    assert.match(spec, /AC-1: [^\n]*\n[^\n]*\n\n- \*\*Deadline:\*\* 2020-05-01\n- \*\*Funding:\*\* lmc-fund\n/);
    assert.match(spec, /AC-2: [^\n]*\n[^\n]*\n\n- \*\*Deadline:\*\* TBC\n- \*\*Funding:\*\* TBC\n/, 'arrs is removed by the configuration');
    fs.writeFileSync(path.join(tmp, 'other.yaml'), 'funding:\n  sources:\n    lmc-fund: null\n');
    const withConfig = run(['import', 'doc.docx', '--out', 'out2', '--spec-id', 'fund', '--config', 'other.yaml'], tmp);
    assert.equal(withConfig.code, 0, withConfig.stderr);
    const other = fs.readFileSync(path.join(tmp, 'out2/fund.spec.md'), 'utf8');
    assert.match(other, /- \*\*Funding:\*\* TBC\n[\s\S]*- \*\*Funding:\*\* arrs\n/);
  });

  it('warns, and uses the built-in funding sources, when the configuration has errors', () => {
    write('threads.docx', ooxmlFixture('threads'));
    fs.writeFileSync(path.join(tmp, 'broken.yaml'), 'funding: [not, a, mapping\n');
    const r = run(['import', 'threads.docx', '--config', 'broken.yaml'], tmp);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, 'service-spec: configuration broken.yaml has errors (run service-spec check on it); funding sources are the built-in ones\n');
    assert.match(fs.readFileSync(path.join(tmp, 'anticipatory-care.spec.md'), 'utf8'), /- \*\*Funding:\*\* iif/);
  });

  it('writes a spec whose TBCs `service-spec check` lists (dist/cli.cjs)', function () {
    this.timeout(60_000);
    write('threads.docx', ooxmlFixture('threads'));
    assert.equal(run(['import', 'threads.docx'], tmp).code, 0);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.cjs'), 'check', 'anticipatory-care.spec.md', '--format', 'json'], {
      cwd: tmp,
      encoding: 'utf8',
    });
    assert.equal(r.status, 1, r.stderr);
    const found = JSON.parse(r.stdout).files[0].diagnostics as { code: string; message: string; line: number }[];
    const spec = fs.readFileSync(path.join(tmp, 'anticipatory-care.spec.md'), 'utf8').split('\n');
    const tbcLines = spec.flatMap((l, i) => (/^- \*\*\w+:\*\* TBC$/.test(l) ? [i + 1] : []));
    assert.equal(tbcLines.length, 7);
    assert.deepEqual(
      found
        .filter((d) => d.code === 'placeholder-value')
        .map((d) => d.line)
        .sort((a, b) => a - b),
      tbcLines,
    );
    assert.ok(found.every((d) => d.code !== 'invalid-front-matter'));
  });
});
