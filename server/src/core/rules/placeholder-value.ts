import { isPlaceholder, type Rule } from './types.js';

const LIST_FIELDS = new Set(['funding', 'depends on']);
const EXPECTED: Record<string, string> = {
  deadline: 'an ISO date YYYY-MM-DD or `ongoing`',
  funding: 'funding-source ids, or `none`',
  deliverability: 'a rating (green, amber, red) and what delivery needs',
  'depends on': 'requirement ids, or `none`',
  owner: 'who is accountable',
};

/** TBC, TBD, TODO, ?, N/A or "to be confirmed" standing in for a field value. */
export const placeholderValue: Rule = {
  id: 'placeholder-value',
  defaultSeverity: 'warning',
  description: 'Placeholder (TBC, TBD, TODO, ?, N/A, "to be confirmed") as a field value or list item',
  checkSpec({ spec, report }) {
    for (const req of spec.requirements) {
      for (const f of req.fields) {
        const expected = EXPECTED[f.key] ?? 'a real value';
        if (LIST_FIELDS.has(f.key) && f.parts.length > 1) {
          for (const p of f.parts) {
            if (isPlaceholder(p.text)) {
              report(p.range, `${f.label} of ${req.id} lists a placeholder ("${p.text}"); expected ${expected}`, { value: p.text });
            }
          }
          continue;
        }
        // A rating prefix does not make a placeholder a value: `amber: TBC`.
        const rated = /^(green|amber|red)\s*:\s*(.*)$/i.exec(f.value);
        const value = f.key === 'deliverability' && rated ? rated[2]! : f.value;
        if (value && isPlaceholder(value)) {
          report(f.valueRange, `${f.label} of ${req.id} is a placeholder ("${f.value}"); expected ${expected}`, { value: f.value });
        }
      }
    }
  },
};
