/**
 * Output formats of `service-spec cost`: json (docs/format.md, JSON output), text (aligned tables), markdown (for a
 * negotiation brief) and html (one self-contained file: tables and an SVG bar chart, all text escaped).
 * Money is shown to whole pounds and hours to one decimal; JSON numbers are unrounded.
 */
import type { CostResult } from '../node/cost.js';
import type { SpecCostReport } from '../core/estimator/report.js';
import { formatHours, formatMoney, formatNumber } from '../core/estimator/estimate.js';
import { escapeHtml as esc, escapeMarkdown as md } from '../core/escape.js';
import type { CostWarning } from '../node/cost.js';

export function costJson(result: CostResult): string {
  const doc = {
    profile: result.profile,
    assumptions: result.assumptions,
    specs: result.specs.map((s) => ({
      file: s.file,
      id: s.id,
      version: s.version,
      title: s.title,
      config: s.config,
      profile: s.profile,
      assumptions: s.assumptions,
      sources: s.sources,
      requirements: s.requirements,
      total: s.total,
      periods: s.periods,
      funding: s.funding,
    })),
    ...(result.warnings.length ? { warnings: result.warnings } : {}),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

function pad(s: string, n: number, right = false): string {
  const len = [...s].length;
  return len >= n ? s : right ? ' '.repeat(n - len) + s : s + ' '.repeat(n - len);
}

function clip(s: string, n: number): string {
  return [...s].length <= n ? s : [...s].slice(0, n - 1).join('') + '…';
}

function fundingText(r: SpecCostReport['requirements'][number]): string {
  if (r.funding.length === 0) return '(missing) unfunded';
  if (r.unfunded) return 'none: unfunded';
  return r.funding.join(', ');
}

/** Aligned tables, one per spec, and a summary across specs. */
export function costText(result: CostResult): string {
  const out: string[] = [];
  for (const s of result.specs) {
    out.push(`${s.file}  ${s.id ?? '?'} ${s.version ?? ''}  (profile ${s.profile}; ${s.config ? `config ${s.config}` : 'built-in defaults'})`);
    const rows = [['requirement', 'title', 'hours/PCN', '£/PCN', '£/practice', '£ national', 'funding']];
    for (const r of s.requirements) {
      rows.push([
        r.id,
        clip(r.title, 38),
        formatHours(r.hoursPerPcn),
        formatMoney(r.costPerPcn),
        formatMoney(r.costPerPractice),
        formatMoney(r.costNational),
        fundingText(r),
      ]);
    }
    rows.push([
      'total',
      '',
      formatHours(s.total.hoursPerPcn),
      formatMoney(s.total.costPerPcn),
      formatMoney(s.total.costPerPractice),
      formatMoney(s.total.costNational),
      `unfunded ${formatMoney(s.total.unfundedCostPerPcn)}/PCN`,
    ]);
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)));
    for (const [i, row] of rows.entries()) {
      out.push(
        '  ' +
          row
            .map((cell, c) => pad(cell, widths[c]!, c >= 2 && c <= 5))
            .join('  ')
            .trimEnd(),
      );
      if (i === 0 || i === rows.length - 2) out.push('  ' + widths.map((w) => '─'.repeat(w)).join('  '));
    }
    const quarters = s.periods.quarters.filter((q) => q.costPerPcn > 0);
    if (quarters.length) {
      out.push(`  by quarter (£/PCN): ${quarters.map((q) => `${q.label} ${formatMoney(q.costPerPcn)}`).join(', ')}`);
      out.push(
        `  by financial year (£/PCN): ${s.periods.years
          .filter((y) => y.costPerPcn > 0)
          .map((y) => `${y.label} ${formatMoney(y.costPerPcn)}`)
          .join(', ')}`,
      );
    }
    for (const w of result.warnings.filter((x) => x.file === s.file)) out.push(`  warning: line ${w.line}: ${w.message}`);
    for (const f of s.funding) {
      const verdict = f.balancePerPcn < 0 ? `shortfall ${formatMoney(-f.balancePerPcn)}` : `covered, ${formatMoney(f.balancePerPcn)} left`;
      out.push(`  ${f.source}: charged ${formatMoney(f.chargedPerPcn)}/PCN against ${formatMoney(f.moneyPerPcn)}/PCN it brings (${f.basis}): ${verdict}`);
    }
    out.push('');
  }
  out.push(...summaryText(result));
  return out.join('\n') + '\n';
}

/** Spec totals, then one total per version when several specs share it (all drafts, all finals). */
function summaryRows(result: CostResult): string[][] {
  const rows: string[][] = [];
  for (const s of result.specs) {
    rows.push([
      s.id ?? s.file,
      s.version ?? '',
      formatMoney(s.total.costPerPcn),
      formatMoney(s.total.costPerPractice),
      formatMoney(s.total.unfundedCostPerPractice),
      s.total.wtePerPcn.toFixed(2),
    ]);
  }
  const versions = [...new Set(result.specs.map((s) => s.version ?? ''))];
  for (const v of versions) {
    const group = result.specs.filter((s) => (s.version ?? '') === v);
    if (group.length < 2) continue;
    const sum = (k: 'costPerPcn' | 'costPerPractice' | 'unfundedCostPerPractice' | 'wtePerPcn') => group.reduce((n, s) => n + s.total[k], 0);
    rows.push([
      `all ${group.length} specs`,
      v,
      formatMoney(sum('costPerPcn')),
      formatMoney(sum('costPerPractice')),
      formatMoney(sum('unfundedCostPerPractice')),
      sum('wtePerPcn').toFixed(2),
    ]);
  }
  return rows;
}

export function summaryText(result: CostResult): string[] {
  if (!result.specs.length) return ['No specs found.'];
  const rows = [['spec', 'version', '£/PCN', '£/practice', 'unfunded £/practice', 'WTE/PCN'], ...summaryRows(result)];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  const lines = [
    `Summary (profile ${result.profile}; a year, per PCN of ${formatNumber(result.assumptions.population)} patients and ${formatNumber(result.assumptions.practices)} practices)`,
  ];
  for (const [i, row] of rows.entries()) {
    lines.push(
      '  ' +
        row
          .map((cell, c) => pad(cell, widths[c]!, c >= 2))
          .join('  ')
          .trimEnd(),
    );
    if (i === 0) lines.push('  ' + widths.map((w) => '─'.repeat(w)).join('  '));
  }
  return lines;
}

/** A negotiation brief: summary, then per spec a table, the formula behind each figure, and the funding comparison. */
export function costMarkdown(result: CostResult): string {
  const out: string[] = [`# Workload cost (profile: ${md(result.profile)})`, ''];
  out.push(...summaryMarkdown(result), '');
  for (const s of result.specs) {
    out.push(`## ${md(s.title ?? s.id ?? s.file)} — ${md(s.version ?? '')}`, '');
    out.push(`${md(s.file)} · ${s.config ? `configuration ${md(s.config)}` : 'built-in defaults'} · profile ${md(s.profile)}`, '');
    out.push(...warningsMarkdown(result.warnings.filter((w) => w.file === s.file)));
    out.push('| requirement | hours/PCN | £/PCN | £/practice | £ national | funding |', '|---|---:|---:|---:|---:|---|');
    for (const r of s.requirements) {
      out.push(
        `| ${md(r.id)} ${md(r.title)} | ${formatHours(r.hoursPerPcn)} | ${formatMoney(r.costPerPcn)} | ${formatMoney(r.costPerPractice)} | ${formatMoney(r.costNational)} | ${r.unfunded ? '**unfunded**' : md(r.funding.join(', '))} |`,
      );
    }
    out.push(
      `| **total** | ${formatHours(s.total.hoursPerPcn)} | ${formatMoney(s.total.costPerPcn)} | ${formatMoney(s.total.costPerPractice)} | ${formatMoney(s.total.costNational)} | unfunded ${formatMoney(s.total.unfundedCostPerPcn)}/PCN |`,
      '',
    );
    const formulas = s.requirements.flatMap((r) => r.activities.map((a) => `- ${md(r.id)} (${md(a.roleLabel)}): ${md(a.formula)}`));
    if (formulas.length) out.push('How each figure is worked out (per PCN, per year):', '', ...formulas, '');
    const years = s.periods.years.filter((y) => y.costPerPcn > 0);
    if (years.length) {
      out.push('| period | £/PCN | £/practice |', '|---|---:|---:|');
      for (const q of s.periods.quarters.filter((p) => p.costPerPcn > 0))
        out.push(`| ${md(q.label)} | ${formatMoney(q.costPerPcn)} | ${formatMoney(q.costPerPractice)} |`);
      for (const y of years) out.push(`| **${md(y.label)}** | **${formatMoney(y.costPerPcn)}** | **${formatMoney(y.costPerPractice)}** |`);
      out.push('');
    }
    for (const f of s.funding) {
      out.push(
        `- **${md(f.label)}** brings ${formatMoney(f.moneyPerPcn)} per PCN (${md(f.basis)}); requirements charged to it (${md(f.requirements.join(', '))}) cost ${formatMoney(f.chargedPerPcn)}: ${f.balancePerPcn < 0 ? `**shortfall ${formatMoney(-f.balancePerPcn)}**` : `covered with ${formatMoney(f.balancePerPcn)} left`}.`,
      );
    }
    if (s.funding.length) out.push('');
  }
  out.push(...assumptionsMarkdown(result));
  return out.join('\n') + '\n';
}

/** Workload left out of the figures, as a quoted warning under the spec's heading. */
function warningsMarkdown(warnings: CostWarning[]): string[] {
  if (!warnings.length) return [];
  return [...warnings.map((w) => `> **Warning:** line ${w.line}: ${md(w.message)}  `), ''];
}

export function summaryMarkdown(result: CostResult): string[] {
  const out = ['| spec | version | £/PCN | £/practice | unfunded £/practice | WTE/PCN |', '|---|---|---:|---:|---:|---:|'];
  for (const r of summaryRows(result)) out.push(`| ${r.map((c, i) => (i < 2 ? md(c) : c)).join(' | ')} |`);
  return out;
}

function assumptionsMarkdown(result: CostResult): string[] {
  const a = result.assumptions;
  const sources = result.specs[0]?.sources ?? {};
  const out = ['## Assumptions', '', '| assumption | value | source |', '|---|---:|---|'];
  const row = (name: string, value: string, key: string) => out.push(`| ${name} | ${value} | ${md(sources[key] ?? 'built-in default')} |`);
  row('patients per PCN', formatNumber(a.population), 'population');
  row('practices per PCN', formatNumber(a.practices), 'practices');
  row('PCNs', formatNumber(a.pcns), 'pcns');
  row('care homes per PCN', formatNumber(a['care-homes']), 'care-homes');
  row('care-home beds per PCN', formatNumber(a['care-home-beds']), 'care-home-beds');
  for (const [id, r] of Object.entries(a.roles)) row(`${md(id)} £/hour`, formatMoney(r['hourly-cost'], true), `roles.${id}`);
  return out;
}

// --- HTML ----------------------------------------------------------------------------------------------

function chart(s: SpecCostReport): string {
  const bars = s.requirements.filter((r) => r.costPerPcn > 0);
  if (!bars.length) return '<p>No workload stated.</p>';
  const max = Math.max(...bars.map((r) => r.costPerPcn));
  const rowH = 24;
  const labelW = 110;
  const width = 640;
  const barW = width - labelW - 110;
  const h = bars.length * rowH + 30;
  const rows = bars
    .map((r, i) => {
      const w = Math.max(1, (r.costPerPcn / max) * barW);
      const y = i * rowH + 4;
      const cls = r.unfunded ? 'unfunded' : 'funded';
      return `<text x="0" y="${y + 15}" class="label">${esc(r.id)}</text><rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 8}" class="${cls}"><title>${esc(`${r.id} ${r.title}: ${formatMoney(r.costPerPcn)} per PCN, ${r.unfunded ? 'unfunded' : 'funded'}`)}</title></rect><text x="${(labelW + w + 6).toFixed(1)}" y="${y + 15}" class="value">${esc(formatMoney(r.costPerPcn))}</text>`;
    })
    .join('');
  const legendY = bars.length * rowH + 16;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" role="img" aria-label="${esc(`Cost per requirement per PCN, ${s.id ?? s.file}`)}">${rows}<rect x="${labelW}" y="${legendY - 10}" width="12" height="12" class="funded"/><text x="${labelW + 16}" y="${legendY}" class="value">funded</text><rect x="${labelW + 80}" y="${legendY - 10}" width="12" height="12" class="unfunded"/><text x="${labelW + 96}" y="${legendY}" class="value">unfunded</text></svg>`;
}

/** One self-contained HTML file: no scripts, no external assets; every text escaped. */
export function costHtml(result: CostResult): string {
  const parts: string[] = [];
  parts.push(`<h1>Workload cost <small>profile ${esc(result.profile)}</small></h1>`);
  parts.push('<table><thead><tr><th>spec</th><th>version</th><th>£/PCN</th><th>£/practice</th><th>unfunded £/practice</th></tr></thead><tbody>');
  for (const s of result.specs)
    parts.push(
      `<tr><td>${esc(s.id ?? s.file)}</td><td>${esc(s.version ?? '')}</td><td class="n">${esc(formatMoney(s.total.costPerPcn))}</td><td class="n">${esc(formatMoney(s.total.costPerPractice))}</td><td class="n">${esc(formatMoney(s.total.unfundedCostPerPractice))}</td></tr>`,
    );
  parts.push('</tbody></table>');
  for (const s of result.specs) {
    parts.push(
      `<section><h2>${esc(s.title ?? s.id ?? s.file)} <small>${esc(s.version ?? '')}</small></h2><p class="meta">${esc(s.file)} · ${esc(s.config ? `configuration ${s.config}` : 'built-in defaults')}</p>`,
    );
    for (const w of result.warnings.filter((x) => x.file === s.file)) parts.push(`<p class="warning">${esc(`Warning: line ${w.line}: ${w.message}`)}</p>`);
    parts.push(chart(s));
    parts.push(
      '<table><thead><tr><th>requirement</th><th>hours/PCN</th><th>£/PCN</th><th>£/practice</th><th>£ national</th><th>funding</th></tr></thead><tbody>',
    );
    for (const r of s.requirements) {
      const formulas = r.activities.map((a) => `<div class="formula">${esc(a.formula)}</div>`).join('');
      parts.push(
        `<tr${r.unfunded ? ' class="unfunded-row"' : ''}><td><b>${esc(r.id)}</b> ${esc(r.title)}${formulas}</td><td class="n">${esc(formatHours(r.hoursPerPcn))}</td><td class="n">${esc(formatMoney(r.costPerPcn))}</td><td class="n">${esc(formatMoney(r.costPerPractice))}</td><td class="n">${esc(formatMoney(r.costNational))}</td><td>${esc(r.unfunded ? 'unfunded' : r.funding.join(', '))}</td></tr>`,
      );
    }
    parts.push(
      `<tr class="total"><td>total</td><td class="n">${esc(formatHours(s.total.hoursPerPcn))}</td><td class="n">${esc(formatMoney(s.total.costPerPcn))}</td><td class="n">${esc(formatMoney(s.total.costPerPractice))}</td><td class="n">${esc(formatMoney(s.total.costNational))}</td><td>${esc(`unfunded ${formatMoney(s.total.unfundedCostPerPcn)}/PCN`)}</td></tr></tbody></table>`,
    );
    for (const f of s.funding)
      parts.push(
        `<p>${esc(`${f.label} brings ${formatMoney(f.moneyPerPcn)} per PCN (${f.basis}); charged ${formatMoney(f.chargedPerPcn)}: ${f.balancePerPcn < 0 ? `shortfall ${formatMoney(-f.balancePerPcn)}` : `covered with ${formatMoney(f.balancePerPcn)} left`}.`)}</p>`,
      );
    parts.push('</section>');
  }
  const a = result.assumptions;
  parts.push(
    `<h2>Assumptions</h2><p>${esc(`Population ${formatNumber(a.population)} per PCN; ${formatNumber(a.practices)} practices; ${formatNumber(a.pcns)} PCNs; ${formatNumber(a['care-homes'])} care homes and ${formatNumber(a['care-home-beds'])} beds per PCN.`)}</p>`,
  );
  const css = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#1b1b1b}table{border-collapse:collapse;margin:1em 0}th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}.formula{color:#555;font-size:12px}.unfunded{fill:#c0392b}.funded{fill:#2e7d32}.label,.value{font-size:12px;fill:#1b1b1b}tr.unfunded-row td:first-child{border-left:3px solid #c0392b}tr.total td{font-weight:bold}.meta{color:#555}.warning{color:#8a4b00;border-left:3px solid #e69614;padding-left:.5em}`;
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${esc(`Workload cost (${result.profile})`)}</title><style>${css}</style></head><body>${parts.join('\n')}</body></html>\n`;
}
