import type { Rule } from './types.js';

/** A note that follows its text to another requirement (renumbered or moved); a quick fix updates its id. */
export const reanchoredReviewNote: Rule = {
  id: 'reanchored-review-note',
  defaultSeverity: 'info',
  description: 'Review note whose text is now under another requirement id (renumbered or moved)',
  checkReview({ review, anchors, report }) {
    for (const note of review.notes) {
      const a = anchors.get(note);
      if (a?.state !== 'reanchored') continue;
      report(
        note.requirementRange,
        `Note ${note.id} names ${note.requirement}, but the text it is about is now in ${a.currentRequirement}; expected requirement: ${a.currentRequirement}`,
        { note: note.id, suggestion: a.currentRequirement },
      );
    }
  },
};
