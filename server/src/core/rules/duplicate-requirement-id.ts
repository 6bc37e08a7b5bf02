import type { Requirement } from '../model.js';
import type { Rule } from './types.js';

/** The same requirement id twice in one spec; reported on the second. */
export const duplicateRequirementId: Rule = {
  id: 'duplicate-requirement-id',
  defaultSeverity: 'error',
  description: 'The same requirement id twice in one spec',
  requirementKey: (req) => req.id,
  checkSpec({ spec, lineOf, report }) {
    const seen = new Map<string, Requirement>();
    for (const req of spec.requirements) {
      const first = seen.get(req.id);
      if (!first) {
        seen.set(req.id, req);
        continue;
      }
      const free = nextFreeId(req.id, new Set(spec.requirements.map((r) => r.id)));
      report(
        req.idRange,
        `Requirement id ${req.id} is already used at line ${lineOf(first.idRange.start)}; expected a unique id${free ? ` (next free: ${free})` : ''}`,
        free ? { suggestion: free } : undefined,
      );
    }
  },
};

/** `EHCH-3` → the first `EHCH-n` not in use, n > the largest used (for messages and quick fixes). */
export function nextFreeId(id: string, used: ReadonlySet<string>): string | undefined {
  const m = /^(.*-)(\d+)$/.exec(id);
  if (!m) return undefined;
  let max = 0;
  for (const u of used) {
    if (u.startsWith(m[1]!)) {
      const n = Number(u.slice(m[1]!.length));
      if (Number.isInteger(n) && n > max) max = n;
    }
  }
  return `${m[1]}${max + 1}`;
}
