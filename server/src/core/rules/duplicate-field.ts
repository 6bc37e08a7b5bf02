import type { Field } from '../model.js';
import type { Rule } from './types.js';

/** The same field twice in one requirement; reported on the second. */
export const duplicateField: Rule = {
  id: 'duplicate-field',
  defaultSeverity: 'warning',
  description: 'The same field twice in one requirement',
  checkSpec({ spec, lineOf, report }) {
    for (const req of spec.requirements) {
      const seen = new Map<string, Field>();
      for (const f of req.fields) {
        const first = seen.get(f.key);
        if (!first) {
          seen.set(f.key, f);
          continue;
        }
        report(
          f.range,
          `Requirement ${req.id} has a second ${f.label} field (first at line ${lineOf(first.range.start)}); expected each field once, so which value counts is clear`,
        );
      }
    }
  },
};
