/** `service-spec diff`: goldens for every format, the JSON keys, folders, git revisions, exit codes. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../helpers/cli.js';
import { ROOT, expectGolden, expectReadmeBlock } from '../helpers/golden.js';

describe('service-spec diff', () => {
  it('prints the draft → final diff of the samples in every format as in the golden files', () => {
    for (const [format, ext] of [
      ['text', 'txt'],
      ['json', 'json'],
      ['markdown', 'md'],
      ['html', 'html'],
    ] as const) {
      const r = run(['diff', 'samples/2019-12-draft', 'samples/2020-03-final', '--format', format]);
      assert.equal(r.code, 0, r.stderr);
      expectGolden(`test/golden/diff-samples.${ext}`, r.stdout);
    }
    const brief = run(['diff', 'samples/2019-12-draft/ehch.spec.md', 'samples/2020-03-final/ehch.spec.md', '--format', 'markdown']).stdout;
    expectReadmeBlock('diff-output', brief.replace(/^# /, '#### ').replace(/\n## /g, '\n##### '));
  });

  it('follows the documented JSON shape (docs/format.md, Version diff)', () => {
    const doc = JSON.parse(run(['diff', 'samples/2019-12-draft/ehch.spec.md', 'samples/2020-03-final/ehch.spec.md', '--format', 'json']).stdout);
    assert.deepEqual(doc.old, { file: 'samples/2019-12-draft/ehch.spec.md', id: 'ehch', version: '2019-12-draft', title: 'Enhanced Health in Care Homes' });
    assert.deepEqual(doc.new, { file: 'samples/2020-03-final/ehch.spec.md', id: 'ehch', version: '2020-03-final', title: 'Enhanced Health in Care Homes' });
    const s = doc.specs[0];
    assert.equal(s.id, 'ehch');
    assert.ok(s.frontMatter.some((f: { field: string }) => f.field === 'status'));
    const r3 = s.requirements.find((r: { id: string }) => r.id === 'EHCH-3');
    for (const k of ['id', 'oldId', 'change', 'fields', 'textChanged', 'costDeltaPerPcn', 'costDeltaPerPractice', 'costDeltaNational']) assert.ok(k in r3, k);
    assert.equal(r3.change, 'modified');
    assert.deepEqual(
      r3.fields.find((f: { field: string }) => f.field === 'Deadline'),
      { field: 'Deadline', old: '2020-09-01', new: '2020-10-01', days: 30 },
    );
    const removed = s.requirements.find((r: { change: string }) => r.change === 'removed');
    assert.equal(removed.id, 'EHCH-7');
    for (const k of ['added', 'removed', 'modified', 'renumbered', 'moved', 'unchanged', 'costDeltaPerPcn', 'costDeltaPerPractice', 'costDeltaNational'])
      assert.ok(k in doc.summary, k);
    const folders = JSON.parse(run(['diff', 'samples/2019-12-draft', 'samples/2020-03-final', '--format', 'json']).stdout);
    assert.deepEqual(folders.old, { file: 'samples/2019-12-draft', id: null, version: null, title: null });
    assert.equal(folders.specs.find((x: { id: string }) => x.id === 'personalised-care').change, 'removed');
    assert.equal(folders.summary.renumbered, 1);
  });

  it('reads git revisions with git itself', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssdiff-'));
    try {
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.email=t@example.invalid', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
      git('init', '-q');
      fs.copyFileSync(path.join(ROOT, 'samples/2019-12-draft/ehch.spec.md'), path.join(dir, 'ehch.spec.md'));
      git('add', '.');
      git('commit', '-qm', 'draft');
      git('tag', 'v2019-12');
      fs.copyFileSync(path.join(ROOT, 'samples/2020-03-final/ehch.spec.md'), path.join(dir, 'ehch.spec.md'));
      const withTree = run(['diff', '--rev', 'v2019-12', 'ehch.spec.md', '--format', 'json'], dir);
      assert.equal(withTree.code, 0, withTree.stderr);
      const a = JSON.parse(withTree.stdout);
      assert.equal(a.old.version, '2019-12-draft');
      assert.equal(a.new.version, '2020-03-final');
      git('commit', '-qam', 'final');
      const twoRevs = JSON.parse(run(['diff', '--rev', 'v2019-12', '--rev', 'HEAD', '.', '--format', 'json'], dir).stdout);
      assert.equal(twoRevs.summary.removed, 1);
      assert.equal(run(['diff', '--rev', 'no-such-rev', 'ehch.spec.md'], dir).code, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--rev from a subfolder, or with no PATH, compares the same files (nothing reported as added)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssdiff-'));
    try {
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.email=t@example.invalid', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
      git('init', '-q');
      fs.mkdirSync(path.join(dir, 'specs', 'sub'), { recursive: true });
      fs.copyFileSync(path.join(ROOT, 'samples/service-spec.config.yaml'), path.join(dir, 'specs', 'service-spec.config.yaml'));
      fs.copyFileSync(path.join(ROOT, 'samples/2019-12-draft/ehch.spec.md'), path.join(dir, 'specs', 'sub', 'ehch.spec.md'));
      fs.copyFileSync(path.join(ROOT, 'samples/2019-12-draft/smr.spec.md'), path.join(dir, 'specs', 'sub', 'smr.spec.md'));
      git('add', '.');
      git('commit', '-qm', 'draft');
      fs.copyFileSync(path.join(ROOT, 'samples/2020-03-final/ehch.spec.md'), path.join(dir, 'specs', 'sub', 'ehch.spec.md'));
      const sub = path.join(dir, 'specs');
      for (const [cwd, args] of [
        [sub, ['sub']],
        [path.join(sub, 'sub'), []],
        [path.join(sub, 'sub'), ['.']],
        [dir, ['specs/sub']],
      ] as const) {
        const r = run(['diff', '--rev', 'HEAD', ...args, '--format', 'json'], cwd);
        assert.equal(r.code, 0, r.stderr);
        const doc = JSON.parse(r.stdout);
        assert.deepEqual(
          doc.specs.map((x: { id: string; change: string }) => `${x.id} ${x.change}`),
          ['ehch modified', 'smr unchanged'],
          `from ${path.relative(dir, cwd) || '.'} with ${args.join(' ') || 'no PATH'}`,
        );
        assert.equal(doc.summary.added, 0);
        // Each side costed with its own configuration, found beside the specs at the revision too.
        assert.ok(doc.summary.costDeltaPerPractice < 0);
      }
      const missing = run(['diff', '--rev', 'HEAD', 'nope.spec.md'], sub);
      assert.equal(missing.code, 2);
      assert.equal(missing.stderr, 'service-spec: nope.spec.md does not exist at HEAD\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('folders: specs sharing an id are paired by their path in the folder, and named on stderr', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssdiff-'));
    try {
      const draft = fs.readFileSync(path.join(ROOT, 'samples/2019-12-draft/ehch.spec.md'), 'utf8');
      const final = fs.readFileSync(path.join(ROOT, 'samples/2020-03-final/ehch.spec.md'), 'utf8');
      for (const side of ['old', 'new']) fs.mkdirSync(path.join(dir, side, 'north'), { recursive: true });
      // Two regional copies of the same spec (same id) on each side; only the northern one changed.
      fs.writeFileSync(path.join(dir, 'old', 'ehch.spec.md'), draft);
      fs.writeFileSync(path.join(dir, 'old', 'north', 'ehch.spec.md'), draft);
      fs.writeFileSync(path.join(dir, 'new', 'ehch.spec.md'), draft);
      fs.writeFileSync(path.join(dir, 'new', 'north', 'ehch.spec.md'), final);
      const r = run(['diff', 'old', 'new', '--format', 'json'], dir);
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout);
      assert.deepEqual(
        doc.specs.map((x: { oldFile: string; newFile: string; change: string }) => `${x.oldFile} → ${x.newFile}: ${x.change}`),
        ['old/ehch.spec.md → new/ehch.spec.md: unchanged', 'old/north/ehch.spec.md → new/north/ehch.spec.md: modified'],
      );
      assert.equal(
        r.stderr,
        'service-spec: note: 2 specs in old have the id "ehch" (ehch.spec.md, north/ehch.spec.md); they are paired by their path in the folder\n' +
          'service-spec: note: 2 specs in new have the id "ehch" (ehch.spec.md, north/ehch.spec.md); they are paired by their path in the folder\n',
      );
      // A spec renamed on disk still pairs with its counterpart by id.
      fs.renameSync(path.join(dir, 'new', 'ehch.spec.md'), path.join(dir, 'new', 'ehch-south.spec.md'));
      fs.rmSync(path.join(dir, 'old', 'north'), { recursive: true });
      fs.rmSync(path.join(dir, 'new', 'north'), { recursive: true });
      const renamed = JSON.parse(run(['diff', 'old', 'new', '--format', 'json'], dir).stdout);
      assert.deepEqual(
        renamed.specs.map((x: { oldFile: string; newFile: string; change: string }) => `${x.oldFile} → ${x.newFile}: ${x.change}`),
        ['old/ehch.spec.md → new/ehch-south.spec.md: unchanged'],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('heads every report with the titles and versions (escaped), the files beneath', () => {
    const a = 'samples/2019-12-draft/ehch.spec.md';
    const b = 'samples/2020-03-final/ehch.spec.md';
    const text = run(['diff', a, b]).stdout.split('\n');
    assert.deepEqual(text.slice(0, 2), ['Enhanced Health in Care Homes: 2019-12-draft → 2020-03-final', `${a} → ${b}  (profile default)`]);
    const md = run(['diff', a, b, '--format', 'markdown']).stdout.split('\n');
    assert.deepEqual(md.slice(0, 3), ['# Enhanced Health in Care Homes: 2019-12-draft → 2020-03-final', '', `${a} → ${b} · profile default`]);
    const html = run(['diff', a, b, '--format', 'html']).stdout;
    assert.match(html, /<h1>Enhanced Health in Care Homes: 2019-12-draft → 2020-03-final<\/h1>\n<p class="files">samples\/2019-12-draft\/ehch\.spec\.md → /);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssdiff-'));
    try {
      const evil = (v: string) => draftWith('*<b>Care</b>* [x](javascript:1)', v);
      const draftWith = (title: string, version: string) =>
        fs
          .readFileSync(path.join(ROOT, 'samples/2019-12-draft/ehch.spec.md'), 'utf8')
          .replace(/^title: .*$/m, `title: "${title}"`)
          .replace(/^version: .*$/m, `version: "${version}"`);
      fs.writeFileSync(path.join(dir, 'a.spec.md'), evil('v1_<i>'));
      fs.writeFileSync(path.join(dir, 'b.spec.md'), evil('v2'));
      const m = run(['diff', 'a.spec.md', 'b.spec.md', '--format', 'markdown'], dir).stdout;
      assert.equal(m.split('\n')[0], '# \\*\\<b\\>Care\\</b\\>\\* \\[x\\]\\(javascript:1\\): v1\\_\\<i\\> → v2');
      const h = run(['diff', 'a.spec.md', 'b.spec.md', '--format', 'html'], dir).stdout;
      assert.ok(h.includes('<h1>*&lt;b&gt;Care&lt;/b&gt;* [x](javascript:1): v1_&lt;i&gt; → v2</h1>'), h.slice(0, 600));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 on usage errors and unknown profiles', () => {
    assert.equal(run(['diff', 'samples/2019-12-draft']).code, 2);
    assert.equal(run(['diff', 'samples/2019-12-draft', 'samples/2020-03-final/ehch.spec.md']).code, 2);
    assert.equal(run(['diff', 'samples/2019-12-draft', 'samples/nope']).code, 2);
    assert.equal(run(['diff', 'samples/2019-12-draft', 'samples/2020-03-final', '--profile', 'nope']).code, 2);
    assert.equal(run(['diff', 'samples/2019-12-draft', 'samples/2020-03-final', '--format', 'sarif']).code, 2);
    assert.equal(run(['diff', 'samples/2019-12-draft', 'samples/2020-03-final', '--profile', 'lmc']).code, 0);
  });
});
