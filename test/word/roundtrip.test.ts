/**
 * Round trips through Word: every sample spec exported by `service-spec export` (server/src/docx) and
 * imported again gives back its front-matter, requirement ids, titles, prose, fields and workload; its
 * review document (`service-spec review --format docx`) gives back every note anchored `ok` with its
 * requirement, quote, stance, status, author, date, body and replies.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../../server/src/core/config.js';
import type { SpecModel } from '../../server/src/core/model.js';
import { parseSpec } from '../../server/src/core/parse.js';
import { anchorNote, normalise } from '../../server/src/core/review/anchor.js';
import { parseReview, type ReviewNote } from '../../server/src/core/review/sidecar.js';
import { exportDocx } from '../../server/src/docx/export.js';
import { reviewDocx } from '../../server/src/docx/review.js';
import { importDocx } from '../../server/src/word/index.js';
import { ROOT } from '../helpers/golden.js';

const config = parseConfig(fs.readFileSync(path.join(ROOT, 'samples/service-spec.config.yaml'), 'utf8'), 'samples/service-spec.config.yaml').config;
const FOLDERS = ['samples/2019-12-draft', 'samples/2020-02-revised', 'samples/2020-03-final'].filter((f) => fs.existsSync(path.join(ROOT, f)));

/** What a round trip keeps: Markdown line breaks and YAML comments are not part of it. */
function content(spec: SpecModel) {
  return {
    frontMatter: spec.frontMatter.values,
    requirements: spec.requirements.map((r) => ({
      id: r.id,
      title: r.title,
      prose: normalise(
        r.prose
          .slice(1)
          .map((p) => p.text)
          .join(' '),
      ),
      fields: r.fields.map((f) => [f.label, f.value]),
      workload: r.workload.flatMap((b) => b.items.map((i) => Object.fromEntries(i.entries.map((e) => [e.key, e.value])))),
    })),
  };
}

function noteContent(n: ReviewNote) {
  return {
    requirement: n.requirement,
    quote: n.quote,
    stance: n.stance,
    status: n.status,
    author: n.author,
    created: n.created,
    body: normalise(n.body ?? ''),
    replies: n.replies.map((r) => ({ author: r.author, created: r.created, body: normalise(r.body ?? '') })),
  };
}

describe('word import: round trips of the samples through export and review documents', () => {
  for (const folder of FOLDERS) {
    for (const file of fs
      .readdirSync(path.join(ROOT, folder))
      .filter((f) => f.endsWith('.spec.md'))
      .sort()) {
      const rel = `${folder}/${file}`;
      it(`${rel}: export, then import, gives the same spec`, () => {
        const spec = parseSpec(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
        const back = importDocx(exportDocx(spec, { config }), { config });
        assert.equal(back.report.exported, true);
        assert.deepEqual(content(parseSpec(back.specText)), content(spec));
      });
      const sidecar = path.join(ROOT, folder, file.replace('.spec.md', '.review.yaml'));
      if (!fs.existsSync(sidecar)) continue;
      it(`${rel}: its review document, imported, gives back its notes (ok: as written; reanchored, stale, orphaned: as Word shows them)`, () => {
        const spec = parseSpec(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
        const review = parseReview(fs.readFileSync(sidecar, 'utf8'));
        const back = importDocx(reviewDocx(spec, { config }, [{ review }]).bytes, { config });
        const imported = parseReview(back.reviewText ?? 'notes: []\n');
        for (const note of review.notes) {
          const anchor = anchorNote(note, spec);
          const body = normalise(note.body ?? '');
          const match = imported.notes.find((n) => normalise(n.body ?? '') === body);
          if (anchor.state === 'orphaned') {
            assert.equal(match, undefined, `orphaned note ${note.id} is not written`);
            assert.ok(
              back.report.unanchored.some((u) => normalise(u.body).includes(body)),
              `orphaned note ${note.id} is listed as unanchored`,
            );
            continue;
          }
          assert.ok(match, `note ${note.id} (${anchor.state}) came back`);
          if (anchor.state === 'ok') assert.deepEqual(noteContent(match), noteContent(note));
          else {
            assert.equal(match.requirement, anchor.currentRequirement, `${anchor.state} note ${note.id} comes back on its current requirement`);
            if (anchor.state === 'stale') assert.equal(match.quote, undefined, `stale note ${note.id} comes back without its quote`);
          }
        }
      });
    }
  }
});
