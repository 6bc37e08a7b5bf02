/**
 * Hover text as Markdown: a requirement's fields, its costs (figures, formula lines, assumptions and their
 * sources) and the open review notes on it. Every text taken from a document goes through `escapeMarkdown`.
 */
import type { LoadedConfig, ServiceSpecConfig } from './config.js';
import { escapeMarkdown } from './escape.js';
import type { ReviewOfSpec } from './rules/types.js';
import { formatHours, formatMoney, formatNumber, wte, type ActivityCost, type RequirementCost } from './estimator/estimate.js';
import { assumptionSources } from './estimator/report.js';
import { daysBetween, parseIsoDate } from './dates.js';
import type { SpecDiagnostic } from './diagnostics.js';
import { field, type Requirement, type SpecModel } from './model.js';

const RATING: Record<string, string> = { green: '**green**', amber: '**amber**', red: '**red**' };

/** The requirement whose heading contains the offset. */
export function requirementAtHeading(spec: SpecModel, offset: number): Requirement | undefined {
  return spec.requirements.find((r) => offset >= r.headingRange.start && offset <= r.headingRange.end);
}

export function requirementHover(spec: SpecModel, req: Requirement, config: ServiceSpecConfig, diagnostics: SpecDiagnostic[] = []): string {
  const lines: string[] = [];
  lines.push(`**${req.id}** · ${escapeMd(req.title)}`);
  if (req.section) lines.push('', `Section: ${escapeMd(req.section)}`);
  lines.push('');
  const deadline = field(req, 'deadline');
  lines.push(`- **Deadline:** ${deadline?.value ? escapeMd(deadline.value) + leadTime(spec, deadline.value) : '_missing_'}`);
  const funding = field(req, 'funding');
  if (!funding?.value) lines.push('- **Funding:** _missing_');
  else {
    const parts = funding.parts.map((p) => {
      if (p.text.toLowerCase() === 'none') return '_none (explicitly unfunded)_';
      const src = config.funding.sources[p.text];
      return src ? `${escapeMd(src.label ?? p.text)} (\`${p.text}\`)` : `\`${p.text}\` _(unknown)_`;
    });
    lines.push(`- **Funding:** ${parts.join(', ')}`);
  }
  const deliverability = field(req, 'deliverability');
  if (!deliverability?.value) lines.push('- **Deliverability:** _missing_');
  else {
    const m = /^(green|amber|red)\s*:\s*(.*)$/i.exec(deliverability.value);
    lines.push(`- **Deliverability:** ${m ? `${RATING[m[1]!.toLowerCase()]}: ${escapeMd(m[2]!)}` : escapeMd(deliverability.value)}`);
  }
  const depends = field(req, 'depends on');
  if (depends?.value) lines.push(`- **Depends on:** ${escapeMd(depends.value)}`);
  const owner = field(req, 'owner');
  if (owner?.value) lines.push(`- **Owner:** ${escapeMd(owner.value)}`);
  const entries = req.workload.reduce((n, b) => n + b.items.length, 0);
  lines.push(
    `- **Workload:** ${req.workload.length ? `${entries} activit${entries === 1 ? 'y' : 'ies'} in ${req.workload.length} block${req.workload.length === 1 ? '' : 's'}` : '_none stated_'}`,
  );
  if (diagnostics.length) {
    lines.push('', `${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'}:`);
    for (const d of diagnostics) lines.push(`- ${d.severity} \`${d.code}\`: ${escapeMd(d.message)}`);
  }
  return lines.join('\n');
}

function leadTime(spec: SpecModel, value: string): string {
  const d = parseIsoDate(value);
  if (!d) return '';
  const closes = parseIsoDate(spec.frontMatter.values['consultation-closes'] ?? '');
  const published = parseIsoDate(spec.frontMatter.values.published ?? '');
  const from = closes && (!published || closes.dayNumber > published.dayNumber) ? closes : published;
  if (!from) return '';
  const days = daysBetween(from, d);
  const what = from === closes ? 'consultation closes' : 'publication';
  return days >= 0 ? ` (${days} days after ${what})` : ` (${-days} days before ${what})`;
}

/** Escapes text taken from a spec so it shows as written in a Markdown hover. */
const escapeMd = escapeMarkdown;

// --- costs --------------------------------------------------------------------------------------------

const UNIT_ASSUMPTION: Record<string, 'practices' | 'population' | 'care-homes' | 'care-home-beds' | undefined> = {
  practice: 'practices',
  patient: 'population',
  'care-home': 'care-homes',
  'care-home-bed': 'care-home-beds',
};

/** Costs of a requirement (or of one workload block's activities): figures, formula lines, assumptions and sources. */
export function costHover(
  cost: Pick<RequirementCost, 'hoursPerPcn' | 'costPerPcn' | 'costPerPractice' | 'costNational' | 'unfunded'> & { activities: ActivityCost[] },
  loaded: LoadedConfig,
  heading = 'Cost',
): string {
  const config = loaded.config;
  if (!cost.activities.length) return `**${heading}:** no workload stated, so nothing to cost (profile ${loaded.profile}).`;
  const lines: string[] = [];
  lines.push(
    `**${heading}** (a year, profile \`${loaded.profile}\`): **${formatMoney(cost.costPerPcn)} per PCN** · ${formatMoney(cost.costPerPractice)} per practice · ${formatMoney(cost.costNational)} nationally · ${formatHours(cost.hoursPerPcn)} h per PCN (${wte(cost.hoursPerPcn, config).toFixed(2)} WTE)${cost.unfunded ? ' · **unfunded**' : ''}`,
  );
  lines.push('');
  for (const a of cost.activities)
    lines.push(`- ${escapeMd(a.roleLabel)}: \`${a.formula}\`${a.from || a.until ? ` (${a.from ?? '…'} to ${a.until ?? '…'})` : ''}`);
  const sources = assumptionSources(loaded);
  const used = new Map<string, string>();
  used.set('practices', `${formatNumber(config.estimator.practices)} practices per PCN; ${formatNumber(config.estimator.pcns)} PCNs`);
  for (const a of cost.activities) {
    const key = UNIT_ASSUMPTION[a.per];
    if (key && !used.has(key)) used.set(key, `${formatNumber(config.estimator[key])} ${key.replace(/-/g, ' ')} per PCN`);
    if (!used.has(`roles.${a.role}`)) used.set(`roles.${a.role}`, `${escapeMd(a.roleLabel)} ${formatMoney(a.hourlyCost, true)}/h`);
  }
  lines.push('', 'Assumptions:');
  for (const [key, text] of used) lines.push(`- ${text}: ${escapeMd(sources[key] ?? 'built-in default')}`);
  return lines.join('\n');
}

// --- review notes -------------------------------------------------------------------------------------

/** Open review notes whose current requirement is `reqId` (empty when none), marked when their anchor is not ok. */
export function reviewNotesHover(reviews: readonly ReviewOfSpec[], reqId: string): string {
  const lines: string[] = [];
  for (const r of reviews) {
    for (const n of r.review.notes) {
      const a = r.anchors.get(n);
      if (n.status !== 'open' || a?.currentRequirement !== reqId) continue;
      const mark = a.state === 'ok' ? '' : ` _(${a.state}${a.state === 'reanchored' ? ` from ${escapeMd(n.requirement)}` : ''})_`;
      const body = (n.body ?? '').replace(/\s+/g, ' ').trim();
      lines.push(`- **${escapeMd(n.stance)}** (${escapeMd(r.review.reviewer ?? 'reviewer')}, ${escapeMd(n.created ?? 'undated')})${mark}: ${escapeMd(body)}`);
    }
  }
  return lines.length ? `**Open review notes** (${lines.length}):\n\n${lines.join('\n')}` : '';
}
