/** `service-spec review`: formats as golden files, the JSON keys, --strict exit codes. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../helpers/cli.js';
import { expectGolden, expectReadmeBlock } from '../helpers/golden.js';

describe('service-spec review', () => {
  it('prints the sample reviews against the finals in every format as in the golden files', () => {
    for (const [format, ext] of [
      ['text', 'txt'],
      ['json', 'json'],
      ['markdown', 'md'],
    ] as const) {
      const r = run(['review', 'samples/2020-03-final', '--format', format]);
      assert.equal(r.code, 0, r.stderr);
      expectGolden(`test/golden/review-final.${ext}`, r.stdout);
    }
    expectReadmeBlock(
      'review-output',
      '```text\n$ npx service-spec review samples/2020-03-final\n' + run(['review', 'samples/2020-03-final']).stdout + '```\n',
    );
  });

  it('follows the JSON shape of the issue', () => {
    const doc = JSON.parse(run(['review', 'samples/2019-12-draft', 'samples/2020-03-final', '--format', 'json']).stdout);
    assert.deepEqual(Object.keys(doc).sort(), ['reviews', 'summary']);
    for (const k of ['notes', 'open', 'resolved', 'stale', 'orphaned', 'reanchored', 'byStance']) assert.ok(k in doc.summary, k);
    const r = doc.reviews[0];
    for (const k of ['file', 'spec', 'reviewer', 'notes']) assert.ok(k in r, k);
    for (const k of ['id', 'requirement', 'stance', 'status', 'anchor', 'currentRequirement']) assert.ok(k in r.notes[0], k);
    assert.equal(doc.summary.notes, 18);
    assert.equal(doc.summary.byStance.object, 6);
  });

  it('review SPEC.spec.md reviews the sidecars whose spec is that file', () => {
    const r = run(['review', 'samples/2020-03-final/ehch.spec.md', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(
      doc.reviews.map((x: { file: string; spec: string }) => `${x.file} → ${x.spec}`),
      ['samples/2020-03-final/ehch.review.yaml → ehch.spec.md'],
    );
    assert.equal(doc.reviews[0].malformed, false);
    assert.ok(doc.summary.notes > 0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrv-'));
    try {
      fs.writeFileSync(path.join(dir, 'lonely.spec.md'), '---\nid: l\n---\n');
      const none = run(['review', 'lonely.spec.md'], dir);
      assert.equal(none.code, 2);
      assert.equal(none.stderr, 'service-spec: no *.review.yaml file in . names lonely.spec.md as its spec\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a sidecar whose spec is missing says so, and calls no note orphaned', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrv-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'a.review.yaml'),
        [
          'spec: gone.spec.md',
          'reviewer: LMC',
          'notes:',
          '  - id: n1',
          '    requirement: A-1',
          '    stance: object',
          '    status: open',
          '    body: No.',
          '',
        ].join('\n'),
      );
      const text = run(['review', '.'], dir);
      assert.equal(text.code, 0);
      assert.match(text.stdout, /invalid: Review file names spec "gone\.spec\.md", which does not exist/);
      assert.doesNotMatch(text.stdout, /ORPHANED|is gone/);
      assert.match(text.stdout, /0 orphaned/);
      const doc = JSON.parse(run(['review', '.', '--format', 'json'], dir).stdout);
      assert.equal(doc.reviews[0].notes[0].anchor, null);
      assert.equal(doc.summary.orphaned, 0);
      assert.match(run(['review', '.', '--format', 'markdown'], dir).stdout, /\| n1 \| A-1 \| object \| open \| not anchored \|/);
      // Malformed (its spec is missing): --strict fails.
      assert.equal(run(['review', '.', '--strict'], dir).code, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--strict exits 1 on an open stale or orphaned note or a malformed sidecar, 0 otherwise', () => {
    assert.equal(run(['review', 'samples/2020-03-final', '--strict']).code, 1);
    assert.equal(run(['review', 'samples/2019-12-draft', '--strict']).code, 0);
    assert.equal(run(['review', 'samples/2020-03-final']).code, 0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssrv-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.review.yaml'), 'spec: a.spec.md\nnotes: [oops\n');
      assert.equal(run(['review', '.', '--strict'], dir).code, 1);
      assert.equal(run(['review', 'missing.review.yaml'], dir).code, 2);
      assert.equal(run(['review', '.', '--format', 'html'], dir).code, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
