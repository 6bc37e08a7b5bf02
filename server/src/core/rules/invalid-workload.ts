import { WORKLOAD_KEYS, type WorkloadEntry } from '../model.js';
import { parseIsoDate } from '../dates.js';
import { closest } from '../suggest.js';
import type { Rule } from './types.js';

export const EVERY: Record<string, number> = { once: 1, day: 365, week: 52, fortnight: 26, month: 12, quarter: 4, year: 1 };
export const PER = ['pcn', 'practice', 'patient', 'care-home', 'care-home-bed'] as const;
const REQUIRED = ['role', 'minutes', 'every', 'per'] as const;
const MEANING: Record<string, string> = {
  role: 'a role id from the estimator',
  minutes: 'minutes of that role per occurrence',
  every: `how often: ${Object.keys(EVERY).join(', ')}`,
  per: `the unit: ${PER.join(', ')}`,
};

/** Workload YAML that does not parse or does not fit the format (docs/format.md, Workload blocks and the cost formula). */
export const invalidWorkload: Rule = {
  id: 'invalid-workload',
  defaultSeverity: 'error',
  description: 'Workload block whose YAML does not parse or does not fit the format (unknown role included)',
  checkRequirement({ config, report }, req) {
    const roles = Object.keys(config.estimator.roles).sort();
    for (const block of req.workload) {
      for (const p of block.problems) report(p.range, `${p.message} (in ${req.id})`);
      for (const item of block.items) {
        const byKey = new Map<string, WorkloadEntry>();
        for (const e of item.entries) {
          if (!(WORKLOAD_KEYS as readonly string[]).includes(e.key)) {
            const hint = closest(e.key, WORKLOAD_KEYS);
            report(
              e.keyRange,
              `Workload key "${e.key}" in ${req.id} is not known; ${hint ? `did you mean "${hint}"? ` : ''}expected ${WORKLOAD_KEYS.join(', ')}`,
            );
            continue;
          }
          byKey.set(e.key, e);
          if (!e.isScalar) report(e.valueRange, `Workload "${e.key}" in ${req.id} holds a list or mapping; expected ${MEANING[e.key] ?? 'a single value'}`);
        }
        for (const k of REQUIRED) {
          if (!byKey.has(k)) report(item.range, `Workload entry in ${req.id} has no "${k}"; expected ${MEANING[k]}`);
        }
        const bad = (e: WorkloadEntry, expected: string, hint?: string) =>
          report(
            e.valueRange,
            `Workload "${e.key}" in ${req.id} is ${show(e.value)}; ${hint ? `did you mean "${hint}"? ` : ''}expected ${expected}`,
            hint ? { suggestion: hint } : undefined,
          );
        const role = byKey.get('role');
        if (role?.isScalar) {
          if (typeof role.value !== 'string' || !Object.hasOwn(config.estimator.roles, role.value)) {
            const hint = typeof role.value === 'string' ? closest(role.value, roles) : undefined;
            bad(role, `one of the estimator's roles: ${roles.join(', ')}`, hint);
          }
        }
        const minutes = byKey.get('minutes');
        if (minutes?.isScalar && !(typeof minutes.value === 'number' && Number.isFinite(minutes.value) && minutes.value > 0)) {
          bad(minutes, 'a number of minutes greater than 0');
        }
        const every = byKey.get('every');
        if (every?.isScalar && !(typeof every.value === 'string' && Object.hasOwn(EVERY, every.value))) {
          const hint = typeof every.value === 'string' ? closest(every.value, Object.keys(EVERY)) : undefined;
          bad(every, `one of ${Object.keys(EVERY).join(', ')}`, hint);
        }
        const per = byKey.get('per');
        if (per?.isScalar && !(typeof per.value === 'string' && (PER as readonly string[]).includes(per.value))) {
          const hint = typeof per.value === 'string' ? closest(per.value, PER) : undefined;
          bad(per, `one of ${PER.join(', ')}`, hint);
        }
        const share = byKey.get('share');
        if (share?.isScalar && !(typeof share.value === 'number' && share.value > 0 && share.value <= 1)) {
          bad(share, 'a fraction greater than 0 and at most 1');
        }
        const rate = byKey.get('rate-per-1000');
        if (rate?.isScalar) {
          if (!(typeof rate.value === 'number' && Number.isFinite(rate.value) && rate.value > 0)) bad(rate, 'a number of patients per 1,000 greater than 0');
          else if (per?.value !== 'patient')
            report(rate.keyRange, `Workload "rate-per-1000" in ${req.id} applies only with "per: patient" (found per: ${show(per?.value)})`);
          if (share) report(share.keyRange, `Workload in ${req.id} has both "share" and "rate-per-1000"; expected one of them`);
        }
        const dates: Record<string, number> = {};
        for (const k of ['from', 'until'] as const) {
          const e = byKey.get(k);
          if (!e?.isScalar) continue;
          const d = typeof e.value === 'string' ? parseIsoDate(e.value) : undefined;
          if (!d) bad(e, 'an ISO date YYYY-MM-DD');
          else dates[k] = d.dayNumber;
        }
        if (dates.from !== undefined && dates.until !== undefined && dates.from > dates.until) {
          report(
            byKey.get('until')!.valueRange,
            `Workload in ${req.id} ends (${show(byKey.get('until')!.value)}) before it starts (${show(byKey.get('from')!.value)})`,
          );
        }
      }
    }
  },
};

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'empty';
  return typeof v === 'string' ? `"${v}"` : String(v);
}
