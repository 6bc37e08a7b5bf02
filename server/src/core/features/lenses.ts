/**
 * Code lens titles over the model: the spec's yearly total at the top, each costed requirement's figures,
 * and what changed in each requirement since the version this one supersedes.
 */
import { changeLine } from '../diff/html.js';
import type { SpecDiff } from '../diff/diff.js';
import { formatMoney, type SpecCost } from '../estimator/estimate.js';
import type { SpecModel } from '../model.js';
import type { Range } from '../text.js';

export interface Lens {
  range: Range;
  title: string;
}

/** The spec total (at offset 0), then one lens per requirement with a costed workload. */
export function costLenses(spec: SpecModel, cost: SpecCost, profile: string): Lens[] {
  const t = cost.total;
  const out: Lens[] = [
    {
      range: { start: 0, end: 0 },
      title: `Spec total ${formatMoney(t.costPerPcn)} a year per PCN (${formatMoney(t.costPerPractice)} per practice) · unfunded ${formatMoney(t.unfundedCostPerPcn)} · profile ${profile}`,
    },
  ];
  spec.requirements.forEach((req, i) => {
    const c = cost.requirements[i];
    if (!c?.activities.length) return;
    out.push({
      range: req.headingRange,
      title: `${formatMoney(c.costPerPcn)} per PCN · ${formatMoney(c.costPerPractice)} per practice${c.unfunded ? ' · unfunded' : ''}`,
    });
  });
  return out;
}

/** One lens per requirement added or changed since `olderVersion` (the diff from that version to `spec`). */
export function changeLenses(spec: SpecModel, diff: SpecDiff, olderVersion: string): Lens[] {
  const out: Lens[] = [];
  for (const r of diff.requirements) {
    if (r.change === 'unchanged' || r.change === 'removed') continue;
    const req = spec.requirements.find((x) => x.id === r.id && x.headingRange.start === r.headingStart);
    if (!req) continue;
    const line = changeLine(r);
    out.push({ range: req.headingRange, title: `${r.change === 'added' ? 'new' : r.change} since ${olderVersion}${line ? `: ${line}` : ''}` });
  }
  return out;
}
