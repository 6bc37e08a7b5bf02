import { field } from '../model.js';
import type { Rule } from './types.js';

/** Requirement with no Funding field, or an empty one. */
export const missingFunding: Rule = {
  id: 'missing-funding',
  defaultSeverity: 'error',
  description: 'Requirement with no Funding field',
  checkSpec({ spec, report }) {
    for (const req of spec.requirements) {
      const f = field(req, 'funding');
      if (!f) {
        report(req.headingRange, `Requirement ${req.id} has no funding source; expected a **Funding:** field listing funding-source ids, or \`none\` if it is deliberately unfunded`);
      } else if (!f.value) {
        report(f.range, `Requirement ${req.id} has an empty Funding field; expected a **Funding:** field listing funding-source ids, or \`none\` if it is deliberately unfunded`);
      }
    }
  },
};
