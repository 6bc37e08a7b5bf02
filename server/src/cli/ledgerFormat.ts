/**
 * Output formats of `service-spec ledger`: json (`core/ledger/json.ts`), text (aligned tables), markdown,
 * html (one self-contained page: a row per requirement and a column per version, the notes and what became
 * of them, and an SVG chart of cost per practice by version; no script, every text escaped) and docx (the
 * same tables through the Word writer's document model, `docx/render.ts`).
 */
import { formatMoney } from '../core/estimator/estimate.js';
import { para, text, type Block, type Table as DocTable, type TextRun } from '../docx/model.js';
import { renderDocx } from '../docx/render.js';
import { TEXT_WIDTH } from '../docx/styles.js';
import { escapeHtml as esc, escapeMarkdown as md } from '../core/escape.js';
import {
  describeEntry,
  historyLine,
  ledgerJson,
  NO_REVIEWER,
  OUTCOMES,
  type HistoryEntry,
  type Ledger,
  type LedgerNote,
  type LedgerThread,
  type OutcomeCounts,
} from '../core/ledger/index.js';

export { ledgerJson };

const signed = (v: number) => (Math.abs(v) < 0.5 ? '£0' : v > 0 ? `+${formatMoney(v)}` : formatMoney(v));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Label of ledger version `i`: its common front-matter version, else its path. */
export function versionLabel(ledger: Ledger, i: number): string {
  const v = ledger.versions[i]!;
  return v.version ?? v.path;
}

/** The thread's entry for ledger version `i`, if it had started by then. */
function entryAt(t: LedgerThread, i: number): HistoryEntry | undefined {
  return t.history.find((e) => e.versionIndex === i);
}

/** A table cell: `EHCH-3 modified £1,234`, `removed`, or '' before the thread starts. */
function cellText(e: HistoryEntry | undefined): string {
  if (!e) return '';
  if (e.change === 'removed') return 'removed';
  const change = e.change === 'present' || e.change === 'unchanged' ? '' : ` ${e.change}`;
  return `${e.id}${change} ${formatMoney(e.costPerPractice ?? 0)}`;
}

function noteLine(n: LedgerNote): string {
  const who = n.reviewer ?? NO_REVIEWER;
  return `${n.id} ${n.stance}, ${n.status} (${who}, ${n.version ?? 'no version'}): ${n.outcome}`;
}

const bySpec = (ledger: Ledger) => {
  const m = new Map<string, LedgerThread[]>();
  for (const t of ledger.threads) m.set(t.spec, [...(m.get(t.spec) ?? []), t]);
  return m;
};

function pad(s: string, n: number, right = false): string {
  const len = [...s].length;
  return len >= n ? s : right ? ' '.repeat(n - len) + s : s + ' '.repeat(n - len);
}

/** Rows as aligned columns (the first row a header, ruled under); `right` marks numeric columns. */
function table(rows: string[][], right: (c: number) => boolean = () => false, indent = '  '): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  const out: string[] = [];
  for (const [i, row] of rows.entries()) {
    out.push(
      indent +
        row
          .map((cell, c) => pad(cell, widths[c]!, right(c)))
          .join('  ')
          .trimEnd(),
    );
    if (i === 0) out.push(indent + widths.map((w) => '─'.repeat(w)).join('  '));
  }
  return out;
}

function countsText(c: OutcomeCounts): string {
  return OUTCOMES.map((o) => `${c[o]} ${o}`).join(', ');
}

function summaryRows(ledger: Ledger): { reviewers: string[][]; versions: string[][] } {
  const s = ledger.summary;
  const reviewers = [['reviewer', 'notes', 'objections', ...OUTCOMES]];
  for (const [name, r] of Object.entries(s.byReviewer)) reviewers.push([name, String(r.notes), String(r.objections), ...OUTCOMES.map((o) => String(r[o]))]);
  const versions = [['version', 'added', 'removed', 'modified', 'renumbered', '£/practice']];
  for (const [i, v] of s.versions.entries())
    versions.push([
      v.version ?? versionLabel(ledger, i + 1),
      String(v.added),
      String(v.removed),
      String(v.modified),
      String(v.renumbered),
      signed(v.costDeltaPerPractice),
    ]);
  return { reviewers, versions };
}

export function ledgerText(ledger: Ledger): string {
  const out: string[] = [`Consultation ledger: ${plural(ledger.versions.length, 'version')}, ${plural(ledger.summary.notes, 'note')}`];
  out.push(...table([['#', 'path', 'version'], ...ledger.versions.map((v, i) => [String(i + 1), v.path, v.version ?? '(versions differ)'])]), '');
  const labels = ledger.versions.map((_, i) => versionLabel(ledger, i));
  for (const [spec, threads] of bySpec(ledger)) {
    out.push(spec);
    const rows = [['requirement', ...labels, 'notes']];
    for (const t of threads) rows.push([t.key, ...labels.map((_, i) => cellText(entryAt(t, i))), t.notes.length ? String(t.notes.length) : '']);
    out.push(...table(rows, (c) => c === labels.length + 1));
    const noted = threads.filter((t) => t.notes.length);
    for (const t of noted) for (const n of t.notes) out.push(`  ${t.key}  ${noteLine(n)}`);
    out.push('');
  }
  if (ledger.unanchored.length) {
    out.push('Unanchored (the quoted text or the requirement was not found in the version the note was written against)');
    for (const n of ledger.unanchored) out.push(`  ${n.sidecar}  ${n.requirement}  ${noteLine(n)}`);
    out.push('');
  }
  const s = ledger.summary;
  const rows = summaryRows(ledger);
  out.push('Summary', `  ${plural(s.notes, 'note')}: ${countsText(s.outcomes)}`);
  out.push(`  objections: ${countsText(s.objections)}`);
  if (rows.reviewers.length > 1) out.push('', ...table(rows.reviewers, (c) => c > 0));
  out.push('', ...table(rows.versions, (c) => c > 0));
  return out.join('\n') + '\n';
}

// --- Markdown ------------------------------------------------------------------------------------------

function mdRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function ledgerMarkdown(ledger: Ledger): string {
  const out = [`# Consultation ledger`, ''];
  out.push(mdRow(['#', 'path', 'version']), mdRow(['---:', '---', '---']));
  for (const [i, v] of ledger.versions.entries()) out.push(mdRow([String(i + 1), `\`${v.path.replace(/`/g, "'")}\``, md(v.version ?? '(versions differ)')]));
  out.push('');
  const labels = ledger.versions.map((_, i) => md(versionLabel(ledger, i)));
  for (const [spec, threads] of bySpec(ledger)) {
    out.push(`## ${md(spec)}`, '', mdRow(['requirement', ...labels, 'notes']), mdRow(['---', ...labels.map(() => '---'), '---']));
    for (const t of threads) {
      const notes = t.notes.map((n) => md(`${n.id} ${n.stance}: ${n.outcome}`)).join('<br>');
      out.push(mdRow([`**${md(t.key)}**`, ...labels.map((_, i) => md(cellText(entryAt(t, i)))), notes]));
    }
    out.push('');
    const histories = threads.filter((t) => t.history.length > 1 || t.notes.length).map((t) => `- **${md(t.key)}**: ${md(historyLine(t, ledger))}`);
    if (histories.length) out.push(...histories, '');
  }
  if (ledger.unanchored.length) {
    out.push('## Unanchored notes', '', 'The quoted text or the requirement was not found in the version the note was written against.', '');
    for (const n of ledger.unanchored) out.push(`- ${md(`${n.sidecar}: ${n.requirement} ${noteLine(n)}`)}`);
    out.push('');
  }
  const s = ledger.summary;
  const rows = summaryRows(ledger);
  out.push('## Summary', '', `- ${md(`${plural(s.notes, 'note')}: ${countsText(s.outcomes)}`)}`, `- ${md(`objections: ${countsText(s.objections)}`)}`, '');
  for (const t of [rows.reviewers, rows.versions]) {
    if (t.length < 2) continue;
    out.push(mdRow(t[0]!.map(md)), mdRow(t[0]!.map((_, c) => (c ? '---:' : '---'))), ...t.slice(1).map((r) => mdRow(r.map(md))), '');
  }
  return out.join('\n');
}

// --- HTML ----------------------------------------------------------------------------------------------

const PALETTE = 8;

/** Stacked bars: cost per practice of each spec, one bar per version. */
export function ledgerChart(ledger: Ledger): string {
  const specs = [...new Set(ledger.costs.flatMap((m) => [...m.keys()]))].sort();
  const totals = ledger.costs.map((m) => [...m.values()].reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const barH = 200;
  const barW = 56;
  const gap = 40;
  const left = 20;
  const top = 24;
  const width = left + ledger.versions.length * (barW + gap) + 200;
  const height = top + barH + 50;
  const parts: string[] = [];
  ledger.costs.forEach((m, i) => {
    const x = left + i * (barW + gap);
    let y = top + barH;
    specs.forEach((spec, k) => {
      const v = m.get(spec) ?? 0;
      if (v <= 0) return;
      const h = (v / max) * barH;
      y -= h;
      parts.push(
        `<rect x="${x}" y="${y.toFixed(1)}" width="${barW}" height="${h.toFixed(1)}" class="s${k % PALETTE}"><title>${esc(`${spec}, ${versionLabel(ledger, i)}: ${formatMoney(v)} a year per practice`)}</title></rect>`,
      );
    });
    parts.push(
      `<text x="${x + barW / 2}" y="${(top + barH - (totals[i]! / max) * barH - 6).toFixed(1)}" class="value" text-anchor="middle">${esc(formatMoney(totals[i]!))}</text>`,
    );
    parts.push(`<text x="${x + barW / 2}" y="${top + barH + 18}" class="label" text-anchor="middle">${esc(versionLabel(ledger, i))}</text>`);
  });
  const lx = left + ledger.versions.length * (barW + gap);
  specs.forEach((spec, k) => {
    parts.push(
      `<rect x="${lx}" y="${top + k * 20}" width="12" height="12" class="s${k % PALETTE}"/><text x="${lx + 18}" y="${top + k * 20 + 11}" class="label">${esc(spec)}</text>`,
    );
  });
  const aria = `Cost per practice a year by version: ${ledger.versions.map((_, i) => `${versionLabel(ledger, i)} ${formatMoney(totals[i]!)}`).join(', ')}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${Math.max(height, top + specs.length * 20 + 10)}" role="img" aria-label="${esc(aria)}">${parts.join('')}</svg>`;
}

/** The requirement's title in the latest version holding it. */
function latestTitle(t: LedgerThread): string {
  return [...t.history].reverse().find((e) => e.id !== null)?.title ?? '';
}

function cellHtml(e: HistoryEntry | undefined): string {
  if (!e) return '<td class="none"></td>';
  if (e.change === 'removed')
    return `<td class="change-removed"><span class="badge">removed</span>${e.version === null ? ' <small>spec gone</small>' : ''}</td>`;
  const badge = e.change === 'present' ? '' : ` <span class="badge">${esc(describeEntry(e))}</span>`;
  const facts = [
    `deadline ${e.deadline ?? '—'}`,
    `funding ${e.funding?.length ? e.funding.join(', ') : '—'}`,
    e.rating ? `rating ${e.rating}` : 'no rating',
    `${formatMoney(e.costPerPractice ?? 0)}/practice`,
  ];
  return `<td class="change-${esc(e.change)}${e.rating ? ` rating-${e.rating}` : ''}"><b>${esc(e.id ?? '')}</b>${badge}<div class="facts">${facts.map(esc).join('<br>')}</div></td>`;
}

function notesHtml(notes: LedgerNote[]): string {
  if (!notes.length) return '<td></td>';
  return `<td><ul>${notes
    .map(
      (n) =>
        `<li class="outcome-${esc(n.outcome)}"><b>${esc(n.id)}</b> ${esc(`${n.stance}, ${n.status}`)} <span class="outcome">${esc(n.outcome)}</span><br><small>${esc(`${n.reviewer ?? NO_REVIEWER}, ${n.version ?? 'no version'}${n.currentRequirement && n.currentRequirement !== n.requirement ? `, written on ${n.requirement}` : ''}`)}<br>${esc(n.sidecar)}</small>${n.body ? `<div class="body">${esc(n.body.trim())}</div>` : ''}</li>`,
    )
    .join('')}</ul></td>`;
}

function summaryHtml(ledger: Ledger): string {
  const s = ledger.summary;
  const rows = summaryRows(ledger);
  const tableOf = (t: string[][]) =>
    `<table><thead><tr>${t[0]!.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${t
      .slice(1)
      .map((r) => `<tr>${r.map((c, i) => `<td${i ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  return [
    '<h2>Summary</h2>',
    `<p>${esc(`${plural(s.notes, 'note')}: ${countsText(s.outcomes)}.`)}<br>${esc(`Objections: ${countsText(s.objections)}.`)}</p>`,
    rows.reviewers.length > 1 ? tableOf(rows.reviewers) : '',
    tableOf(rows.versions),
  ].join('\n');
}

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#1b1b1b}table{border-collapse:collapse;margin:1em 0}th,td{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}.facts,.title{color:#555;font-size:12px}.title{font-weight:normal}.badge{font-size:11px;background:#eee;border-radius:3px;padding:0 4px}td.change-removed{background:#fbeaea}td.change-added{background:#eaf6ea}td.rating-red{border-left:3px solid #c0392b}td.rating-amber{border-left:3px solid #e67e22}td.rating-green{border-left:3px solid #2e7d32}ul{margin:0;padding-left:1.2em}.outcome{font-weight:bold}.outcome-changed .outcome{color:#2e7d32}.outcome-removed .outcome{color:#6a1b9a}.outcome-unchanged .outcome{color:#c0392b}.outcome-unanchored .outcome{color:#777}.body{color:#333;font-size:12px;white-space:pre-wrap}.label,.value{font-size:12px;fill:#1b1b1b}.s0{fill:#1f77b4}.s1{fill:#ff7f0e}.s2{fill:#2ca02c}.s3{fill:#d62728}.s4{fill:#9467bd}.s5{fill:#8c564b}.s6{fill:#e377c2}.s7{fill:#7f7f7f}`;

/** One self-contained page: no scripts, no external assets; every text escaped. */
export function ledgerHtml(ledger: Ledger): string {
  const parts: string[] = ['<h1>Consultation ledger</h1>'];
  parts.push(
    `<ol class="versions">${ledger.versions.map((v) => `<li>${esc(v.version ?? '(versions differ)')} <small>${esc(v.path)}</small></li>`).join('')}</ol>`,
  );
  parts.push('<h2>Cost per practice a year, by version</h2>', ledgerChart(ledger));
  const labels = ledger.versions.map((_, i) => versionLabel(ledger, i));
  for (const [spec, threads] of bySpec(ledger)) {
    parts.push(
      `<section><h2>${esc(spec)}</h2><table><thead><tr><th>requirement</th>${labels.map((l) => `<th>${esc(l)}</th>`).join('')}<th>notes</th></tr></thead><tbody>`,
    );
    for (const t of threads)
      parts.push(
        `<tr><th scope="row">${esc(t.key)}<div class="title">${esc(latestTitle(t))}</div></th>${labels.map((_, i) => cellHtml(entryAt(t, i))).join('')}${notesHtml(t.notes)}</tr>`,
      );
    parts.push('</tbody></table></section>');
  }
  if (ledger.unanchored.length) {
    parts.push(
      `<h2>Unanchored notes</h2><p>The quoted text or the requirement was not found in the version the note was written against.</p><ul>${ledger.unanchored.map((n) => `<li>${esc(`${n.sidecar}: ${n.requirement} ${noteLine(n)}`)}</li>`).join('')}</ul>`,
    );
  }
  parts.push(summaryHtml(ledger));
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>Consultation ledger</title><style>${CSS}</style></head><body>${parts.join('\n')}</body></html>\n`;
}

// --- Word -----------------------------------------------------------------------------------------------

const cellParas = (...lines: (TextRun[] | string)[]) => ({ paras: lines.map((l) => para('ServiceSpecTableText', typeof l === 'string' ? [text(l)] : l)) });

function entryCell(e: HistoryEntry | undefined) {
  if (!e) return cellParas('');
  if (e.change === 'removed') return cellParas([text('removed', { bold: true })], e.version === null ? 'spec gone' : '');
  const change = e.change === 'present' ? [] : [text(` ${describeEntry(e)}`, { italic: true })];
  return cellParas(
    [text(e.id ?? '', { bold: true }), ...change],
    `deadline ${e.deadline ?? '—'}; funding ${e.funding?.length ? e.funding.join(', ') : '—'}; ${e.rating ? `rating ${e.rating}` : 'no rating'}; ${formatMoney(e.costPerPractice ?? 0)}/practice`,
  );
}

/** A table over the text width: the first and last columns as given, the rest share what is left. */
function widthsOf(columns: number, first: number, last: number): number[] {
  const middle = Math.floor((TEXT_WIDTH - first - last) / Math.max(1, columns - 2));
  const widths = [first, ...Array.from({ length: columns - 2 }, () => middle), last];
  widths[widths.length - 1] = TEXT_WIDTH - widths.slice(0, -1).reduce((a, b) => a + b, 0);
  return widths;
}

function plainTable(rows: string[][]): DocTable {
  return {
    type: 'table',
    style: 'ServiceSpecTable',
    widths: widthsOf(rows[0]!.length, Math.floor(TEXT_WIDTH / 3), Math.floor(TEXT_WIDTH / (rows[0]!.length + 1))),
    rows: rows.map((r, i) => ({ ...(i === 0 ? { header: true } : {}), cells: r.map((c) => cellParas(c)) })),
  };
}

/** The ledger as a Word document: the same tables as the other reports, one per spec, then the summary. */
export function ledgerDocx(ledger: Ledger): Uint8Array {
  const labels = ledger.versions.map((_, i) => versionLabel(ledger, i));
  const blocks: Block[] = [para('Title', [text('Consultation ledger')])];
  for (const [i, v] of ledger.versions.entries())
    blocks.push(para('Normal', [text(`${i + 1}. `), text(v.version ?? '(versions differ)', { bold: true }), text(` — ${v.path}`)]));
  for (const [spec, threads] of bySpec(ledger)) {
    blocks.push(para('Heading1', [text(spec)]));
    const header = { header: true, cells: ['requirement', ...labels, 'notes'].map((h) => cellParas([text(h, { bold: true })])) };
    const rows = threads.map((t) => ({
      cells: [
        cellParas([text(t.key, { bold: true })], latestTitle(t)),
        ...labels.map((_, i) => entryCell(entryAt(t, i))),
        cellParas(
          ...(t.notes.length ? t.notes.map((n) => `${n.id} ${n.stance} (${n.reviewer ?? NO_REVIEWER}, ${n.version ?? 'no version'}): ${n.outcome}`) : ['']),
        ),
      ],
    }));
    blocks.push({ type: 'table', style: 'ServiceSpecTable', widths: widthsOf(labels.length + 2, 1500, 2300), rows: [header, ...rows] });
  }
  if (ledger.unanchored.length) {
    blocks.push(
      para('Heading1', [text('Unanchored notes')]),
      para('Normal', [text('The quoted text or the requirement was not found in the version the note was written against.')]),
    );
    for (const n of ledger.unanchored) blocks.push(para('Normal', [text(`${n.sidecar}: ${n.requirement} ${noteLine(n)}`)]));
  }
  const s = ledger.summary;
  const rows = summaryRows(ledger);
  blocks.push(
    para('Heading1', [text('Summary')]),
    para('Normal', [text(`${plural(s.notes, 'note')}: ${countsText(s.outcomes)}.`)]),
    para('Normal', [text(`Objections: ${countsText(s.objections)}.`)]),
  );
  if (rows.reviewers.length > 1) blocks.push(plainTable(rows.reviewers));
  blocks.push(plainTable(rows.versions));
  const last = ledger.versions[ledger.versions.length - 1];
  return renderDocx(blocks, {
    title: 'Consultation ledger',
    ...(last?.published ? { date: last.published } : {}),
    subject: labels.join(' → '),
    footer: 'Consultation ledger',
  });
}
