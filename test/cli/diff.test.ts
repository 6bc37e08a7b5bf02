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

  it('follows the JSON shape of the issue and contract section 10', () => {
    const doc = JSON.parse(run(['diff', 'samples/2019-12-draft/ehch.spec.md', 'samples/2020-03-final/ehch.spec.md', '--format', 'json']).stdout);
    assert.deepEqual(doc.old, { file: 'samples/2019-12-draft/ehch.spec.md', id: 'ehch', version: '2019-12-draft' });
    assert.deepEqual(doc.new, { file: 'samples/2020-03-final/ehch.spec.md', id: 'ehch', version: '2020-03-final' });
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
    assert.deepEqual(folders.old, { file: 'samples/2019-12-draft', id: null, version: null });
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

  it('exits 2 on usage errors and unknown profiles', () => {
    assert.equal(run(['diff', 'samples/2019-12-draft']).code, 2);
    assert.equal(run(['diff', 'samples/2019-12-draft', 'samples/2020-03-final/ehch.spec.md']).code, 2);
    assert.equal(run(['diff', 'samples/2019-12-draft', 'samples/nope']).code, 2);
    assert.equal(run(['diff', 'samples/2019-12-draft', 'samples/2020-03-final', '--profile', 'nope']).code, 2);
    assert.equal(run(['diff', 'samples/2019-12-draft', 'samples/2020-03-final', '--format', 'sarif']).code, 2);
    assert.equal(run(['diff', 'samples/2019-12-draft', 'samples/2020-03-final', '--profile', 'lmc']).code, 0);
  });
});
