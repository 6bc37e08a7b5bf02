/** Output formats of `service-spec review`: text, json (the issue's keys), markdown. */
import { escapeMarkdown as md } from '../core/escape.js';
import type { ReviewResult } from '../node/review.js';

export function reviewJson(result: ReviewResult): string {
  return JSON.stringify({ reviews: result.reviews, summary: result.summary }, null, 2) + '\n';
}

const MARK: Record<string, string> = { ok: '', reanchored: 'REANCHORED', stale: 'STALE', orphaned: 'ORPHANED' };

export function reviewText(result: ReviewResult): string {
  const out: string[] = [];
  for (const r of result.reviews) {
    out.push(`${r.file}  reviews ${r.spec ?? '?'}${r.reviewer ? `  (${r.reviewer})` : ''}`);
    for (const p of r.problems) out.push(`  invalid: ${p}`);
    const byReq = new Map<string, typeof r.notes>();
    for (const n of r.notes) {
      const key = n.currentRequirement ?? n.requirement;
      byReq.set(key, [...(byReq.get(key) ?? []), n]);
    }
    for (const [req, notes] of byReq) {
      const counts = countBy(notes.map((n) => `${n.stance}/${n.status}`));
      out.push(
        `  ${req}: ${Object.entries(counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}`,
      );
      for (const n of notes) {
        // Not anchored (the spec cannot be read: the sidecar's problem says why) is not a state to mark.
        if (n.anchor === 'ok' || n.anchor === null) continue;
        const where =
          n.anchor === 'reanchored'
            ? ` (was ${n.requirement}, now ${n.currentRequirement})`
            : n.anchor === 'orphaned'
              ? ` (${n.requirement} is gone)`
              : ` (quoted text changed in ${n.requirement})`;
        out.push(`    ${MARK[n.anchor]} ${n.id} ${n.stance} ${n.status}${where}`);
      }
    }
    out.push('');
  }
  const s = result.summary;
  out.push(
    `${s.notes} notes: ${s.open} open, ${s.resolved} resolved, ${s.withdrawn} withdrawn; ${s.ok} ok, ${s.reanchored} reanchored, ${s.stale} stale, ${s.orphaned} orphaned; by stance: ${
      Object.entries(s.byStance)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ') || 'none'
    }`,
  );
  return out.join('\n') + '\n';
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

export function reviewMarkdown(result: ReviewResult): string {
  const out: string[] = ['# Review notes', ''];
  const s = result.summary;
  out.push(
    `${s.notes} notes — ${s.open} open, ${s.resolved} resolved, ${s.withdrawn} withdrawn — ${s.reanchored} reanchored, ${s.stale} stale, ${s.orphaned} orphaned.`,
    '',
  );
  for (const r of result.reviews) {
    out.push(`## ${md(r.reviewer ?? r.file)} on ${md(r.spec ?? '?')}`, '', md(r.file), '');
    for (const p of r.problems) out.push(`- **invalid:** ${md(p)}`);
    out.push('| note | requirement | stance | status | anchor | note text |', '|---|---|---|---|---|---|');
    for (const n of r.notes) {
      const req = n.anchor === 'reanchored' ? `${n.requirement} → ${n.currentRequirement}` : n.requirement;
      out.push(`| ${md(n.id)} | ${md(req)} | ${md(n.stance)} | ${md(n.status)} | ${n.anchor ?? 'not anchored'} | ${md((n.body ?? '').replace(/\s+/g, ' '))} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
