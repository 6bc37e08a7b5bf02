import type { Rule } from './types.js';

/** On the spec: a requirement with open objections from reviewers, so every LSP editor sees them. */
export const openObjection: Rule = {
  id: 'open-objection',
  defaultSeverity: 'info',
  description: 'Requirement with open objections in a review sidecar',
  checkSpec({ spec, reviews, report }) {
    for (const req of spec.requirements) {
      const notes = reviews.flatMap((r) =>
        r.review.notes.filter((n) => n.stance === 'object' && n.status === 'open' && r.anchors.get(n)?.currentRequirement === req.id).map((n) => ({ n, r })),
      );
      if (!notes.length) continue;
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
