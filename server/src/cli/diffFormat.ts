/**
 * Output formats of `service-spec diff`: json (the issue's keys), text (coloured on a terminal), markdown, html.
 * Every report is headed by what a negotiator looks for: the specs' titles and versions, the files beneath.
 */
import type { DiffResult } from '../node/diff.js';
import type { FieldChange, RequirementDiff } from '../core/diff/diff.js';
import { formatMoney } from '../core/estimator/estimate.js';
import { escapeHtml as esc, escapeMarkdown as md } from '../core/escape.js';
import { specHeading } from '../core/diff/html.js';

export function diffJson(result: DiffResult): string {
  const doc = {
    old: result.old,
    new: result.new,
    profile: result.profile,
    specs: result.specs.map((s) => ({
      id: s.id,
      change: s.change,
      oldFile: s.oldFile,
      newFile: s.newFile,
      oldVersion: s.oldVersion,
      newVersion: s.newVersion,
      oldTitle: s.oldTitle,
      newTitle: s.newTitle,
      frontMatter: s.frontMatter,
      requirements: s.requirements.map(({ headingStart: _h, ...r }) => r),
      costDeltaPerPcn: s.costDeltaPerPcn,
      costDeltaPerPractice: s.costDeltaPerPractice,
      costDeltaNational: s.costDeltaNational,
    })),
    summary: result.summary,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

const signed = (v: number) => (Math.abs(v) < 0.5 ? '£0' : v > 0 ? `+${formatMoney(v)}` : formatMoney(v));

export function describeField(f: FieldChange): string {
  if (f.field === 'Deadline') {
    const when =
      f.days === undefined
        ? ''
        : f.days > 0
          ? ` (${f.days} day${f.days === 1 ? '' : 's'} later)`
          : f.days < 0
            ? ` (${-f.days} day${f.days === -1 ? '' : 's'} earlier)`
            : '';
    return `Deadline ${f.old ?? '—'} → ${f.new ?? '—'}${when}`;
  }
  if (f.field === 'Funding' || f.field === 'Depends on') {
    const parts = [...(f.added ?? []).map((x) => `+${x}`), ...(f.removed ?? []).map((x) => `−${x}`)];
    return `${f.field} ${parts.join(', ')}`;
  }
  if (f.field === 'Text') return 'Text changed';
  return `${f.field}: ${f.old ?? '—'} → ${f.new ?? '—'}`;
}

function headline(r: RequirementDiff): string {
  const id = r.change === 'renumbered' ? `${r.oldId} → ${r.id}` : r.id;
  const moved =
    r.moved || r.change === 'moved' ? (r.oldSection !== r.newSection ? ` (moved: ${r.oldSection ?? '—'} → ${r.newSection ?? '—'})` : ' (moved)') : '';
  return `${r.change.padEnd(10)} ${id}: ${r.title}${moved}`;
}

type SpecEntry = DiffResult['specs'][number];

/** The report's heading: the spec's title and versions (files), or how many specs and their versions (folders). */
export function reportHeading(result: DiffResult): string {
  if (!result.folders && result.specs.length === 1) return specHeading(result.specs[0]!);
  const versions = (pick: (s: SpecEntry) => string | null) => {
    const vs = [...new Set(result.specs.map(pick).filter((v): v is string => v !== null))];
    return vs.length === 1 ? vs[0]! : vs.length ? 'several versions' : 'none';
  };
  const n = result.specs.length;
  return `${n} spec${n === 1 ? '' : 's'}: ${versions((s) => s.oldVersion)} → ${versions((s) => s.newVersion)}`;
}

/** The files compared, beneath a heading (one file for a spec added or removed). */
function filesLine(oldFile: string | null, newFile: string | null): string {
  return oldFile && newFile ? `${oldFile} → ${newFile}` : (oldFile ?? newFile ?? '');
}

const C = { added: '\x1b[32m', removed: '\x1b[31m', modified: '\x1b[33m', renumbered: '\x1b[36m', moved: '\x1b[35m', unchanged: '\x1b[2m' } as const;

function costLine(s: SpecEntry): string {
  return `${s.id ?? '?'}: ${s.change}; cost ${signed(s.costDeltaPerPractice)} per practice, ${signed(s.costDeltaPerPcn)} per PCN`;
}

export function diffText(result: DiffResult, colour = false): string {
  const bold = (t: string) => (colour ? `\x1b[1m${t}\x1b[0m` : t);
  const out: string[] = [bold(reportHeading(result)), `${filesLine(result.old.file, result.new.file)}  (profile ${result.profile})`, ''];
  for (const s of result.specs) {
    if (result.folders) out.push(bold(specHeading(s)), `  ${filesLine(s.oldFile, s.newFile)}`, `  ${costLine(s)}`);
    else out.push(costLine(s));
    for (const f of s.frontMatter) out.push(`  front-matter ${f.field}: ${f.old ?? '—'} → ${f.new ?? '—'}`);
    for (const r of s.requirements) {
      if (r.change === 'unchanged') continue;
      const line = `  ${headline(r)}  [${r.direction}; ${signed(r.costDeltaPerPractice)}/practice]`;
      out.push(colour ? `${C[r.change]}${line}\x1b[0m` : line);
      for (const f of r.fields) out.push(`      ${describeField(f)}`);
    }
    out.push('');
  }
  const m = result.summary;
  out.push(
    `${m.added} added, ${m.removed} removed, ${m.modified} modified, ${m.renumbered} renumbered, ${m.moved} moved, ${m.unchanged} unchanged; cost ${signed(m.costDeltaPerPractice)} per practice, ${signed(m.costDeltaPerPcn)} per PCN, ${signed(m.costDeltaNational)} nationally`,
  );
  out.push(`tightened (${m.tightened.length}): ${m.tightened.join(', ') || 'none'}`);
  out.push(`relaxed (${m.relaxed.length}): ${m.relaxed.join(', ') || 'none'}`);
  return out.join('\n') + '\n';
}

export function diffMarkdown(result: DiffResult): string {
  const m = result.summary;
  const out: string[] = [`# ${md(reportHeading(result))}`, '', `${md(filesLine(result.old.file, result.new.file))} · profile ${md(result.profile)}`, ''];
  out.push(`**${signed(m.costDeltaPerPractice)} a year per practice** (${signed(m.costDeltaPerPcn)} per PCN, ${signed(m.costDeltaNational)} nationally).`, '');
  out.push(
    `| added | removed | modified | renumbered | moved | unchanged |`,
    '|---:|---:|---:|---:|---:|---:|',
    `| ${m.added} | ${m.removed} | ${m.modified} | ${m.renumbered} | ${m.moved} | ${m.unchanged} |`,
    '',
  );
  out.push(`- Obligations tightened: ${m.tightened.map(md).join(', ') || 'none'}`, `- Obligations relaxed: ${m.relaxed.map(md).join(', ') || 'none'}`, '');
  for (const s of result.specs) {
    out.push(`## ${md(specHeading(s))}`, '');
    if (result.folders) out.push(md(filesLine(s.oldFile, s.newFile)), '');
    out.push(`${md(s.id ?? '?')}: ${s.change}. Cost: ${signed(s.costDeltaPerPractice)} per practice a year, ${signed(s.costDeltaPerPcn)} per PCN.`, '');
    if (s.frontMatter.length) out.push(...s.frontMatter.map((f) => `- front-matter ${md(f.field)}: ${md(f.old ?? '—')} → ${md(f.new ?? '—')}`), '');
    const changed = s.requirements.filter((r) => r.change !== 'unchanged');
    if (changed.length) {
      out.push('| requirement | change | what changed | £/practice |', '|---|---|---|---:|');
      for (const r of changed) {
        const id = r.change === 'renumbered' ? `${r.oldId} → ${r.id}` : r.id;
        const what = [...r.fields.map(describeField), ...(r.moved ? ['moved'] : [])].map(md).join('; ') || (r.change === 'moved' ? 'moved' : '');
        out.push(`| ${md(id)} ${md(r.title)} | ${r.change} | ${what} | ${signed(r.costDeltaPerPractice)} |`);
      }
      out.push('');
    }
  }
  return out.join('\n');
}

export function diffHtml(result: DiffResult): string {
  const m = result.summary;
  const parts: string[] = [];
  parts.push(`<h1>${esc(reportHeading(result))}</h1>`, `<p class="files">${esc(filesLine(result.old.file, result.new.file))}</p>`);
  parts.push(
    `<p class="total">${esc(`${signed(m.costDeltaPerPractice)} a year per practice · ${signed(m.costDeltaPerPcn)} per PCN · ${signed(m.costDeltaNational)} nationally · profile ${result.profile}`)}</p>`,
  );
  parts.push(
    `<p>${esc(`${m.added} added, ${m.removed} removed, ${m.modified} modified, ${m.renumbered} renumbered, ${m.moved} moved, ${m.unchanged} unchanged`)}</p>`,
  );
  parts.push(`<p>${esc(`Tightened: ${m.tightened.join(', ') || 'none'}. Relaxed: ${m.relaxed.join(', ') || 'none'}.`)}</p>`);
  for (const s of result.specs) {
    parts.push(`<section><h2>${esc(specHeading(s))}</h2>`);
    if (result.folders) parts.push(`<p class="files">${esc(filesLine(s.oldFile, s.newFile))}</p>`);
    parts.push(
      `<p class="cost">${esc(`${s.id ?? '?'}: ${s.change}; ${signed(s.costDeltaPerPractice)} per practice · ${signed(s.costDeltaPerPcn)} per PCN`)}</p>`,
    );
    for (const r of s.requirements.filter((x) => x.change !== 'unchanged')) {
      const words = r.words
        ? `<p class="words">${r.words.map((w) => (w.added ? `<ins>${esc(w.value)}</ins>` : w.removed ? `<del>${esc(w.value)}</del>` : esc(w.value))).join('')}</p>`
        : '';
      const fields = r.fields
        .filter((f) => f.field !== 'Text')
        .map((f) => `<li>${esc(describeField(f))}</li>`)
        .join('');
      parts.push(
        `<article class="change ${esc(r.change)}"><h3>${esc(headline(r))}</h3><p class="cost">${esc(`${signed(r.costDeltaPerPractice)} per practice · ${r.direction}`)}</p>${fields ? `<ul>${fields}</ul>` : ''}${words}</article>`,
      );
    }
    parts.push('</section>');
  }
  const css = `body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1b1b1b}.files{color:#555;font-size:13px}.change{border-left:5px solid #999;padding:.2em .8em;margin:.6em 0}.added{border-color:#2e7d32}.removed{border-color:#c0392b}.modified{border-color:#e69614}.renumbered{border-color:#1565c0}.moved{border-color:#7b1fa2}ins{background:#d7f5dd;text-decoration:none}del{background:#fbd9d6}.cost{color:#555}`;
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${esc(reportHeading(result))}</title><style>${css}</style></head><body>${parts.join('\n')}</body></html>\n`;
}
