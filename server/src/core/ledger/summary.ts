/** The ledger's summary: outcome counts (all notes, objections, per reviewer) and what each version changed. */
import { summarise, type SpecDiff } from '../diff/diff.js';
import type { LedgerNote, LedgerSummary, LedgerThread, LedgerVersion, OutcomeCounts, ReviewerCounts } from './types.js';

/** The name a note's reviewer is counted under when its sidecar names none. */
export const NO_REVIEWER = '(no reviewer)';

const zero = (): OutcomeCounts => ({ changed: 0, removed: 0, unchanged: 0, unanchored: 0 });

export function summariseLedger(versions: LedgerVersion[], threads: LedgerThread[], unanchored: LedgerNote[], diffs: SpecDiff[][]): LedgerSummary {
  const notes = [...threads.flatMap((t) => t.notes), ...unanchored];
  const outcomes = zero();
  const objections = zero();
  const reviewers = new Map<string, ReviewerCounts>();
  for (const n of notes) {
    outcomes[n.outcome]++;
    const name = n.reviewer ?? NO_REVIEWER;
    let r = reviewers.get(name);
    if (!r) reviewers.set(name, (r = { notes: 0, objections: 0, ...zero() }));
    r.notes++;
    r[n.outcome]++;
    if (n.stance === 'object') {
      objections[n.outcome]++;
      r.objections++;
    }
  }
  const byReviewer: Record<string, ReviewerCounts> = {};
  // defineProperty: a reviewer named `__proto__` is a name like any other, never the object's prototype.
  for (const name of [...reviewers.keys()].sort())
    Object.defineProperty(byReviewer, name, { value: reviewers.get(name)!, enumerable: true, writable: true, configurable: true });
  return {
    notes: notes.length,
    outcomes,
    objections,
    byReviewer,
    versions: diffs.map((d, i) => {
      const s = summarise(d);
      return {
        version: versions[i + 1]!.version,
        added: s.added,
        removed: s.removed,
        modified: s.modified,
        renumbered: s.renumbered,
        costDeltaPerPractice: s.costDeltaPerPractice,
      };
    }),
  };
}
