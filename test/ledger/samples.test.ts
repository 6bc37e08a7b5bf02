/**
 * The ledger of the samples tells the story of the 2020/21 consultation: which objections the final met, which
 * it did not, which requirements were dropped or deferred. And the February revision is itself a spec set that
 * `check` has something to say about.
 */
import * as assert from 'node:assert/strict';
import { runLedger } from '../../server/src/node/ledger.js';
import { runCheck } from '../../server/src/node/check.js';
import { runReview } from '../../server/src/node/review.js';
import { ROOT } from '../helpers/golden.js';

const SAMPLES = ['samples/2019-12-draft', 'samples/2020-02-revised', 'samples/2020-03-final'];

function ledger() {
  const before = process.cwd();
  process.chdir(ROOT);
  try {
    return runLedger(SAMPLES).ledger;
  } finally {
    process.chdir(before);
  }
}

describe('ledger of the samples', () => {
  const l = ledger();
  // Notes written against the draft and the February revision (the finals carry the draft reviews forward).
  const early = l.threads.flatMap((t) => t.notes.filter((n) => n.version !== '2020-03-final').map((n) => ({ ...n, thread: t })));
  const outcome = (id: string) => early.find((n) => n.id === id)?.outcome;

  it('shows the objections the final met: the text they were about changed', () => {
    // The fortnightly GP-led round (BBO), the unfunded eight priority groups (Londonwide), the 72-hour care
    // plan and the unfunded cancer safety netting (Londonwide, February).
    for (const id of ['bbo-1', 'bbo-2', 'lw-1', 'lw-ehch-2', 'lw-ecd-1']) assert.equal(outcome(id), 'changed', id);
  });

  it('shows the objections the final did not meet: the weekly multidisciplinary round and the pharmacist capacity cap stand', () => {
    for (const id of ['lw-ehch-1', 'bbo-smr-2']) assert.equal(outcome(id), 'unchanged', id);
  });

  it('shows requirements dropped: two whole specs after the draft, the late-diagnosis review, shared records, the quarterly return', () => {
    const removedIn = (t: (typeof l.threads)[number]) => {
      const last = t.history[t.history.length - 1]!;
      return last.change === 'removed' ? (last.version ?? `${l.versions[last.versionIndex]!.version} (spec gone)`) : null;
    };
    const dropped = l.threads.filter(removedIn).map((t) => `${t.spec}/${t.key} ${removedIn(t)}`);
    assert.deepEqual(
      dropped.filter((d) => !/^(anticipatory|personalised)-care\//.test(d)),
      ['early-cancer-diagnosis/ECD-4@2020-02-revised 2020-02-revised', 'ehch/EHCH-7 2020-03-final', 'smr/SMR-2.2 2020-03-final'],
    );
    assert.ok(dropped.filter((d) => /^(anticipatory|personalised)-care\/.* 2020-02-revised \(spec gone\)$/.test(d)).length >= 10);
    assert.equal(outcome('bbo-5'), 'removed');
    assert.equal(outcome('lw-ehch-4'), 'removed');
    assert.equal(outcome('bbo-smr-3'), 'removed');
  });

  it('shows requirements deferred: SMR-1 and ECD-1 from April to October 2020 in the final, EHCH-7 a year later in February', () => {
    const deadlines = (spec: string, key: string) =>
      l.threads
        .find((t) => t.spec === spec && t.key === key)!
        .history.map((e) => e.deadline)
        .join(' → ');
    assert.equal(deadlines('smr', 'SMR-1'), '2020-04-01 → 2020-04-01 → 2020-10-01');
    assert.equal(deadlines('early-cancer-diagnosis', 'ECD-1'), '2020-04-01 → 2020-04-01 → 2020-10-01');
    assert.equal(deadlines('ehch', 'EHCH-7'), '2020-09-30 → 2021-03-31 → ');
    assert.equal(outcome('bbo-smr-1'), 'changed');
  });

  it('follows screening uptake through its renumbering (ECD-5 → ECD-4) without calling the question on it changed', () => {
    const t = l.threads.find((x) => x.spec === 'early-cancer-diagnosis' && x.key === 'ECD-4')!;
    assert.deepEqual(
      t.history.map((e) => `${e.id} ${e.change}`),
      ['ECD-5 present', 'ECD-4 renumbered', 'ECD-4 unchanged'],
    );
    assert.equal(outcome('bbo-ecd-1'), 'unchanged');
  });

  it('lists the February note whose quote was copied from the draft as unanchored', () => {
    assert.ok(l.unanchored.some((n) => n.id === 'bbo-smr-4' && n.version === '2020-02-revised'));
  });

  it('costs less per practice at each round', () => {
    assert.ok(l.summary.versions.every((v) => v.costDeltaPerPractice < 0));
  });
});

describe('samples/2020-02-revised', () => {
  it('still shows what check finds in a revision: short lead times for an April start, unfunded cancer work', () => {
    const result = runCheck(['samples/2020-02-revised']);
    assert.deepEqual(result.ioErrors, []);
    const found = result.files.flatMap((f) => f.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${f.file.replace(/^.*\//, '')} ${d.code}`));
    assert.deepEqual(found.sort(), [
      'early-cancer-diagnosis.spec.md short-lead-time',
      'early-cancer-diagnosis.spec.md unfunded-workload',
      'early-cancer-diagnosis.spec.md unfunded-workload',
      'smr.review.yaml stale-review-note',
      'smr.spec.md short-lead-time',
    ]);
  });

  it('carries a second LMC’s review of each spec, anchored on the revision except one quote copied from the draft', () => {
    const r = runReview(['samples/2020-02-revised']);
    assert.deepEqual(
      r.reviews.map((x) => `${x.spec} ${x.reviewer}`),
      ['early-cancer-diagnosis.spec.md Londonwide LMCs', 'ehch.spec.md Londonwide LMCs', 'smr.spec.md Berkshire, Buckinghamshire and Oxfordshire LMCs'],
    );
    assert.equal(r.summary.notes, 12);
    assert.equal(r.summary.ok, 11);
    assert.equal(r.summary.stale, 1);
  });
});
