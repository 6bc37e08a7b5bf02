/**
 * The side preview's content: the spec rendered as cards, one per requirement, with its fields, its
 * deliverability rating, its cost and its diagnostics. Plain HTML with every text escaped; the client
 * wraps it in a page with a strict Content-Security-Policy. `data-offset` lets a click reveal the
 * requirement in the editor.
 */
import type { SpecDiagnostic } from '../diagnostics.js';
import { formatHours, formatMoney, type SpecCost } from '../estimator/estimate.js';
import { esc } from '../html.js';
import { field, type SpecModel } from '../model.js';

export function previewBody(spec: SpecModel, diagnostics: SpecDiagnostic[], cost: SpecCost, profile: string): string {
  const fm = spec.frontMatter.values;
  const out: string[] = [];
  out.push(`<header><h1>${esc(fm.title ?? 'Untitled specification')}</h1>`);
  const meta = [
    fm.id,
    fm.version,
    fm.status,
    fm.published && `published ${fm.published}`,
    fm['consultation-closes'] && `consultation closes ${fm['consultation-closes']}`,
  ]
    .filter(Boolean)
    .map((m) => `<span>${esc(m!)}</span>`)
    .join('');
  out.push(`<p class="meta">${meta}</p>`);
  const t = cost.total;
  out.push(
    `<p class="total">Workload: <b>${esc(formatMoney(t.costPerPcn))}</b> a year per PCN · ${esc(formatMoney(t.costPerPractice))} per practice · unfunded ${esc(formatMoney(t.unfundedCostPerPcn))} per PCN <span class="profile">profile ${esc(profile)}</span></p>`,
  );
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  out.push(`<p class="problems">${counts.error} errors · ${counts.warning} warnings</p></header>`);
  let section: string | undefined;
  spec.requirements.forEach((req, i) => {
    if (req.section !== section) {
      section = req.section;
      if (section) out.push(`<h2>${esc(section)}</h2>`);
    }
    const c = cost.requirements[i]!;
    const deliverability = field(req, 'deliverability')?.value ?? '';
    const rating = /^(green|amber|red)\s*:/i.exec(deliverability)?.[1]?.toLowerCase() ?? 'none';
    const mine = diagnostics.filter((d) => d.range.start >= req.range.start && d.range.start <= req.range.end);
    const worst = mine.some((d) => d.severity === 'error') ? 'error' : mine.some((d) => d.severity === 'warning') ? 'warning' : 'ok';
    out.push(
      `<article class="card rating-${rating} status-${worst}" data-offset="${req.headingRange.start}" tabindex="0" role="button" aria-label="${esc(`Reveal ${req.id} in the editor`)}">`,
    );
    out.push(`<h3><span class="id">${esc(req.id)}</span> ${esc(req.title)}</h3>`);
    out.push('<dl>');
    for (const label of ['Deadline', 'Funding', 'Deliverability', 'Depends on', 'Owner']) {
      const f = field(req, label);
      if (!f && (label === 'Depends on' || label === 'Owner')) continue;
      out.push(`<dt>${esc(label)}</dt><dd${f?.value ? '' : ' class="missing"'}>${f?.value ? esc(f.value) : 'missing'}</dd>`);
    }
    if (c.activities.length) {
      out.push(
        `<dt>Cost</dt><dd>${esc(`${formatMoney(c.costPerPcn)} per PCN · ${formatMoney(c.costPerPractice)} per practice · ${formatHours(c.hoursPerPcn)} h`)}${c.unfunded ? ' <b class="unfunded">unfunded</b>' : ''}</dd>`,
      );
    }
    out.push('</dl>');
    if (mine.length) {
      out.push('<ul class="diagnostics">');
      for (const d of mine) out.push(`<li class="${d.severity}"><code>${esc(d.code)}</code> ${esc(d.message)}</li>`);
      out.push('</ul>');
    }
    out.push('</article>');
  });
  if (!spec.requirements.length) out.push('<p>No requirements yet: a requirement is a heading such as <code>### EHCH-1: Title</code>.</p>');
  return out.join('\n');
}
