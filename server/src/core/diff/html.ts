/** The comparison webview's content: summary and one card per change, every text escaped. */
import { formatMoney } from '../estimator/estimate.js';
import { esc } from '../html.js';
import type { FieldChange, RequirementDiff, SpecDiff } from './diff.js';

const signed = (v: number) => (Math.abs(v) < 0.5 ? '£0' : v > 0 ? `+${formatMoney(v)}` : formatMoney(v));

export function describeChange(f: FieldChange): string {
  if (f.field === 'Deadline')
    return `Deadline ${f.old ?? '—'} → ${f.new ?? '—'}${f.days ? ` (${Math.abs(f.days)} day${Math.abs(f.days) === 1 ? '' : 's'} ${f.days > 0 ? 'later' : 'earlier'})` : ''}`;
  if (f.field === 'Funding' || f.field === 'Depends on')
    return `${f.field} ${[...(f.added ?? []).map((x) => `+${x}`), ...(f.removed ?? []).map((x) => `−${x}`)].join(', ')}`;
  if (f.field === 'Text') return 'text changed';
  return `${f.field} changed`;
}

/** `Title: old version → new version` (the id when there is no title; one side for an added or removed spec). */
export function specHeading(d: SpecDiff): string {
  const title = d.newTitle ?? d.oldTitle ?? d.id ?? 'Untitled spec';
  if (d.change === 'added') return `${title}: ${d.newVersion ?? 'no version'} (added)`;
  if (d.change === 'removed') return `${title}: ${d.oldVersion ?? 'no version'} (removed)`;
  const renamed = d.oldTitle && d.newTitle && d.oldTitle !== d.newTitle ? ` (was ${d.oldTitle})` : '';
  return `${title}${renamed}: ${d.oldVersion ?? 'no version'} → ${d.newVersion ?? 'no version'}`;
}

/** A one-line summary of what changed in a requirement, for lenses. */
export function changeLine(r: RequirementDiff): string {
  const what = r.fields.map(describeChange);
  if (r.change === 'renumbered') what.unshift(`was ${r.oldId}`);
  if (r.moved || r.change === 'moved') what.push('moved');
  if (Math.abs(r.costDeltaPerPractice) >= 0.5) what.push(`${signed(r.costDeltaPerPractice)}/practice`);
  return what.join(' · ');
}

export function diffBody(d: SpecDiff, oldLabel: string, newLabel: string): string {
  const out: string[] = [];
  const count = (c: string) => d.requirements.filter((r) => r.change === c).length;
  out.push(`<header><h1>${esc(`${d.id ?? 'spec'}: ${oldLabel} → ${newLabel}`)}</h1>`);
  out.push(
    `<p class="total"><b>${esc(signed(d.costDeltaPerPractice))}</b> a year per practice · ${esc(signed(d.costDeltaPerPcn))} per PCN · ${esc(signed(d.costDeltaNational))} nationally</p>`,
  );
  out.push(`<p>${['added', 'removed', 'modified', 'renumbered', 'moved', 'unchanged'].map((c) => `${count(c)} ${c}`).join(' · ')}</p></header>`);
  for (const f of d.frontMatter) out.push(`<p class="fm">${esc(`${f.field}: ${f.old ?? '—'} → ${f.new ?? '—'}`)}</p>`);
  for (const r of d.requirements) {
    if (r.change === 'unchanged') continue;
    const reveal = r.change === 'removed' ? '' : ` data-offset="${r.headingStart}" tabindex="0" role="button"`;
    const id = r.change === 'renumbered' ? `${r.oldId} → ${r.id}` : r.id;
    const fields = r.fields
      .filter((f) => f.field !== 'Text')
      .map((f) => `<li>${esc(describeChange(f))}</li>`)
      .join('');
    const words = r.words
      ? `<p class="words">${r.words.map((w) => (w.added ? `<ins>${esc(w.value)}</ins>` : w.removed ? `<del>${esc(w.value)}</del>` : esc(w.value))).join('')}</p>`
      : '';
    out.push(
      `<article class="card change-${r.change}"${reveal}><h3><span class="id">${esc(id)}</span> ${esc(r.title)} <small>${esc(r.change)}${r.moved ? ', moved' : ''} · ${esc(r.direction)} · ${esc(signed(r.costDeltaPerPractice))}/practice</small></h3>${fields ? `<ul>${fields}</ul>` : ''}${words}</article>`,
    );
  }
  return out.join('\n');
}
