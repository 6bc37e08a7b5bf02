import type { ReviewNote } from '../review/sidecar.js';
import type { ReviewOfSpec, Rule } from './types.js';

/** On the spec: a requirement with open objections from reviewers, so every LSP editor sees them. */
export const openObjection: Rule = {
  id: 'open-objection',
  defaultSeverity: 'info',
  description: 'Requirement with open objections in a review sidecar',
  checkSpec({ spec, reviews, report }) {
    // Open objections by the requirement they are anchored to now, in sidecar then note order.
    const byRequirement = new Map<string, { n: ReviewNote; r: ReviewOfSpec }[]>();
    for (const r of reviews) {
      for (const n of r.review.notes) {
        const id = n.stance === 'object' && n.status === 'open' ? r.anchors.get(n)?.currentRequirement : undefined;
        if (id === undefined) continue;
        let list = byRequirement.get(id);
        if (!list) byRequirement.set(id, (list = []));
        list.push({ n, r });
      }
    }
    if (!byRequirement.size) return;
    for (const req of spec.requirements) {
      const notes = byRequirement.get(req.id);
      if (!notes) continue;
      const who = [...new Set(notes.map(({ r }) => r.review.reviewer ?? r.file))].join('; ');
      report(
        req.headingRange,
        `${req.id} has ${notes.length} open objection${notes.length === 1 ? '' : 's'} from ${who}: ${notes.map(({ n }) => `"${firstSentence(n.body ?? '')}"`).join('; ')}`,
        { notes: notes.map(({ n }) => n.id) },
      );
    }
  },
};

function firstSentence(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  const m = /^.*?[.!?](?=\s|$)/.exec(text);
  const s = m ? m[0] : text;
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}
