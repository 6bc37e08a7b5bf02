/**
 * What `check` reports on the bundled samples: the December 2019 drafts show what the critics found
 * (short lead times, unfunded care-home rounds and reviews, placeholders, gaps); the 2020/21 finals are clean.
 */
import * as assert from 'node:assert/strict';
import { runCheck } from '../server/src/node/check.js';
import { runReview } from '../server/src/node/review.js';
import { LineIndex } from '../server/src/core/index.js';

function findings(path: string): string[] {
  const result = runCheck([path]);
  assert.deepEqual(result.ioErrors, []);
  // Reviewers' notes are asserted on their own below; here, what the specs themselves show.
  return result.files
    .filter((f) => f.kind === 'spec')
    .flatMap((f) => {
      const lines = new LineIndex(f.text);
      const id = (d: { range: { start: number; end: number } }) => {
        // The requirement a finding belongs to: the nearest requirement heading above it.
        const upTo = f.text.slice(0, Math.max(d.range.end, f.text.indexOf('\n', d.range.start)));
        const m = [...upTo.matchAll(/^#{2,4} ([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-[0-9]+(?:\.[0-9]+)*):/gm)].pop();
        return m ? m[1] : `line ${lines.positionAt(d.range.start).line + 1}`;
      };
      return f.diagnostics.filter((d) => d.code !== 'open-objection').map((d) => `${f.file.replace(/^samples\//, '')} ${id(d)} ${d.code}`);
    });
}

describe('samples', () => {
  it('the December 2019 drafts show what the critics found', () => {
    assert.deepEqual(findings('samples/2019-12-draft'), [
      '2019-12-draft/anticipatory-care.spec.md AC-1 short-lead-time',
      '2019-12-draft/anticipatory-care.spec.md AC-2 placeholder-value',
      '2019-12-draft/anticipatory-care.spec.md AC-4 prescriptive-frequency-without-workload',
      '2019-12-draft/anticipatory-care.spec.md AC-4 dangling-reference',
      '2019-12-draft/anticipatory-care.spec.md AC-6 missing-funding',
      '2019-12-draft/early-cancer-diagnosis.spec.md ECD-1 short-lead-time',
      '2019-12-draft/early-cancer-diagnosis.spec.md ECD-2 unfunded-workload',
      '2019-12-draft/early-cancer-diagnosis.spec.md ECD-3 unfunded-workload',
      '2019-12-draft/ehch.spec.md EHCH-3 unfunded-workload',
      '2019-12-draft/ehch.spec.md EHCH-4 unfunded-workload',
      '2019-12-draft/ehch.spec.md EHCH-5 prescriptive-frequency-without-workload',
      '2019-12-draft/ehch.spec.md EHCH-5 unknown-funding-source',
      '2019-12-draft/personalised-care.spec.md PC-1 short-lead-time',
      '2019-12-draft/personalised-care.spec.md PC-2 unfunded-workload',
      '2019-12-draft/personalised-care.spec.md PC-4 prescriptive-frequency-without-workload',
      '2019-12-draft/smr.spec.md SMR-1 short-lead-time',
      '2019-12-draft/smr.spec.md SMR-2 short-lead-time',
      '2019-12-draft/smr.spec.md SMR-2 unfunded-workload',
      '2019-12-draft/smr.spec.md SMR-2.1 short-lead-time',
      '2019-12-draft/smr.spec.md SMR-2.1 unfunded-workload',
      '2019-12-draft/smr.spec.md SMR-3 prescriptive-frequency-without-workload',
      '2019-12-draft/smr.spec.md SMR-5 missing-deliverability',
    ]);
  });

  it('the 2020/21 finals are clean', () => {
    assert.deepEqual(findings('samples/2020-03-final'), []);
  });

  it('the EHCH draft states the cost of the unfunded fortnightly GP round per practice', () => {
    const result = runCheck(['samples/2019-12-draft/ehch.spec.md']);
    const d = result.files[0]!.diagnostics.find((x) => x.code === 'unfunded-workload' && /EHCH-3/.test(x.message))!;
    // 60 min × 26 × 9.6 homes × £68 + 120 min × 52 × 9.6 homes × £24 = £16,972.80 + £23,961.60 = £40,934.40 per PCN; ÷ 5.4.
    assert.match(d.message, /costs £7,580 a year per practice \(£40,934 and 1,248 hours per PCN/);
  });

  it('the LMC reviews anchor cleanly on the drafts they were written for', () => {
    const r = runReview(['samples/2019-12-draft']);
    assert.deepEqual(r.ioErrors, []);
    assert.equal(r.summary.notes, 9);
    assert.equal(r.summary.ok, 9);
  });

  it('carried forward to the finals, they show which objections were met, dropped or renumbered', () => {
    const r = runReview(['samples/2020-03-final']);
    const notes = r.reviews.flatMap((x) =>
      x.notes.map((n) => `${n.id} ${n.anchor}${n.anchor === 'reanchored' ? ` ${n.requirement}->${n.currentRequirement}` : ''}`),
    );
    assert.deepEqual(notes, [
      'bbo-ecd-1 reanchored ECD-5->ECD-4',
      'bbo-1 stale',
      'bbo-2 stale',
      'bbo-3 ok',
      'bbo-4 ok',
      'bbo-5 orphaned',
      'lw-1 stale',
      'lw-2 stale',
      'lw-3 ok',
    ]);
    assert.deepEqual(r.summary.byStance, { question: 2, object: 3, concern: 2, support: 1, comment: 1 });
  });
});
