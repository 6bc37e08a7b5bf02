import type { Rule } from './types.js';

/** A note whose quoted text is no longer in its requirement (the text it objected to has changed). */
export const staleReviewNote: Rule = {
  id: 'stale-review-note',
  defaultSeverity: 'warning',
  description: 'Review note whose quoted text is no longer in its requirement',
  checkReview({ review, anchors, report }) {
    for (const note of review.notes) {
      // Resolved and withdrawn notes have done their job: only open ones need the author's attention.
      if (note.status !== 'open' || anchors.get(note)?.state !== 'stale') continue;
      report(
        note.requirementRange,
        `Note ${note.id} (${note.stance}, ${note.status}) quotes "${note.quote}", which is no longer in ${note.requirement}: the text it was about has changed; re-read the requirement and update or resolve the note`,
        { note: note.id },
      );
    }
  },
};
