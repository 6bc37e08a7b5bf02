/**
 * Cost reports: the figures behind `service-spec cost`, hovers, lenses and the funding comparison.
 * JSON field names follow docs/format.md, JSON output; everything beyond them is an extension.
 */
import type { LoadedConfig, ServiceSpecConfig } from '../config.js';
import { DEFAULT_CONFIG, ESTIMATOR_SOURCES } from '../defaults.js';
import { parseIsoDate } from '../dates.js';
import { field, type SpecModel } from '../model.js';
import { costSpec, wte, type ActivityCost, type RequirementCost } from './estimate.js';
import { phase, type Period } from './phasing.js';

export interface Assumptions {
  population: number;
  practices: number;
  pcns: number;
  'care-homes': number;
  'care-home-beds': number;
  roles: Record<string, { 'hourly-cost': number }>;
}

export function assumptionsOf(config: ServiceSpecConfig): Assumptions {
  const e = config.estimator;
  const roles: Assumptions['roles'] = {};
  for (const [id, r] of Object.entries(e.roles)) roles[id] = { 'hourly-cost': r['hourly-cost'] };
  return { population: e.population, practices: e.practices, pcns: e.pcns, 'care-homes': e['care-homes'], 'care-home-beds': e['care-home-beds'], roles };
}

/** Where each assumption comes from: the configuration file's own `source`, or the built-in's. */
export function assumptionSources(loaded: LoadedConfig): Record<string, string> {
  const out: Record<string, string> = {};
  const fromFile = loaded.path ? `set in ${loaded.path.split(/[\\/]/).pop()}` : undefined;
  for (const key of ['population', 'practices', 'pcns', 'care-homes', 'care-home-beds', 'productive-hours-per-wte'] as const) {
    out[key] = fromFile && loaded.config.estimator[key] !== defaultsValue(key) ? fromFile : (ESTIMATOR_SOURCES[key] ?? 'built-in default');
  }
  for (const [id, r] of Object.entries(loaded.config.estimator.roles)) out[`roles.${id}`] = r.source ?? fromFile ?? 'built-in default';
  return out;
}

function defaultsValue(key: keyof ServiceSpecConfig['estimator']): unknown {
  return DEFAULT_CONFIG.estimator[key];
}

export interface FundingComparison {
  source: string;
  label: string;
  /** Money the source brings per PCN per year, and how it is worked out. */
  moneyPerPcn: number;
  basis: string;
  /** Cost of the requirements that name the source, each split evenly among the sources it names. */
  chargedPerPcn: number;
  requirements: string[];
  /** Money minus charged: negative is a shortfall. */
  balancePerPcn: number;
}

export function compareFunding(costs: RequirementCost[], config: ServiceSpecConfig): FundingComparison[] {
  const out: FundingComparison[] = [];
  const e = config.estimator;
  // Each costed requirement's real sources, worked out once.
  const costed = costs.filter((c) => c.costPerPcn > 0).map((c) => ({ c, real: c.funding.filter((f) => f.toLowerCase() !== 'none') }));
  for (const [id, src] of Object.entries(config.funding.sources)) {
    const perBed = src['per-bed-per-year'];
    const perPatient = src['per-patient-per-year'];
    if (perBed === undefined && perPatient === undefined) continue;
    const money = (perBed ?? 0) * e['care-home-beds'] + (perPatient ?? 0) * e.population;
    const basis = [
      perBed !== undefined ? `£${perBed} per bed × ${e['care-home-beds']} beds` : '',
      perPatient !== undefined ? `£${perPatient} per patient × ${e.population.toLocaleString('en-GB')} patients` : '',
    ]
      .filter(Boolean)
      .join(' + ');
    let charged = 0;
    const reqs: string[] = [];
    for (const { c, real } of costed) {
      if (!real.includes(id)) continue;
      charged += c.costPerPcn / real.length;
      reqs.push(c.id);
    }
    if (!reqs.length) continue;
    out.push({ source: id, label: src.label ?? id, moneyPerPcn: money, basis, chargedPerPcn: charged, requirements: reqs, balancePerPcn: money - charged });
  }
  return out;
}

export interface SpecCostReport {
  file: string;
  id: string | null;
  version: string | null;
  title: string | null;
  config: string | null;
  profile: string;
  assumptions: Assumptions;
  /** Where each assumption comes from (`population`, `roles.gp`, ...). */
  sources: Record<string, string>;
  requirements: (Omit<RequirementCost, 'activities' | 'unfunded'> & { unfunded: boolean; wtePerPcn: number; activities: Omit<ActivityCost, 'range'>[] })[];
  total: ReturnType<typeof costSpec>['total'] & { wtePerPcn: number };
  periods: { quarters: Period[]; years: Period[] };
  funding: FundingComparison[];
}

/** The full cost report of one spec under a loaded configuration (profile applied). */
export function specCostReport(file: string, model: SpecModel, loaded: LoadedConfig, configPath: string | null): SpecCostReport {
  const config = loaded.config;
  const cost = costSpec(model, config);
  const fm = model.frontMatter.values;
  const start = parseIsoDate(fm.effective ?? '') ?? parseIsoDate(fm.published ?? '') ?? parseIsoDate('2020-04-01')!;
  // An activity with no `from` starts when its requirement is due (its deadline), else when the spec starts.
  const timed: ActivityCost[] = [];
  model.requirements.forEach((req, i) => {
    const deadline = parseIsoDate(field(req, 'deadline')?.value ?? '');
    for (const a of cost.requirements[i]!.activities) timed.push(a.from || !deadline ? a : { ...a, from: field(req, 'deadline')!.value });
  });
  return {
    file,
    id: fm.id ?? null,
    version: fm.version ?? null,
    title: fm.title ?? null,
    config: configPath,
    profile: loaded.profile,
    assumptions: assumptionsOf(config),
    sources: assumptionSources(loaded),
    requirements: cost.requirements.map((r) => ({
      id: r.id,
      title: r.title,
      hoursPerPcn: r.hoursPerPcn,
      costPerPcn: r.costPerPcn,
      costPerPractice: r.costPerPractice,
      costNational: r.costNational,
      funding: r.funding,
      unfunded: r.unfunded,
      wtePerPcn: wte(r.hoursPerPcn, config),
      activities: r.activities.map(({ range: _range, ...a }) => a),
    })),
    total: { ...cost.total, wtePerPcn: wte(cost.total.hoursPerPcn, config) },
    periods: phase(timed, { start, practices: config.estimator.practices, pcns: config.estimator.pcns }),
    funding: compareFunding(cost.requirements, config),
  };
}
