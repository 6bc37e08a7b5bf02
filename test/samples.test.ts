/**
 * What `check` reports on the bundled samples: the December 2019 drafts show what the critics found
 * (short lead times, unfunded care-home rounds and reviews, placeholders, gaps); the 2020/21 finals are clean.
 */
import * as assert from 'node:assert/strict';
import { runCheck } from '../server/src/node/check.js';
import { LineIndex } from '../server/src/core/index.js';

function findings(path: string): string[] {
  const result = runCheck([path]);
  assert.deepEqual(result.ioErrors, []);
  return result.files.flatMap((f) => {
    const lines = new LineIndex(f.text);
    const id = (d: { range: { start: number; end: number } }) => {
      // The requirement a finding belongs to: the nearest requirement heading above it.
      const upTo = f.text.slice(0, Math.max(d.range.end, f.text.indexOf("\n", d.range.start)));
      const m = [...upTo.matchAll(/^#{2,4} ([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-[0-9]+(?:\.[0-9]+)*):/gm)].pop();
      return m ? m[1] : `line ${lines.positionAt(d.range.start).line + 1}`;
    };
    return f.diagnostics.map((d) => `${f.file.replace(/^samples\//, '')} ${id(d)} ${d.code}`);
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
});
