import { field } from '../model.js';
import { looksIso, parseIsoDate } from '../dates.js';
import { isPlaceholder, type Rule } from './types.js';

/** Deadline that is not a real ISO date or `ongoing`. */
export const invalidDeadline: Rule = {
  id: 'invalid-deadline',
  defaultSeverity: 'error',
  description: 'Deadline that is not an ISO date (YYYY-MM-DD, a real calendar date) or `ongoing`',
  checkRequirement({ report }, req) {
    const f = field(req, 'deadline');
    if (!f?.value || isPlaceholder(f.value)) return;
    const v = f.value.replace(/^[`*_]+|[`*_]+$/g, '');
    if (/^ongoing$/i.test(v) || parseIsoDate(v)) return;
    const why = looksIso(v) ? 'which is not a real calendar date' : 'which is not in the form YYYY-MM-DD';
    report(f.valueRange, `Deadline of ${req.id} is "${f.value}", ${why}; expected an ISO date such as 2020-09-30, or \`ongoing\``, {
      suggestion: isoFromDayMonthYear(v),
    });
  },
};

/** 30/06/2020 → 2020-06-30, when unambiguous (day > 12 or day = month); for quick fixes later. */
function isoFromDayMonthYear(v: string): string | undefined {
  const m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(v);
  if (!m) return undefined;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  if (!(d > 12 || d === mo)) return undefined;
  const iso = `${m[3]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return parseIsoDate(iso) ? iso : undefined;
}
