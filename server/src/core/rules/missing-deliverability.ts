import { field } from '../model.js';
import type { Rule } from './types.js';

/** Requirement with no Deliverability field, or an empty one. */
export const missingDeliverability: Rule = {
  id: 'missing-deliverability',
  defaultSeverity: 'error',
  description: 'Requirement with no Deliverability field',
  checkSpec({ spec, report }) {
    for (const req of spec.requirements) {
      const f = field(req, 'deliverability');
      if (!f) {
        report(req.headingRange, `Requirement ${req.id} has no deliverability note; expected a **Deliverability:** field, e.g. \`amber: needs one extra pharmacist session a week\``);
      } else if (!f.value) {
        report(f.range, `Requirement ${req.id} has an empty Deliverability field; expected a **Deliverability:** field, e.g. \`amber: needs one extra pharmacist session a week\``);
      }
    }
  },
};
