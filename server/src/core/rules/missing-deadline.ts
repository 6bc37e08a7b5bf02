import { field } from '../model.js';
import type { Rule } from './types.js';

/** Requirement with no Deadline field, or an empty one. */
export const missingDeadline: Rule = {
  id: 'missing-deadline',
  defaultSeverity: 'error',
  description: 'Requirement with no Deadline field',
  checkSpec({ spec, report }) {
    for (const req of spec.requirements) {
      const f = field(req, 'deadline');
      if (!f) {
        report(req.headingRange, `Requirement ${req.id} has no deadline; expected a **Deadline:** field with an ISO date YYYY-MM-DD or \`ongoing\``);
      } else if (!f.value) {
        report(f.range, `Requirement ${req.id} has an empty Deadline field; expected a **Deadline:** field with an ISO date YYYY-MM-DD or \`ongoing\``);
      }
    }
  },
};
