import { missingDeadline } from './missing-deadline.js';
import { missingDeliverability } from './missing-deliverability.js';
import { missingFunding } from './missing-funding.js';
import { isPlaceholder, type Rule } from './types.js';

const LIST_FIELDS = new Set(['funding', 'depends on']);
const EXPECTED: Record<string, string> = {
  deadline: 'an ISO date YYYY-MM-DD or `ongoing`',
  funding: 'funding-source ids, or `none`',
  deliverability: 'a rating (green, amber, red) and what delivery needs',
  'depends on': 'requirement ids, or `none`',
  owner: 'who is accountable',
};

/**
 * A placeholder in a required field stands for a missing value: it takes the matching missing-* rule's
 * severity, so writing `TBC` (as the add-missing-fields fix does) never turns an error into a warning.
 */
const REQUIRED: Record<string, Rule> = { deadline: missingDeadline, funding: missingFunding, deliverability: missingDeliverability };

/** TBC, TBD, TODO, ?, N/A or "to be confirmed" standing in for a field value. */
export const placeholderValue: Rule = {
  id: 'placeholder-value',
  defaultSeverity: 'warning',
  description:
    'Placeholder (TBC, TBD, TODO, ?, N/A, "to be confirmed") as a field value or list item (in Deadline, Funding and Deliverability with the severity of the matching missing-* rule)',
  checkRequirement({ report, severitySetFor }, req) {
    // A severity set for placeholder-value itself applies everywhere; else a required field follows its missing-* rule.
    const own = severitySetFor('placeholder-value');
    const severityIn = (key: string) => {
      const missing = REQUIRED[key];
      return own ?? (missing ? (severitySetFor(missing.id) ?? missing.defaultSeverity) : undefined);
    };
    for (const f of req.fields) {
      const severity = severityIn(f.key);
      if (severity === 'off') continue;
      const expected = EXPECTED[f.key] ?? 'a real value';
      if (LIST_FIELDS.has(f.key) && f.parts.length > 1) {
        for (const p of f.parts) {
          if (isPlaceholder(p.text)) {
            report(p.range, `${f.label} of ${req.id} lists a placeholder ("${p.text}"); expected ${expected}`, { value: p.text }, severity);
          }
        }
        continue;
      }
      // A rating prefix does not make a placeholder a value: `amber: TBC`.
      const rated = /^(green|amber|red)\s*:\s*(.*)$/i.exec(f.value);
      const value = f.key === 'deliverability' && rated ? rated[2]! : f.value;
      if (value && isPlaceholder(value)) {
        report(f.valueRange, `${f.label} of ${req.id} is a placeholder ("${f.value}"); expected ${expected}`, { value: f.value }, severity);
      }
    }
  },
};
