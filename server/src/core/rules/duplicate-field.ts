import type { Field } from '../model.js';
import type { Rule } from './types.js';

/** The same field twice in one requirement; reported on the second. */
export const duplicateField: Rule = {
  id: 'duplicate-field',
  defaultSeverity: 'warning',
  description: 'The same field twice in one requirement',
  requirementKey: (req) => req.fields.map((f) => f.key).join('\0'),
  checkSpec({ spec, lineOf, report }) {
    for (const req of spec.requirements) {
      const fields = req.fields;
      // A handful of fields per requirement: comparing pairs is cheaper than a map per requirement.
      for (let k = 1; k < fields.length; k++) {
        const f = fields[k]!;
        const first = firstWithKey(fields, f.key, k);
        if (!first) continue;
        report(
          f.range,
          `Requirement ${req.id} has a second ${f.label} field (first at line ${lineOf(first.range.start)}); expected each field once, so which value counts is clear`,
        );
      }
    }
  },
};

const firsts = new WeakMap<readonly Field[], Map<string, Field>>();

function firstWithKey(fields: readonly Field[], key: string, before: number): Field | undefined {
  if (fields.length > 16) {
    // Many fields (a pasted table of them): one map, not pairs.
    let m = firsts.get(fields);
    if (!m) {
      m = new Map();
      for (const f of fields) if (!m.has(f.key)) m.set(f.key, f);
      firsts.set(fields, m);
    }
    const first = m.get(key);
    return first && first !== fields[before] ? first : undefined;
  }
  for (let k = 0; k < before; k++) if (fields[k]!.key === key) return fields[k];
  return undefined;
}
