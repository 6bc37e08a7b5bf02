/**
 * Round trip through Word: `import` of an exported document gives back the same front-matter, requirement
 * ids, titles, prose, fields and workload (the version diff of a spec and its round trip finds every
 * requirement unchanged); of a review document, the same notes for every note anchored `ok`, a stale note
 * without its quote on its requirement, a reanchored one under its current requirement, an orphaned one
 * among the comments outside every requirement.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diffSpecs } from '../../server/src/core/diff/diff.js';
import type { SpecModel } from '../../server/src/core/model.js';
import { parseSpec } from '../../server/src/core/parse.js';
import { anchorNote } from '../../server/src/core/review/anchor.js';
import { parseReview, type ReviewNote } from '../../server/src/core/review/sidecar.js';
import { exportDocx } from '../../server/src/docx/export.js';
import { bodyParagraphs, normaliseQuote, reviewDocx } from '../../server/src/docx/review.js';
import { importDocx } from '../../server/src/word/index.js';
import { ROOT } from '../helpers/golden.js';
import { samplesBasis, sidecar, spec } from './helpers.js';

const basis = samplesBasis();

const SPECS = [
  ...['2019-12-draft', '2020-03-final'].flatMap((v) =>
    fs
      .readdirSync(path.join(ROOT, 'samples', v))
      .filter((f) => f.endsWith('.spec.md'))
      .map((f) => `samples/${v}/${f}`),
  ),
  'test/fixtures/docx/review.spec.md',
  'test/fixtures/docx/versions/new/t.spec.md',
];

function roundTrip(model: SpecModel): SpecModel {
  return parseSpec(importDocx(exportDocx(model, basis), { config: basis.config }).specText);
}

const workloadOf = (m: SpecModel) =>
  m.requirements.map((r) => r.workload.flatMap((b) => b.items.map((it) => Object.fromEntries(it.entries.map((e) => [e.key, e.value])))));

describe('docx round trip through import', () => {
  for (const file of SPECS)
    it(`export then import gives back ${file}`, () => {
      const original = spec(file);
      const back = roundTrip(original);
      const entries = (m: SpecModel) => [...m.frontMatter.entries].map(([k, e]) => [k, e.value]);
      assert.deepEqual(entries(back), entries(original), 'every front-matter key, unknown ones too');
      assert.deepEqual(
        back.requirements.map((r) => [r.id, r.title]),
        original.requirements.map((r) => [r.id, r.title]),
      );
      assert.deepEqual(
        back.requirements.map((r) => r.fields.map((f) => [f.label, f.value])),
        original.requirements.map((r) => r.fields.map((f) => [f.label, f.value])),
      );
      assert.deepEqual(workloadOf(back), workloadOf(original));
      const d = diffSpecs(original, back, basis.config, basis.config);
      assert.deepEqual(d.frontMatter, []);
      // Inline emphasis comes back as plain words (see the pending test below): compare prose without its markers.
      const plain = (t: string | null) => (t ?? '').replace(/[*_`]/g, '');
      const changed = d.requirements.filter((r) => r.change !== 'unchanged' && !r.fields.every((f) => f.field === 'Text' && plain(f.old) === plain(f.new)));
      assert.deepEqual(
        changed.map((r) => [r.id, r.change, r.fields]),
        [],
      );
    });

  // Pending: the Word import reads each paragraph's text, not its runs' formatting, so **bold**, *italic* and
  // `code` in prose come back without their Markdown markers (the words are the same). It needs the import to
  // write bold runs as **…**, italic as *…* and runs in the HTML Code style as `…`.
  it('export then import keeps inline emphasis as Markdown markers (pending: import reads text without run formatting)');

  const SIDECARS = [
    ['test/fixtures/docx/review.spec.md', 'test/fixtures/docx/review.review.yaml'],
    ['samples/2019-12-draft/ehch.spec.md', 'samples/2019-12-draft/ehch.review.yaml'],
    ['samples/2019-12-draft/smr.spec.md', 'samples/2019-12-draft/smr.review.yaml'],
    ['samples/2020-03-final/ehch.spec.md', 'samples/2020-03-final/ehch.review.yaml'],
    ['samples/2020-03-final/smr.spec.md', 'samples/2020-03-final/smr.review.yaml'],
    ['samples/2020-03-final/early-cancer-diagnosis.spec.md', 'samples/2020-03-final/early-cancer-diagnosis.review.yaml'],
  ];

  for (const [specFile, sidecarFile] of SIDECARS)
    it(`review document then import gives back the notes of ${sidecarFile}`, () => {
      const model = spec(specFile!);
      const review = sidecar(sidecarFile!);
      const result = importDocx(reviewDocx(model, basis, [{ review }]).bytes, { config: basis.config });
      const back = result.reviewText ? parseReview(result.reviewText).notes : [];
      const used = new Set<ReviewNote>();
      const body = (s: string | undefined) => bodyParagraphs(s).join('\n\n');
      for (const note of review.notes) {
        const anchor = anchorNote(note, model);
        if (anchor.state === 'orphaned') {
          assert.ok(
            result.report.unanchored.some((u) => u.body.includes(body(note.body).split('\n')[0]!)),
            `${note.id}: orphaned, comes back unanchored`,
          );
          continue;
        }
        const match = back.find(
          (b) => !used.has(b) && b.requirement === anchor.currentRequirement && body(b.body) === body(note.body) && b.stance === note.stance,
        );
        assert.ok(match, `${note.id} (${anchor.state}) comes back under ${anchor.currentRequirement}`);
        used.add(match);
        if (anchor.state === 'stale') {
          assert.equal(match.quote, undefined, `${note.id}: a stale note comes back without its quote`);
          continue;
        }
        if (anchor.state !== 'ok') continue;
        assert.equal(
          match.quote === undefined ? undefined : normaliseQuote(match.quote),
          note.quote === undefined ? undefined : normaliseQuote(note.quote),
          note.id,
        );
        assert.deepEqual([match.status, match.author, match.created], [note.status, note.author ?? review.reviewer, note.created], note.id);
        assert.deepEqual(
          match.replies.map((r) => [r.author, r.created, body(r.body)]),
          note.replies.map((r) => [r.author ?? note.author, r.created, body(r.body)]),
          `${note.id}: replies`,
        );
      }
    });
});
