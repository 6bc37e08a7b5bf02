import { field } from '../model.js';
import type { Rule } from './types.js';

/**
 * The shape shared by missing-deadline, missing-funding and missing-deliverability: no field → on the
 * heading; an empty field → on the field (an empty value counts as missing; docs/format.md, Requirements and fields).
 */
export function missingFieldRule(id: string, key: string, label: string, missing: string, expected: string): Rule {
  return {
    id,
    defaultSeverity: 'error',
    description: `Requirement with no ${label} field`,
    checkRequirement({ report }, req) {
      const f = field(req, key);
      if (!f) report(req.headingRange, `Requirement ${req.id} has ${missing}; expected ${expected}`);
      else if (!f.value) report(f.range, `Requirement ${req.id} has an empty ${label} field; expected ${expected}`);
    },
  };
}
