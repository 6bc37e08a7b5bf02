import type { Rule } from './types.js';

/** A note whose requirement is gone and whose text is found nowhere else. */
export const orphanedReviewNote: Rule = {
  id: 'orphaned-review-note',
  defaultSeverity: 'warning',
  description: 'Review note whose requirement is gone and whose quote or snapshot matches no other requirement',
  checkReview({ review, spec, anchors, report }) {
    if (!spec) return;
    for (const note of review.notes) {
      // Resolved and withdrawn notes have done their job: only open ones need the author's attention.
      if (note.status !== 'open' || anchors.get(note)?.state !== 'orphaned') continue;
      report(
        note.requirementRange,
        `Note ${note.id} (${note.stance}, ${note.status}) is about ${note.requirement}, which is no longer in the spec, and ${note.quote ? 'its quote matches no other requirement' : note.snapshot ? 'its snapshot matches no other requirement' : 'it has no quote or snapshot to follow'}; the requirement was removed, or the note needs a new requirement id`,
        { note: note.id },
      );
    }
  },
};
