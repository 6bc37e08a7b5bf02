/**
 * The shared workload estimator (docs/format.md, Workload blocks and the cost formula). One formula for everyone:
 *
 *   hours = minutes / 60 × occurrences(every) × units(per) × share      (per PCN, per year)
 *   cost  = hours × hourly-cost(role)
 *   per practice = per PCN ÷ practices;  national = per PCN × pcns
 *
 * Computed without intermediate rounding; rounding happens only when shown (`formatMoney`, `formatHours`).
 * Entries that invalid-workload rejects are left out of the sums (and say why in `skipped`).
 */
import type { ServiceSpecConfig } from '../config.js';
import { field, type Requirement, type SpecModel, type WorkloadEntry, type WorkloadItem } from '../model.js';
import type { Range } from '../text.js';
import { parseIsoDate, type IsoDate } from '../dates.js';

export const OCCURRENCES: Readonly<Record<string, number>> = { once: 1, day: 365, week: 52, fortnight: 26, month: 12, quarter: 4, year: 1 };
export const UNITS = ['pcn', 'practice', 'patient', 'care-home', 'care-home-bed'] as const;
export type Unit = (typeof UNITS)[number];

const UNIT_LABEL: Record<Unit, [string, string]> = {
  pcn: ['PCN', 'PCN'],
  practice: ['practice', 'practices'],
  patient: ['patient', 'patients'],
  'care-home': ['care home', 'care homes'],
  'care-home-bed': ['care-home bed', 'care-home beds'],
};

export interface ActivityCost {
  range: Range;
  role: string;
  roleLabel: string;
  minutes: number;
  every: string;
  occurrences: number;
  per: Unit;
  /** Units per PCN (after rate-per-1000), before share. */
  units: number;
  share: number;
  ratePer1000?: number;
  hourlyCost: number;
  hoursPerPcn: number;
  costPerPcn: number;
  costPerPractice: number;
  costNational: number;
  from?: string;
  until?: string;
  /** The calculation as a person would write it, e.g. `60 min × 26/yr × 9.6 care homes = 249.6 h × £100/h = £24,960`. */
  formula: string;
}

export interface CostFigures {
  hoursPerPcn: number;
  costPerPcn: number;
  costPerPractice: number;
  costNational: number;
}

export interface RequirementCost extends CostFigures {
  id: string;
  title: string;
  /** Funding ids as written; `["none"]` when explicitly unfunded, `[]` when the field is missing. */
  funding: string[];
  /** True when the funding is `none` or missing. */
  unfunded: boolean;
  activities: ActivityCost[];
}

export interface SpecCost {
  requirements: RequirementCost[];
  total: CostFigures & { unfundedCostPerPcn: number; unfundedCostPerPractice: number; unfundedCostNational: number };
}

function entry(item: WorkloadItem, key: string): WorkloadEntry | undefined {
  return item.entries.find((e) => e.key === key);
}

/** Units per PCN of a unit under the configuration. */
export function unitsPerPcn(per: Unit, config: ServiceSpecConfig): number {
  const e = config.estimator;
  switch (per) {
    case 'pcn':
      return 1;
    case 'practice':
      return e.practices;
    case 'patient':
      return e.population;
    case 'care-home':
      return e['care-homes'];
    case 'care-home-bed':
      return e['care-home-beds'];
  }
}

/** The cost of one workload entry, or undefined when the entry is not valid (invalid-workload says why). */
export function costActivity(item: WorkloadItem, config: ServiceSpecConfig): ActivityCost | undefined {
  const role = entry(item, 'role')?.value;
  const minutes = entry(item, 'minutes')?.value;
  const every = entry(item, 'every')?.value;
  const per = entry(item, 'per')?.value;
  const shareValue = entry(item, 'share')?.value;
  const rateValue = entry(item, 'rate-per-1000')?.value;
  if (typeof role !== 'string' || !Object.hasOwn(config.estimator.roles, role)) return undefined;
  if (typeof minutes !== 'number' || !(minutes > 0) || !Number.isFinite(minutes)) return undefined;
  if (typeof every !== 'string' || !Object.hasOwn(OCCURRENCES, every)) return undefined;
  if (typeof per !== 'string' || !(UNITS as readonly string[]).includes(per)) return undefined;
  const share = shareValue === undefined ? 1 : shareValue;
  if (typeof share !== 'number' || !(share > 0 && share <= 1)) return undefined;
  let ratePer1000: number | undefined;
  if (rateValue !== undefined) {
    if (typeof rateValue !== 'number' || !(rateValue > 0) || per !== 'patient' || shareValue !== undefined) return undefined;
    ratePer1000 = rateValue;
  }
  const unit = per as Unit;
  const occurrences = OCCURRENCES[every]!;
  const base = unitsPerPcn(unit, config);
  const units = ratePer1000 === undefined ? base : (base * ratePer1000) / 1000;
  const hoursPerPcn = (minutes / 60) * occurrences * units * share;
  const r = config.estimator.roles[role]!;
  const hourlyCost = r['hourly-cost'] ?? 0;
  const costPerPcn = hoursPerPcn * hourlyCost;
  const from = entry(item, 'from')?.value;
  const until = entry(item, 'until')?.value;
  const activity: ActivityCost = {
    range: item.range,
    role,
    roleLabel: r.label ?? role,
    minutes,
    every,
    occurrences,
    per: unit,
    units,
    share,
    ...(ratePer1000 !== undefined ? { ratePer1000 } : {}),
    hourlyCost,
    hoursPerPcn,
    costPerPcn,
    costPerPractice: costPerPcn / config.estimator.practices,
    costNational: costPerPcn * config.estimator.pcns,
    ...(typeof from === 'string' && parseIsoDate(from) ? { from } : {}),
    ...(typeof until === 'string' && parseIsoDate(until) ? { until } : {}),
    formula: '',
  };
  activity.formula = formula(activity, config);
  return activity;
}

function formula(a: ActivityCost, config: ServiceSpecConfig): string {
  const parts = [`${formatNumber(a.minutes)} min`, a.every === 'once' ? 'once' : `${a.occurrences}/yr`];
  const [one, many] = UNIT_LABEL[a.per];
  if (a.ratePer1000 !== undefined) {
    parts.push(`${formatNumber(config.estimator.population)} patients × ${formatNumber(a.ratePer1000)}/1,000`);
  } else if (a.per !== 'pcn') {
    parts.push(`${formatNumber(a.units)} ${a.units === 1 ? one : many}`);
  }
  if (a.share !== 1) parts.push(`${formatNumber(a.share)} share`);
  return `${parts.join(' × ')} = ${formatHours(a.hoursPerPcn)} h × ${formatMoney(a.hourlyCost, true)}/h = ${formatMoney(a.costPerPcn)}`;
}

/**
 * A requirement's costs under a configuration, computed once per requirement object: an open document keeps
 * the objects of requirements an edit did not touch (core/liveDocument.ts), so a keystroke costs one.
 */
export function costRequirement(req: Requirement, config: ServiceSpecConfig): RequirementCost {
  let byConfig = requirementMemo.get(req);
  if (!byConfig) requirementMemo.set(req, (byConfig = new WeakMap()));
  let cost = byConfig.get(config);
  if (!cost) byConfig.set(config, (cost = computeRequirementCost(req, config)));
  return cost;
}

const requirementMemo = new WeakMap<Requirement, WeakMap<ServiceSpecConfig, RequirementCost>>();

function computeRequirementCost(req: Requirement, config: ServiceSpecConfig): RequirementCost {
  const activities: ActivityCost[] = [];
  for (const block of req.workload)
    for (const item of block.items) {
      const a = costActivity(item, config);
      if (a) activities.push(a);
    }
  const funding = field(req, 'funding');
  const ids = funding ? funding.parts.map((p) => p.text) : [];
  const sum = (k: keyof CostFigures) => activities.reduce((n, a) => n + a[k], 0);
  return {
    id: req.id,
    title: req.title,
    hoursPerPcn: sum('hoursPerPcn'),
    costPerPcn: sum('costPerPcn'),
    costPerPractice: sum('costPerPractice'),
    costNational: sum('costNational'),
    funding: ids,
    unfunded: ids.length === 0 || ids.every((id) => id.toLowerCase() === 'none'),
    activities,
  };
}

/** Costs of a model under a configuration, computed once: rules, hovers, lenses and the status bar share them. */
const memo = new WeakMap<SpecModel, WeakMap<ServiceSpecConfig, SpecCost>>();

export function costSpec(spec: SpecModel, config: ServiceSpecConfig): SpecCost {
  let byConfig = memo.get(spec);
  if (!byConfig) memo.set(spec, (byConfig = new WeakMap()));
  let cost = byConfig.get(config);
  if (!cost) byConfig.set(config, (cost = computeSpecCost(spec, config)));
  return cost;
}

function computeSpecCost(spec: SpecModel, config: ServiceSpecConfig): SpecCost {
  const requirements = spec.requirements.map((r) => costRequirement(r, config));
  const total = {
    hoursPerPcn: 0,
    costPerPcn: 0,
    costPerPractice: 0,
    costNational: 0,
    unfundedCostPerPcn: 0,
    unfundedCostPerPractice: 0,
    unfundedCostNational: 0,
  };
  // Summed in document order, as before: the same floating-point totals.
  for (const r of requirements) {
    total.hoursPerPcn += r.hoursPerPcn;
    total.costPerPcn += r.costPerPcn;
    total.costPerPractice += r.costPerPractice;
    total.costNational += r.costNational;
    if (!r.unfunded) continue;
    total.unfundedCostPerPcn += r.costPerPcn;
    total.unfundedCostPerPractice += r.costPerPractice;
    total.unfundedCostNational += r.costNational;
  }
  return { requirements, total };
}

// --- presentation: money to whole pounds, hours to one decimal (docs/format.md, Workload blocks and the cost formula) -------------------

const WHOLE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const ONE = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: 1 });
const FIGURE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });

/** `£24,960`; with `exact`, pence are kept when present (`£14.37`), for rates. */
export function formatMoney(v: number, exact = false): string {
  if (exact && !Number.isInteger(v)) return `£${new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v)}`;
  return `${v < 0 ? '−' : ''}£${WHOLE.format(Math.abs(v))}`;
}

export function formatHours(v: number): string {
  return ONE.format(v);
}

export function formatNumber(v: number): string {
  return FIGURE.format(v);
}

/** Whole-time equivalents of a number of hours a year, under the productive-hours assumption. */
export function wte(hoursPerYear: number, config: ServiceSpecConfig): number {
  return hoursPerYear / config.estimator['productive-hours-per-wte'];
}

export type { IsoDate };
