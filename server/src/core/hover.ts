/** Hover text for a requirement: its fields, summarised as Markdown (the estimator adds costs later). */
import type { ServiceSpecConfig } from './config.js';
import { daysBetween, parseIsoDate } from './dates.js';
import type { SpecDiagnostic } from './diagnostics.js';
import { field, type Requirement, type SpecModel } from './model.js';

const RATING: Record<string, string> = { green: '🟢 green', amber: '🟠 amber', red: '🔴 red' };

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
  lines.push(`- **Workload:** ${req.workload.length ? `${entries} activit${entries === 1 ? 'y' : 'ies'} in ${req.workload.length} block${req.workload.length === 1 ? '' : 's'}` : '_none stated_'}`);
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
export function escapeMd(s: string): string {
  return s.replace(/([\\`*_{}[\]<>()#+!|])/g, '\\$1');
}
